/**
 * The Supervisor part of the report: every value sent to vCenter, what is left to do in vCenter, and the enable
 * request body of the vSphere 7 Clusters API for sites without the Terraform resource. Pure.
 */

/** An address range as the Supervisor APIs take it. */
export interface AddressCount {
  /** First address. */
  readonly address: string;
  /** Number of addresses. */
  readonly count: number;
}

/** Everything the Supervisor is enabled with (placeholders for values known only at apply). */
export interface SupervisorReportInput {
  /** The Supervisor's name. */
  readonly name: string;
  /** How it is enabled: `vsphere_supervisor_v2` (Terraform) or the request body only. */
  readonly enablement: "terraform" | "request-body";
  /** The cluster (a MoID, or where it comes from). */
  readonly cluster: string;
  /** Control-plane size, VM count and storage policy. */
  readonly controlPlane: { readonly size: string; readonly count: number; readonly storagePolicy: string };
  /** DNS servers, search domains and NTP servers. */
  readonly dns: readonly string[];
  readonly searchDomains: readonly string[];
  readonly ntp: readonly string[];
  /** The Kubernetes service CIDR. */
  readonly serviceCidr: { readonly address: string; readonly prefix: number };
  /** The management network: port group, the 5-address block, gateway and mask. */
  readonly management: {
    readonly identifier: string;
    readonly portGroup: string;
    readonly portGroupId: string;
    readonly start: string;
    readonly count: number;
    readonly gateway: string;
    readonly prefix: number;
    readonly mask: string;
  };
  /** The primary workload network. */
  readonly workload: {
    readonly name: string;
    readonly portGroup: string;
    readonly portGroupId: string;
    readonly gateway: string;
    readonly prefix: number;
    readonly mask: string;
    readonly nodeRanges: readonly AddressCount[];
  };
  /** The HAProxy edge. */
  readonly edge: {
    readonly id: string;
    readonly servers: readonly { readonly host: string; readonly port: number }[];
    readonly username: string;
    readonly password: string;
    readonly caChain: string;
    readonly ranges: readonly AddressCount[];
  };
  /** Extra DNS names of the API server certificate. */
  readonly apiServerDnsNames: readonly string[];
  /** Workload networks other than the primary: added in vCenter after enablement. */
  readonly otherWorkloadNetworks: readonly string[];
}

const ranges = (rs: readonly AddressCount[]) => rs.map((r) => `${r.address} × ${r.count}`).join(", ");

/** The report's "Supervisor" section. */
export function renderSupervisorSection(s: SupervisorReportInput): string[] {
  const rows: [string, string][] = [
    ["Name", s.name],
    ["Cluster", s.cluster],
    [
      "Control plane",
      `${s.controlPlane.count} × ${s.controlPlane.size}, storage policy ${s.controlPlane.storagePolicy}`,
    ],
    [
      "Management network",
      `port group ${s.management.portGroup} (${s.management.portGroupId}), identifier ${s.management.identifier}`,
    ],
    [
      "Management addresses (static, NODE)",
      `${s.management.start} × ${s.management.count}, gateway ${s.management.gateway}/${s.management.prefix}`,
    ],
    ["DNS servers", s.dns.join(", ") || "-"],
    ["DNS search domains", s.searchDomains.join(", ") || "-"],
    ["NTP servers", s.ntp.join(", ") || "-"],
    [
      "Primary workload network",
      `${s.workload.name} on port group ${s.workload.portGroup} (${s.workload.portGroupId})`,
    ],
    ["Workload gateway", `${s.workload.gateway}/${s.workload.prefix}`],
    ["Node ranges (NODE)", ranges(s.workload.nodeRanges)],
    ["Service CIDR (SERVICE)", `${s.serviceCidr.address}/${s.serviceCidr.prefix}`],
    ["Load balancer", `HAProxy, id ${s.edge.id}`],
    ["Data Plane API", s.edge.servers.map((x) => `${x.host}:${x.port}`).join(", ")],
    ["Data Plane API user", s.edge.username],
    ["Data Plane API password", s.edge.password],
    ["CA chain", s.edge.caChain],
    ["Load-balancer ranges", ranges(s.edge.ranges)],
    ["API server DNS names", s.apiServerDnsNames.join(", ") || "-"],
  ];
  const lines = [
    "## Supervisor",
    "",
    s.enablement === "terraform"
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
    'For vSphere 7 (and 8.0 before 8.0.2), `supervisor-enable-request.json` beside this report is the enable request of the Clusters API: fill in the `<…>` placeholders, then `curl -X POST -H "vmware-api-session-id: $SESSION" -H \'Content-Type: application/json\' -d @supervisor-enable-request.json "https://$VCENTER/api/vcenter/namespace-management/clusters/<cluster MoID>?action=enable"`.',
    "",
  ];
  return lines;
}

/**
 * The enable request body of the vSphere 7 Clusters API
 * (`POST /api/vcenter/namespace-management/clusters/{cluster}?action=enable`) for HAProxy on vSphere networking.
 */
export function enableRequestBody(s: SupervisorReportInput): Record<string, unknown> {
  return {
    size_hint: s.controlPlane.size,
    service_cidr: { address: s.serviceCidr.address, prefix: s.serviceCidr.prefix },
    network_provider: "VSPHERE_NETWORK",
    master_management_network: {
      mode: "STATICRANGE",
      network: s.management.portGroupId,
      address_range: {
        starting_address: s.management.start,
        address_count: s.management.count,
        subnet_mask: s.management.mask,
        gateway: s.management.gateway,
      },
    },
    master_DNS: [...s.dns],
    master_DNS_search_domains: [...s.searchDomains],
    master_NTP_servers: [...s.ntp],
    worker_DNS: [...s.dns],
    master_storage_policy: s.controlPlane.storagePolicy,
    ephemeral_storage_policy: s.controlPlane.storagePolicy,
    load_balancer_config_spec: {
      id: s.edge.id,
      provider: "HA_PROXY",
      address_ranges: s.edge.ranges.map((r) => ({ address: r.address, count: r.count })),
      ha_proxy_config_create_spec: {
        servers: s.edge.servers.map((x) => ({ host: x.host, port: x.port })),
        username: s.edge.username,
        password: s.edge.password,
        certificate_authority_chain: s.edge.caChain,
      },
    },
    workload_networks_spec: {
      supervisor_primary_workload_network: {
        network: s.workload.name,
        network_provider: "VSPHERE_NETWORK",
        vsphere_network: {
          portgroup: s.workload.portGroupId,
          address_ranges: s.workload.nodeRanges.map((r) => ({ address: r.address, count: r.count })),
          gateway: s.workload.gateway,
          subnet_mask: s.workload.mask,
        },
      },
    },
  };
}
