/**
 * The Supervisor's settings, computed once from the plan and the props, and the `vsphere_supervisor_v2` blocks
 * made of them. The resource, the report's wizard table, its Supervisor section and the vSphere 7 request body
 * all read this one `SupervisorSettings` value, so what the report tells a user to type is what Terraform sends.
 */
import { Fn, Op, Token } from "cdktf";
import { formatAddress, netmask, parseCidr, parseRange, size } from "../model/ip";
import { NetworkPlan, PlanPortGroup, portGroupByName, workloadNetworkByName } from "../model/plan";
import {
  AddressCount,
  SupervisorNetworkServicesSettings,
  SupervisorEdgeSettings,
  SupervisorFoundationSettings,
  SupervisorServiceCidrSettings,
  SupervisorSettings,
} from "../report/supervisor-report";
import { toDnsLabel } from "../model/names";
import { FoundationLoadBalancer } from "./foundation-load-balancer";
import { HaproxyLoadBalancer } from "./haproxy-load-balancer";
import { ExistingHaproxy, ISupervisorLoadBalancer } from "./supervisor-load-balancer";
import {
  SupervisorV2ControlPlane,
  SupervisorV2Edge,
  SupervisorV2Services,
  SupervisorV2Workloads,
} from "./supervisor-v2";
import { SupervisorWorkloadNetwork } from "./supervisor-workload-network";

/** The management block is 5 addresses (NET-08). */
const MANAGEMENT_BLOCK_SIZE = 5;

/** What the settings are computed from: the construct's props with their defaults resolved. */
export interface SupervisorSettingsInput {
  readonly network: SupervisorWorkloadNetwork;
  readonly loadBalancer: ISupervisorLoadBalancer;
  readonly name: string;
  readonly viaProvider: boolean;
  readonly clusterId: string;
  readonly zones: string[];
  readonly controlPlaneSize: string;
  readonly controlPlaneCount: number;
  readonly storagePolicyId: string;
  readonly managementIdentifier: string;
  readonly edgeId: string;
  readonly serviceCidr: string;
  readonly dnsServers: string[];
  readonly workloadDnsServers: string[];
  readonly dnsSearchDomains: string[];
  readonly ntpServers: string[];
  readonly apiServerDnsNames: string[];
}

function addressCount(first: number, last: number): AddressCount {
  return { address: formatAddress(first), count: size({ first, last }) };
}

/** The service CIDR's first address, prefix and size; Terraform computes them when it is known only at apply. */
function serviceCidrSettings(text: string): SupervisorServiceCidrSettings {
  if (Token.isUnresolved(text)) {
    const prefix = Fn.tonumber(Fn.element(Fn.split("/", text), 1));
    return {
      address: Fn.cidrhost(text, 0),
      prefix: Token.asNumber(prefix),
      count: Token.asNumber(Fn.pow(2, Op.sub(32, prefix))),
    };
  }
  const parsed = parseCidr(text);
  // A malformed CIDR is NET-09's error; the fallback only keeps building possible.
  return parsed.ok
    ? { address: formatAddress(parsed.value.first), prefix: parsed.value.prefix, count: size(parsed.value) }
    : { address: "", prefix: 0, count: 0 };
}

/** Gateway, prefix and mask of a port group; empty and 0 when the plan has none (its own rules say why). */
function subnetOf(pg: PlanPortGroup | undefined) {
  const prefix = pg?.cidr?.prefix ?? 0;
  return {
    gateway: pg?.gateway !== undefined ? formatAddress(pg.gateway) : "",
    prefix,
    mask: netmask(prefix),
  };
}

/** The one value the resource, the wizard table, the Supervisor section and the request body read. */
export function supervisorSettings(input: SupervisorSettingsInput): SupervisorSettings {
  const { network, loadBalancer } = input;
  const plan: NetworkPlan = network.plan;
  const primary = workloadNetworkByName(plan, undefined);
  const block = plan.managementBlock;
  const services = (dnsServers: string[]): SupervisorNetworkServicesSettings => ({
    dnsServers,
    dnsSearchDomains: input.dnsSearchDomains,
    ntpServers: input.ntpServers,
  });
  return {
    name: input.name,
    viaProvider: input.viaProvider,
    cluster: input.clusterId,
    zones: input.zones,
    loadBalancerType: loadBalancer.loadBalancerType,
    foundation:
      loadBalancer instanceof FoundationLoadBalancer ? foundationSettings(network, loadBalancer) : undefined,
    controlPlane: {
      size: input.controlPlaneSize,
      count: input.controlPlaneCount,
      storagePolicy: input.storagePolicyId,
    },
    serviceCidr: serviceCidrSettings(input.serviceCidr),
    management: {
      identifier: input.managementIdentifier,
      portGroup: plan.managementPortGroup,
      portGroupId: network.managementNetworkId,
      start: block ? formatAddress(block.first) : "",
      count: MANAGEMENT_BLOCK_SIZE,
      ...subnetOf(portGroupByName(plan, plan.managementPortGroup)),
      services: services(input.dnsServers),
    },
    workload: {
      name: primary?.name ?? "",
      portGroup: primary?.portGroup ?? "",
      portGroupId: network.primaryWorkloadNetworkId,
      ...subnetOf(portGroupByName(plan, primary?.portGroup)),
      nodeRanges: (primary?.ranges ?? [])
        .filter((r) => r.interval)
        .map((r) => addressCount(r.interval!.first, r.interval!.last)),
      services: services(input.workloadDnsServers),
    },
    edge: edgeSettings(input.edgeId, loadBalancer),
    apiServerDnsNames: input.apiServerDnsNames,
    otherWorkloadNetworks: plan.workloadNetworks.filter((w) => !w.primary).map((w) => w.name),
  };
}

/** The edge's Data Plane API values (HAProxy; empty for Foundation) and its load-balancer ranges. */
function edgeSettings(id: string, lb: ISupervisorLoadBalancer): SupervisorEdgeSettings {
  const ranges = lb.virtualServerRanges.map((r) => ({ address: r.start, count: r.count }));
  if (lb instanceof HaproxyLoadBalancer) {
    return {
      id,
      servers: [{ host: String(lb.plan.props.managementIp), port: lb.dataplanePort }],
      username: lb.dataplaneUser,
      // sensitive(): a value read through terraform_remote_state loses its sensitive mark (hashicorp/terraform
      // v1.11.4 internal/builtin/providers/terraform/data_source_state.go: output values are copied without
      // marks), and the provider's schema does not mark `password` sensitive, so without it `terraform plan`
      // prints the password, here and in the settings' replace trigger.
      password: Fn.sensitive(lb.dataplanePassword),
      caChain: lb.caCertificatePem,
      ranges,
    };
  }
  if (lb instanceof ExistingHaproxy) {
    return {
      id,
      servers: lb.servers.map((s) => ({
        host: s.host,
        port: s.port ?? ExistingHaproxy.DEFAULT_DATAPLANE_PORT,
      })),
      username: lb.username,
      // The provider does not mark `password` sensitive (resource_vsphere_supervisor_v2.go 760-764); SEC-02 makes
      // it a token, and sensitive() keeps it out of the plan's output.
      password: Fn.sensitive(lb.password),
      caChain: lb.caCertificatePem,
      ranges,
    };
  }
  return { id, servers: [], username: "", password: "", caChain: "", ranges };
}

/** The Foundation Load Balancer's values: each interface with its port group's id, gateway and prefix. */
function foundationSettings(
  network: SupervisorWorkloadNetwork,
  lb: FoundationLoadBalancer,
): SupervisorFoundationSettings {
  const plan = network.plan;
  return {
    interfaces: lb.interfaces.map((i) => {
      const pg = portGroupByName(plan, i.portGroup);
      const { gateway, prefix } = subnetOf(pg);
      return {
        personas: [...i.personas],
        portGroup: i.portGroup,
        portGroupId: pg ? network.networkId(i.portGroup) : "",
        gateway,
        prefix,
        ranges: i.addressRanges.flatMap((text) => {
          const r = parseRange(text);
          return r.ok ? [addressCount(r.value.first, r.value.last)] : [];
        }),
      };
    }),
    deploymentSize: lb.deploymentSize ?? "",
    availability: lb.availability ?? "",
    storagePolicy: lb.storagePolicyId ?? "",
    services: { dnsServers: lb.dnsServers, dnsSearchDomains: lb.dnsSearchDomains, ntpServers: lb.ntpServers },
    syslogEndpoint: lb.syslogEndpoint ?? "",
    syslogCaPem: lb.syslogCaPem ?? "",
  };
}

/**
 * `edge`: HAProxy's Data Plane API, or the Foundation Load Balancer (vsphere provider 2.16.1
 * `vsphere/resource_vsphere_supervisor_v2.go` 528-735; sent by `buildFoundation`, `supervisor_helper.go`
 * 383-503): each interface on its port group (`network_type` `DVPG`, the port group's MoID, static addresses with
 * the gateway in CIDR form).
 */
function edgeBlock(s: SupervisorSettings): SupervisorV2Edge {
  const f = s.foundation;
  if (!f) {
    return {
      id: s.edge.id,
      lbAddressRange: s.edge.ranges,
      haproxy: {
        server: s.edge.servers,
        username: s.edge.username,
        password: s.edge.password,
        caChain: s.edge.caChain,
      },
    };
  }
  const target = {
    availability: f.availability || undefined,
    deploymentSize: f.deploymentSize || undefined,
    storagePolicy: f.storagePolicy || undefined,
  };
  return {
    id: s.edge.id,
    lbAddressRange: s.edge.ranges,
    foundation: {
      deploymentTarget: Object.values(target).some((v) => v !== undefined) ? target : undefined,
      interfaces: f.interfaces.map((i) => ({
        personas: i.personas,
        network: {
          networkType: "DVPG",
          dvpgNetwork: {
            name: toDnsLabel(i.portGroup),
            network: i.portGroupId,
            ipam: "STATIC",
            ipConfig: { ipRange: i.ranges, gateway: `${i.gateway}/${i.prefix}` },
          },
        },
      })),
      networkServices: {
        dns: { servers: f.services.dnsServers, searchDomains: f.services.dnsSearchDomains },
        ntp: { servers: f.services.ntpServers },
        syslog: f.syslogEndpoint
          ? { endpoint: f.syslogEndpoint, caCert: f.syslogCaPem || undefined }
          : undefined,
      },
    },
  };
}

/**
 * `services` of a network: DNS servers and search domains, NTP servers. vsphere provider 2.16.1 reads the
 * block of each network on its own (`vsphere/resource_vsphere_supervisor_v2.go` 125 `control_plane.network.
 * services`, 380 `workloads.network.services`; `vsphere/internal/helper/supervisor/supervisor_helper.go` 234-235
 * and 527-528 build each with `buildControlPlaneNetworkServices`, 601-618), so the two networks may have
 * different DNS servers.
 */
function servicesBlock(s: SupervisorNetworkServicesSettings): SupervisorV2Services {
  return {
    dns: { servers: s.dnsServers, searchDomains: s.dnsSearchDomains },
    ntp: { servers: s.ntpServers },
  };
}

/** `control_plane`: the VMs and their management network with its 5 static addresses. */
export function controlPlaneBlock(s: SupervisorSettings): SupervisorV2ControlPlane {
  const m = s.management;
  return {
    count: s.controlPlane.count,
    size: s.controlPlane.size,
    storagePolicy: s.controlPlane.storagePolicy,
    network: {
      network: m.identifier,
      backing: { network: m.portGroupId },
      ipManagement: {
        dhcpEnabled: false,
        gatewayAddress: `${m.gateway}/${m.prefix}`,
        ipAssignment: [{ assignee: "NODE", ranges: [{ address: m.start, count: m.count }] }],
      },
      services: servicesBlock(m.services),
    },
  };
}

/** `workloads`: the primary workload network, the HAProxy edge and the API server's certificate names. */
export function workloadsBlock(s: SupervisorSettings): SupervisorV2Workloads {
  const w = s.workload;
  return {
    network: {
      network: w.name,
      vsphere: { dvpg: w.portGroupId },
      ipManagement: {
        dhcpEnabled: false,
        gatewayAddress: `${w.gateway}/${w.prefix}`,
        ipAssignment: [
          { assignee: "NODE", ranges: w.nodeRanges },
          { assignee: "SERVICE", ranges: [{ address: s.serviceCidr.address, count: s.serviceCidr.count }] },
        ],
      },
      services: servicesBlock(w.services),
    },
    edge: edgeBlock(s),
    // Never an empty block: provider 2.16.1 type-asserts its first element (supervisor_helper.go 156, 747), and
    // terraform-plugin-sdk v2.40.1 reads a block with no set field as a nil element (helper/schema/
    // field_reader.go readObjectField: Exists only when a field exists). SUP-03 requires a name.
    kubeApiServerOptions: { security: { certificateDnsNames: s.apiServerDnsNames } },
  };
}
