/**
 * The Supervisor part of the report: every value sent to vCenter, what is left to do in vCenter, and the enable
 * request body of the vSphere 7 Clusters API for sites without the Terraform resource. Pure: it reads the one
 * `SupervisorSettings` value the `Supervisor` construct computes, which its `vsphere_supervisor_v2` resource
 * and the report's wizard table read too.
 */
import { Token } from "cdktf";

/** An address range as the Supervisor APIs take it. */
export interface AddressCount {
  /** First address. */
  readonly address: string;
  /** Number of addresses. */
  readonly count: number;
}

/** The control plane's VMs. */
export interface SupervisorControlPlaneSettings {
  /** `TINY`, `SMALL`, `MEDIUM` or `LARGE`. */
  readonly size: string;
  /** Number of control-plane VMs. */
  readonly count: number;
  /** The storage policy id (a value known at apply when it comes from a data source). */
  readonly storagePolicy: string;
}

/** The Kubernetes service CIDR, as the Supervisor takes it. */
export interface SupervisorServiceCidrSettings {
  /** Its first address (a Terraform expression when the CIDR is known only at apply). */
  readonly address: string;
  /** Its prefix length. */
  readonly prefix: number;
  /** Its number of addresses (the `SERVICE` range's count). */
  readonly count: number;
}

/** DNS and NTP of one of the Supervisor's networks. */
export interface SupervisorNetworkServicesSettings {
  /** DNS servers: IPv4 addresses (SUP-01). */
  readonly dnsServers: string[];
  /** DNS search domains. */
  readonly dnsSearchDomains: string[];
  /** NTP servers: names or addresses. */
  readonly ntpServers: string[];
}

/** The management network of the control plane (the wizard's Management Network page). */
export interface SupervisorManagementSettings {
  /** The identifier handed to the Supervisor (a DNS label). */
  readonly identifier: string;
  /** The port group's name. */
  readonly portGroup: string;
  /** The port group's managed object id (known at apply when the port group is created or looked up). */
  readonly portGroupId: string;
  /** First address of the 5-address block (NET-08); empty when the plan has none (SUP-02). */
  readonly start: string;
  /** Number of addresses of the block: 5. */
  readonly count: number;
  /** The gateway's address; empty when the port group has none. */
  readonly gateway: string;
  /** The subnet's prefix length; 0 when unknown. */
  readonly prefix: number;
  /** The subnet mask, dotted. */
  readonly mask: string;
  /** DNS and NTP of the control plane (`control_plane.network.services`, `master_DNS`). */
  readonly services: SupervisorNetworkServicesSettings;
}

/** The primary workload network (the wizard's Workload Network page). */
export interface SupervisorWorkloadSettings {
  /** Its name (a DNS label). */
  readonly name: string;
  /** The port group's name. */
  readonly portGroup: string;
  /** The port group's managed object id (known at apply). */
  readonly portGroupId: string;
  /** The gateway's address; empty when the port group has none. */
  readonly gateway: string;
  /** The subnet's prefix length; 0 when unknown. */
  readonly prefix: number;
  /** The subnet mask, dotted. */
  readonly mask: string;
  /** Its ranges, as `NODE` assignments. */
  readonly nodeRanges: AddressCount[];
  /** DNS and NTP of the nodes (`workloads.network.services`, `worker_DNS`). */
  readonly services: SupervisorNetworkServicesSettings;
}

/** A Data Plane API endpoint. */
export interface SupervisorEdgeServer {
  /** The appliance's management address. */
  readonly host: string;
  /** The Data Plane API port. */
  readonly port: number;
}

/** The HAProxy edge. */
export interface SupervisorEdgeSettings {
  /** The load balancer's id (a DNS label). */
  readonly id: string;
  /** The Data Plane API endpoints. */
  readonly servers: SupervisorEdgeServer[];
  /** The Data Plane API user. */
  readonly username: string;
  /** The Data Plane API password as the resource sends it (sensitive; the report never prints it). */
  readonly password: string;
  /** The CA certificate (PEM) of the Data Plane API (the report names where it comes from). */
  readonly caChain: string;
  /** The load-balancer ranges: the VIP blocks less network and broadcast addresses (VIP-06). */
  readonly ranges: AddressCount[];
}

/** One interface of the vSphere Foundation Load Balancer, as sent. */
export interface SupervisorFoundationInterfaceSettings {
  /** `MANAGEMENT`, `WORKLOAD`, `FRONTEND`. */
  readonly personas: string[];
  /** The port group's name. */
  readonly portGroup: string;
  /** The port group's managed object id (known at apply). */
  readonly portGroupId: string;
  /** The port group's gateway; empty when it has none. */
  readonly gateway: string;
  /** The subnet's prefix length. */
  readonly prefix: number;
  /** The interface's addresses. */
  readonly ranges: AddressCount[];
}

/** The vSphere Foundation Load Balancer (vSphere 9): the values the wizard's load balancer page asks for. */
export interface SupervisorFoundationSettings {
  /** Its interfaces. */
  readonly interfaces: SupervisorFoundationInterfaceSettings[];
  /** `SMALL` … `X_LARGE`; empty: vCenter's default. */
  readonly deploymentSize: string;
  /** `ACTIVE_PASSIVE` or `SINGLE_NODE`; empty: vCenter's default. */
  readonly availability: string;
  /** Storage policy id; empty: vCenter's default. */
  readonly storagePolicy: string;
  /** DNS and NTP of its nodes. */
  readonly services: SupervisorNetworkServicesSettings;
  /** Syslog endpoint; empty: none. */
  readonly syslogEndpoint: string;
  /** Syslog CA (PEM); empty: none. */
  readonly syslogCaPem: string;
}

/**
 * Every value the Supervisor is enabled with, computed once: the `vsphere_supervisor_v2` resource, the report's
 * wizard table and Supervisor section, and the vSphere 7 request body all read it. Values known only at apply
 * are Terraform expressions here; the report shows them as placeholders.
 */
export interface SupervisorSettings {
  /** The Supervisor's name. */
  readonly name: string;
  /** True when `vsphere_supervisor_v2` enables it; false for the vSphere 7 request body only. */
  readonly viaProvider: boolean;
  /** The cluster's managed object id; empty on zones. */
  readonly cluster: string;
  /** The vSphere Zones of a Supervisor on three zones; empty on one cluster. */
  readonly zones: string[];
  /** `haproxy-appliance`, `existing-haproxy` or `vsphere-foundation` (`SupervisorLoadBalancerType`). */
  readonly loadBalancerType: string;
  /** The Foundation Load Balancer's values, when it is the load balancer. */
  readonly foundation?: SupervisorFoundationSettings;
  /** Control-plane size, VM count and storage policy. */
  readonly controlPlane: SupervisorControlPlaneSettings;
  /** The Kubernetes service CIDR. */
  readonly serviceCidr: SupervisorServiceCidrSettings;
  /** The management network. */
  readonly management: SupervisorManagementSettings;
  /** The primary workload network. */
  readonly workload: SupervisorWorkloadSettings;
  /** The edge: id and load-balancer ranges; the Data Plane API values for HAProxy (empty for Foundation). */
  readonly edge: SupervisorEdgeSettings;
  /** DNS names of the API server certificate. */
  readonly apiServerDnsNames: string[];
  /** Workload networks other than the primary: added in vCenter after enablement. */
  readonly otherWorkloadNetworks: string[];
}

/** A value as the report shows it: a value known only at apply becomes `<placeholder>`. */
function shown(value: string, placeholder: string): string {
  return Token.isUnresolved(value) ? `<${placeholder}>` : value;
}

/** The service CIDR as `address/prefix`; undefined when it is known only at apply. */
export function serviceCidrText(c: SupervisorServiceCidrSettings): string | undefined {
  return Token.isUnresolved(c.address) ? undefined : `${c.address}/${c.prefix}`;
}

/** Placeholders of the values known only at apply; secrets are never shown. */
function displayed(s: SupervisorSettings) {
  const service = s.serviceCidr;
  const serviceKnown = !Token.isUnresolved(service.address);
  return {
    cluster: shown(s.cluster, "cluster MoID, known at apply"),
    storagePolicy: shown(s.controlPlane.storagePolicy, "storage policy id, known at apply"),
    managementPortGroupId: shown(
      s.management.portGroupId,
      `MoID of port group ${s.management.portGroup}, known at apply`,
    ),
    workloadPortGroupId: shown(
      s.workload.portGroupId,
      `MoID of port group ${s.workload.portGroup}, known at apply`,
    ),
    serviceCidr: serviceKnown
      ? { address: service.address, prefix: service.prefix }
      : { address: "<service CIDR, known at apply>", prefix: 0 },
    password: "<Data Plane API password: the appliance stack's output or variable, sensitive>",
    caChain: "<CA certificate PEM of the appliance (its stack's caCertificatePem)>",
  };
}

const ranges = (rs: readonly AddressCount[]) => rs.map((r) => `${r.address} × ${r.count}`).join(", ");

/** The load balancer's rows: the Data Plane API for HAProxy, the interfaces and services for Foundation. */
function edgeRows(s: SupervisorSettings, d: ReturnType<typeof displayed>): [string, string][] {
  const f = s.foundation;
  if (!f) {
    const what =
      s.loadBalancerType === "existing-haproxy" ? "HAProxy (existing, Data Plane API 2.x)" : "HAProxy";
    return [
      ["Load balancer", `${what}, id ${s.edge.id}`],
      ["Data Plane API", s.edge.servers.map((x) => `${x.host}:${x.port}`).join(", ")],
      ["Data Plane API user", s.edge.username],
      ["Data Plane API password", d.password],
      ["CA chain", d.caChain],
      ["Load-balancer ranges", ranges(s.edge.ranges)],
    ];
  }
  return [
    ["Load balancer", `vSphere Foundation Load Balancer (vSphere 9), id ${s.edge.id}`],
    ["Deployment size", f.deploymentSize || "vCenter's default"],
    ["Availability", f.availability || "vCenter's default"],
    [
      "Load balancer storage policy",
      shown(f.storagePolicy, "storage policy id, known at apply") || "vCenter's default",
    ],
    ...f.interfaces.map((i, n): [string, string] => [
      `Interface ${n + 1} (${i.personas.join(", ")})`,
      `port group ${i.portGroup}, ${ranges(i.ranges)}, gateway ${i.gateway}/${i.prefix}`,
    ]),
    ["Load balancer DNS servers", f.services.dnsServers.join(", ") || "-"],
    ["Load balancer NTP servers", f.services.ntpServers.join(", ") || "-"],
    ["Syslog", f.syslogEndpoint || "-"],
    ["Virtual IP ranges", ranges(s.edge.ranges)],
  ];
}

/** The report's "Supervisor" section. */
export function renderSupervisorSection(s: SupervisorSettings): string[] {
  const d = displayed(s);
  const rows: [string, string][] = [
    ["Name", s.name],
    s.zones.length > 0
      ? ["vSphere Zones", `${s.zones.join(", ")} (a Supervisor on ${s.zones.length} zones)`]
      : ["Cluster", d.cluster],
    ["Control plane", `${s.controlPlane.count} × ${s.controlPlane.size}, storage policy ${d.storagePolicy}`],
    [
      "Management network",
      `port group ${s.management.portGroup} (${d.managementPortGroupId}), identifier ${s.management.identifier}`,
    ],
    [
      "Management addresses (static, NODE)",
      `${s.management.start} × ${s.management.count}, gateway ${s.management.gateway}/${s.management.prefix}`,
    ],
    ["DNS servers (management)", s.management.services.dnsServers.join(", ") || "-"],
    ["DNS search domains", s.management.services.dnsSearchDomains.join(", ") || "-"],
    ["NTP servers", s.management.services.ntpServers.join(", ") || "-"],
    [
      "Primary workload network",
      `${s.workload.name} on port group ${s.workload.portGroup} (${d.workloadPortGroupId})`,
    ],
    ["Workload gateway", `${s.workload.gateway}/${s.workload.prefix}`],
    ["Node ranges (NODE)", ranges(s.workload.nodeRanges)],
    ["DNS servers (workload network)", s.workload.services.dnsServers.join(", ") || "-"],
    ["Service CIDR (SERVICE)", `${d.serviceCidr.address}/${d.serviceCidr.prefix}`],
    ...edgeRows(s, d),
    // A non-list (JavaScript, a cast) is SUP-03's error; the report shows no names then.
    ["API server DNS names", (Array.isArray(s.apiServerDnsNames) && s.apiServerDnsNames.join(", ")) || "-"],
  ];
  const lines = [
    "## Supervisor",
    "",
    s.viaProvider
      ? "Enabled by Terraform (`vsphere_supervisor_v2`, vsphere provider 2.16.1, vSphere 8.0.2 or later) in its own stack, with these values:"
      : "Enable it with the request body in `supervisor-enable-request.json` (vSphere 7 Clusters API, see below); these are its values:",
    "",
    "| Setting | Value |",
    "|---|---|",
    ...rows.map(
      ([k, v]) => `| ${k} | ${v.replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;")} |`,
    ),
    "",
    "Left for vCenter after enablement:",
    "",
    "- the VKS (TKG) content library: provider 2.16.x does not send `workloads.images`, so set it under Workload Management → Supervisor → Configure;",
    s.otherWorkloadNetworks.length > 0
      ? `- the other workload networks (${s.otherWorkloadNetworks.join(", ")}): the enable request carries the primary only, so add them right after enablement under Supervisor → Configure → Network → Workload Network, with the values of their sections above (check first that your vCenter allows adding workload networks after enablement: the topology page this plan follows says it does not);`
      : "- no other workload network: the primary serves the namespaces too;",
    "- storage policies of namespaces, and the namespaces themselves.",
    "",
    ...(hasEnableRequestBody(s)
      ? [
          'For vSphere 7 (and 8.0 before 8.0.2), `supervisor-enable-request.json` beside this report is the enable request of the Clusters API: fill in the `<…>` placeholders, then `curl -X POST -H "vmware-api-session-id: $SESSION" -H \'Content-Type: application/json\' -d @supervisor-enable-request.json "https://$VCENTER/api/vcenter/namespace-management/clusters/<cluster MoID>?action=enable"`.',
          "",
        ]
      : []),
  ];
  return lines;
}

/**
 * Whether the vSphere 7 Clusters API can enable this Supervisor, so that the report writes its request body: an
 * HAProxy on one cluster. The Foundation Load Balancer and vSphere Zones are not in that API (SUP-07).
 */
export function hasEnableRequestBody(s: SupervisorSettings): boolean {
  return s.loadBalancerType !== "vsphere-foundation" && s.zones.length === 0;
}

/**
 * The enable request body of the vSphere 7 Clusters API
 * (`POST /api/vcenter/namespace-management/clusters/{cluster}?action=enable`) for HAProxy on vSphere networking.
 * Field names as vmware/govmomi v0.54.1 `vapi/namespace/namespace.go` 36-60 (`EnableClusterSpec`) sends them:
 * `master_DNS` (the control plane's DNS servers) and `worker_DNS` (the workload nodes'); search domains exist for
 * the control plane only (`master_DNS_search_domains`, no worker counterpart).
 */
export function enableRequestBody(s: SupervisorSettings): Record<string, unknown> {
  const d = displayed(s);
  return {
    size_hint: s.controlPlane.size,
    service_cidr: { address: d.serviceCidr.address, prefix: d.serviceCidr.prefix },
    network_provider: "VSPHERE_NETWORK",
    master_management_network: {
      mode: "STATICRANGE",
      network: d.managementPortGroupId,
      address_range: {
        starting_address: s.management.start,
        address_count: s.management.count,
        subnet_mask: s.management.mask,
        gateway: s.management.gateway,
      },
    },
    master_DNS: [...s.management.services.dnsServers],
    master_DNS_search_domains: [...s.management.services.dnsSearchDomains],
    master_NTP_servers: [...s.management.services.ntpServers],
    worker_DNS: [...s.workload.services.dnsServers],
    master_storage_policy: d.storagePolicy,
    ephemeral_storage_policy: d.storagePolicy,
    load_balancer_config_spec: {
      id: s.edge.id,
      provider: "HA_PROXY",
      address_ranges: s.edge.ranges.map((r) => ({ address: r.address, count: r.count })),
      ha_proxy_config_create_spec: {
        servers: s.edge.servers.map((x) => ({ host: x.host, port: x.port })),
        username: s.edge.username,
        password: d.password,
        certificate_authority_chain: d.caChain,
      },
    },
    workload_networks_spec: {
      supervisor_primary_workload_network: {
        network: s.workload.name,
        network_provider: "VSPHERE_NETWORK",
        vsphere_network: {
          portgroup: d.workloadPortGroupId,
          address_ranges: s.workload.nodeRanges.map((r) => ({ address: r.address, count: r.count })),
          gateway: s.workload.gateway,
          subnet_mask: s.workload.mask,
        },
      },
    },
  };
}
