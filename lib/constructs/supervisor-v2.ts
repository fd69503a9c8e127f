/**
 * A typed binding for `vsphere_supervisor_v2` (vmware/vsphere 2.16.0–2.16.1), written by hand: the prebuilt
 * `@cdktf/provider-vsphere` bindings stop at provider 2.15.0. It covers what HAProxy on vSphere networking
 * needs and nothing the provider drops or rejects: no `images` or `storage` (2.16.x reads them from top-level
 * keys that do not exist and sends nothing, `supervisor_helper.go` lines 170 and 175), no `proxy` (its
 * `CLUSTER_CONFIGURED` source always fails, lines 540-569), no NSX edges. The schema it follows is
 * committed as `test/fixtures/supervisor-v2/schema.json`, and a test checks every synthesized resource against
 * it.
 *
 * Why by hand rather than cdktf's provider generator: the generator would emit ~6,000 lines for every NSX,
 * VPC and Foundation block, including the dropped `images`/`storage`; a small binding keeps out what must not
 * be sent, and its JSON is pinned by the schema test either way.
 */
import { TerraformMetaArguments, TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { hclAttributes, lifecycleForHcl } from "./hcl-rendering";
import { metaArguments } from "./terraform-data";
import { bool, listOf, num, objectOf, optional, PropSpec, required, str } from "../model/prop-spec";
import { checkConstructProps } from "./construct-props";

/** An address range as the Supervisor API takes it: first address and number of addresses. */
export interface SupervisorV2Range {
  /** First address. */
  readonly address: string;
  /** Number of addresses. */
  readonly count: number;
}

/** Who an address range is for: `NODE` (control-plane VMs and cluster nodes) or `SERVICE` (cluster IPs). */
export interface SupervisorV2IpAssignment {
  /** `NODE`, `SERVICE` (or `POD`, NSX only). */
  readonly assignee: string;
  /**
   * The ranges: the provider's `range` blocks (named `ranges` here, as `range` is a reserved word of Go, one of
   * the construct library's languages).
   */
  readonly ranges: SupervisorV2Range[];
}

/** Static addressing of a network. */
export interface SupervisorV2IpManagement {
  /** Always sent (false when unset): give it. */
  readonly dhcpEnabled: boolean;
  /** The gateway in CIDR form, `10.0.0.1/24`. */
  readonly gatewayAddress: string;
  /** The address ranges and who they are for. */
  readonly ipAssignment: SupervisorV2IpAssignment[];
}

/** DNS servers and search domains of a network. */
export interface SupervisorV2Dns {
  /** DNS servers (IPv4 addresses). */
  readonly servers: string[];
  /** DNS search domains. */
  readonly searchDomains: string[];
}

/** NTP servers of a network. */
export interface SupervisorV2Ntp {
  /** NTP servers (names or addresses). */
  readonly servers: string[];
}

/** DNS and NTP of a network. */
export interface SupervisorV2Services {
  /** DNS servers (IPv4 addresses) and search domains. */
  readonly dns: SupervisorV2Dns;
  /** NTP servers. */
  readonly ntp: SupervisorV2Ntp;
}

/** The control plane: its VMs and their management network. */
export interface SupervisorV2ControlPlane {
  /** Number of control-plane VMs. */
  readonly count: number;
  /** `TINY`, `SMALL`, `MEDIUM` or `LARGE`. */
  readonly size: string;
  /** Storage policy id of the control-plane VMs. */
  readonly storagePolicy: string;
  /** The management network. */
  readonly network: SupervisorV2ManagementNetwork;
}

/** The port group a network's NICs join. */
export interface SupervisorV2Backing {
  /** The port group (a MoID). */
  readonly network: string;
}

/** The control plane's management network. */
export interface SupervisorV2ManagementNetwork {
  /** An identifier of the network (a DNS label). */
  readonly network: string;
  /** The port group the control-plane VMs' management NICs join (`backing { network }`). */
  readonly backing: SupervisorV2Backing;
  /** Static addressing. */
  readonly ipManagement: SupervisorV2IpManagement;
  /** DNS and NTP. */
  readonly services: SupervisorV2Services;
}

/** Where the Foundation Load Balancer's nodes run. */
export interface SupervisorV2FoundationTarget {
  /** `ACTIVE_PASSIVE` or `SINGLE_NODE`. @default - not sent */
  readonly availability?: string;
  /** `SMALL`, `MEDIUM`, `LARGE` or `X_LARGE`. @default - not sent */
  readonly deploymentSize?: string;
  /** Storage policy id. @default - not sent */
  readonly storagePolicy?: string;
}

/** Static addressing of a Foundation Load Balancer interface. */
export interface SupervisorV2FoundationIpConfig {
  /** The interface's addresses. */
  readonly ipRange: SupervisorV2Range[];
  /** The port group's gateway in CIDR form, `10.0.0.1/24` (`validation.IsCIDR`). */
  readonly gateway: string;
}

/** The distributed port group of a Foundation Load Balancer interface. */
export interface SupervisorV2FoundationDvpg {
  /** A display name (a DNS label). */
  readonly name: string;
  /** The port group's MoID. */
  readonly network: string;
  /** `STATIC` or `DHCP`. */
  readonly ipam: string;
  readonly ipConfig: SupervisorV2FoundationIpConfig;
}

/** The network of a Foundation Load Balancer interface. */
export interface SupervisorV2FoundationNetwork {
  /** `DVPG` (or `SUPERVISOR_MANAGEMENT`, `PRIMARY_WORKLOAD`). */
  readonly networkType: string;
  readonly dvpgNetwork: SupervisorV2FoundationDvpg;
}

/** One interface of the Foundation Load Balancer. */
export interface SupervisorV2FoundationInterface {
  /** `MANAGEMENT`, `WORKLOAD`, `FRONTEND`. */
  readonly personas: string[];
  readonly network: SupervisorV2FoundationNetwork;
}

/** Remote logging of the Foundation Load Balancer. */
export interface SupervisorV2Syslog {
  readonly endpoint: string;
  /** @default - not sent */
  readonly caCert?: string;
}

/** DNS, NTP and syslog of the Foundation Load Balancer. */
export interface SupervisorV2FoundationServices {
  readonly dns: SupervisorV2Dns;
  readonly ntp: SupervisorV2Ntp;
  /** @default - not sent */
  readonly syslog?: SupervisorV2Syslog;
}

/** The vSphere Foundation Load Balancer (`edge.foundation`, vSphere 9). */
export interface SupervisorV2Foundation {
  /** @default - not sent */
  readonly deploymentTarget?: SupervisorV2FoundationTarget;
  /**
   * The interfaces: the provider's `interface` blocks (named `interfaces` here, as `interface` is a reserved word
   * of C#, Java and Go, three of jsii's languages).
   */
  readonly interfaces: SupervisorV2FoundationInterface[];
  readonly networkServices: SupervisorV2FoundationServices;
}

/** The load balancer: exactly one of `haproxy` and `foundation`. */
export interface SupervisorV2Edge {
  /** The load balancer's id (a DNS label). */
  readonly id: string;
  /** The VIP ranges the Supervisor hands to Services. */
  readonly lbAddressRange: SupervisorV2Range[];
  /** @default - not HAProxy */
  readonly haproxy?: SupervisorV2Haproxy;
  /** @default - not the Foundation Load Balancer */
  readonly foundation?: SupervisorV2Foundation;
}

/** The workloads: the primary workload network, the load balancer, the API server. */
export interface SupervisorV2Workloads {
  /** The primary workload network. */
  readonly network: SupervisorV2WorkloadNetwork;
  /** The load balancer: HAProxy (`haproxy`) or the vSphere Foundation Load Balancer (`foundation`). */
  readonly edge: SupervisorV2Edge;
  /**
   * API server options. The block is required, and provider 2.16.1 dereferences its first element and that of
   * `security` without a nil check (`supervisor_helper.go` 156, 747): give `security` with at least one name.
   */
  readonly kubeApiServerOptions: SupervisorV2KubeApiServerOptions;
}

/** The distributed port group of a workload network. */
export interface SupervisorV2VsphereNetwork {
  /** The distributed port group (a MoID). */
  readonly dvpg: string;
}

/** The primary workload network. */
export interface SupervisorV2WorkloadNetwork {
  /** Its name (a DNS label). */
  readonly network: string;
  /** The distributed port group (`vsphere { dvpg }`). */
  readonly vsphere: SupervisorV2VsphereNetwork;
  /** Static addressing. */
  readonly ipManagement: SupervisorV2IpManagement;
  /** DNS and NTP. */
  readonly services: SupervisorV2Services;
}

/** A Data Plane API endpoint of the appliance. */
export interface SupervisorV2HaproxyServer {
  /** The appliance's management address. */
  readonly host: string;
  /** The Data Plane API port, e.g. 5556. */
  readonly port: number;
}

/** The HAProxy appliance as the Supervisor reaches it. */
export interface SupervisorV2Haproxy {
  /** The Data Plane API endpoint(s). */
  readonly server: SupervisorV2HaproxyServer[];
  /** The Data Plane API user. */
  readonly username: string;
  /** The Data Plane API password. */
  readonly password: string;
  /** The PEM of the CA that signed the appliance's certificate. */
  readonly caChain: string;
}

/** The API server's certificate names. */
export interface SupervisorV2ApiServerSecurity {
  /** DNS names of the API server's certificate (at least one). */
  readonly certificateDnsNames: string[];
}

/** API server options. */
export interface SupervisorV2KubeApiServerOptions {
  /** The certificate's names. */
  readonly security: SupervisorV2ApiServerSecurity;
}

/** Timeouts of `vsphere_supervisor_v2`. */
export interface SupervisorV2Timeouts {
  /**
   * How long a create may take, e.g. `90m`.
   * @default - the provider's 60m
   */
  readonly create?: string;
}

/** Config of {@link SupervisorV2}. */
export interface SupervisorV2Config extends TerraformMetaArguments {
  /** The Supervisor's name. */
  readonly name: string;
  /**
   * The cluster's managed object id (`domain-c…`), although the provider's description says "name"; exactly one
   * of `cluster` and `zones`.
   * @default - none: `zones`
   */
  readonly cluster?: string;
  /**
   * The vSphere Zones (names) of a Supervisor on three zones (`EnableOnZonesSpec`).
   * @default - none: `cluster`
   */
  readonly zones?: string[];
  readonly controlPlane: SupervisorV2ControlPlane;
  readonly workloads: SupervisorV2Workloads;
  /**
   * How long a create may take before the provider gives up (it then leaves the resource tainted).
   * @default - the provider's 60m
   */
  readonly timeouts?: SupervisorV2Timeouts;
}

const RANGE = objectOf({ fields: { address: required(str), count: required(num) } });
const IP_MANAGEMENT = objectOf({
  fields: {
    dhcpEnabled: required(bool),
    gatewayAddress: required(str),
    ipAssignment: required(
      listOf(
        objectOf({
          fields: { assignee: required(str), ranges: required(listOf(RANGE)) },
          // The provider's and the Supervisor API's name; `range` is a reserved word of Go (jsii).
          renamed: { range: "ranges" },
        }),
      ),
    ),
  },
});
const SERVICES = objectOf({
  fields: {
    dns: required(
      objectOf({ fields: { servers: required(listOf(str)), searchDomains: required(listOf(str)) } }),
    ),
    ntp: required(objectOf({ fields: { servers: required(listOf(str)) } })),
  },
});

const FOUNDATION_INTERFACE = objectOf({
  fields: {
    personas: required(listOf(str)),
    network: required(
      objectOf({
        fields: {
          networkType: required(str),
          dvpgNetwork: required(
            objectOf({
              fields: {
                name: required(str),
                network: required(str),
                ipam: required(str),
                ipConfig: required(
                  objectOf({ fields: { ipRange: required(listOf(RANGE)), gateway: required(str) } }),
                ),
              },
            }),
          ),
        },
      }),
    ),
  },
});

/** The run-time shape of {@link SupervisorV2Config}, with cdktf's meta-arguments passed through unchecked. */
export const SUPERVISOR_V2_CONFIG_SPEC: PropSpec = {
  fields: {
    name: required(str),
    cluster: optional(str),
    zones: optional(listOf(str)),
    controlPlane: required(
      objectOf({
        fields: {
          count: required(num),
          size: required(str),
          storagePolicy: required(str),
          network: required(
            objectOf({
              fields: {
                network: required(str),
                backing: required(objectOf({ fields: { network: required(str) } })),
                ipManagement: required(IP_MANAGEMENT),
                services: required(SERVICES),
              },
            }),
          ),
        },
      }),
    ),
    workloads: required(
      objectOf({
        fields: {
          network: required(
            objectOf({
              fields: {
                network: required(str),
                vsphere: required(objectOf({ fields: { dvpg: required(str) } })),
                ipManagement: required(IP_MANAGEMENT),
                services: required(SERVICES),
              },
            }),
          ),
          edge: required(
            objectOf({
              fields: {
                id: required(str),
                lbAddressRange: required(listOf(RANGE)),
                foundation: optional(
                  objectOf({
                    fields: {
                      deploymentTarget: optional(
                        objectOf({
                          fields: {
                            availability: optional(str),
                            deploymentSize: optional(str),
                            storagePolicy: optional(str),
                          },
                        }),
                      ),
                      interfaces: required(listOf(FOUNDATION_INTERFACE)),
                      networkServices: required(
                        objectOf({
                          fields: {
                            dns: required(
                              objectOf({
                                fields: {
                                  servers: required(listOf(str)),
                                  searchDomains: required(listOf(str)),
                                },
                              }),
                            ),
                            ntp: required(objectOf({ fields: { servers: required(listOf(str)) } })),
                            syslog: optional(
                              objectOf({ fields: { endpoint: required(str), caCert: optional(str) } }),
                            ),
                          },
                        }),
                      ),
                    },
                    renamed: { interface: "interfaces" },
                  }),
                ),
                haproxy: optional(
                  objectOf({
                    fields: {
                      server: required(
                        listOf(objectOf({ fields: { host: required(str), port: required(num) } })),
                      ),
                      username: required(str),
                      password: required(str),
                      caChain: required(str),
                    },
                  }),
                ),
              },
            }),
          ),
          kubeApiServerOptions: required(
            objectOf({
              fields: {
                security: required(objectOf({ fields: { certificateDnsNames: required(listOf(str)) } })),
              },
            }),
          ),
        },
      }),
    ),
    timeouts: optional(objectOf({ fields: { create: optional(str) } })),
  },
  passThrough: ["dependsOn", "count", "provider", "lifecycle", "forEach", "provisioners", "connection"],
};

/** Keys named otherwise here than by the provider: `range` and `interface` are reserved words of jsii's languages. */
const PROVIDER_KEYS = new Map([
  ["ranges", "range"],
  ["interfaces", "interface"],
]);

/**
 * `camelCase` keys to the provider's `snake_case`, recursively (values, tokens included, pass through);
 * `ranges` is the provider's `range`, `interfaces` its `interface`.
 */
export function snake(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(snake);
  }
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [PROVIDER_KEYS.get(k) ?? k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snake(v)]),
  );
}

/** `vsphere_supervisor_v2`: enables the Supervisor on a cluster (vSphere 8.0.2+). */
export class SupervisorV2 extends TerraformResource {
  /** The Terraform resource type. */
  public static readonly tfResourceType = "vsphere_supervisor_v2";
  /** The provider release whose schema this binding follows. */
  public static readonly PROVIDER_VERSION = "2.16.1";

  private readonly config: SupervisorV2Config;

  constructor(scope: Construct, id: string, config: SupervisorV2Config) {
    checkConstructProps(scope, id, config, SUPERVISOR_V2_CONFIG_SPEC);
    super(scope, id, {
      terraformResourceType: SupervisorV2.tfResourceType,
      terraformGeneratorMetadata: { providerName: "vsphere", providerVersion: SupervisorV2.PROVIDER_VERSION },
      ...metaArguments(config),
    });
    this.config = config;
  }

  /** The Supervisor's id, as the provider sets it after the enable call. */
  public get supervisorId(): string {
    return this.getStringAttribute("id");
  }

  protected synthesizeHclAttributes(): { [name: string]: unknown } {
    return hclAttributes(this.synthesizeAttributes() as Record<string, unknown>);
  }

  // jsii: an override keeps the overridden return type (cdktf declares `any`).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  public toHclTerraform(): any {
    return lifecycleForHcl(super.toHclTerraform());
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    const c = this.config;
    return snake({
      name: c.name,
      cluster: c.cluster,
      zones: c.zones,
      controlPlane: c.controlPlane,
      workloads: c.workloads,
      timeouts: c.timeouts,
    }) as { [name: string]: unknown };
  }
}
