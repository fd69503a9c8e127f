/**
 * The site file's shape, declared once with zod 4: the TypeScript types of a site (`SiteConfig`, …) are inferred
 * from it, the reader parses with it (its issues worded as CFG-01 and CFG-02 in `./site-shape`), and the JSON
 * Schema editors use (`schema/site.schema.json`, `npm run schema`) is generated from it with `z.toJSONSchema`.
 *
 * Objects are strict (an unknown key is an issue, CFG-01). Values are only typed here: what an address, a range or
 * a name may be is said by the catalogue's rules (IP-, NET-, VIP-, HAP-, SUP-) and the reader's CFG-03/CFG-04, whose
 * messages name the rule and a fix; a pattern here would only repeat them in poorer words. Each key's description
 * (shape, unit, default, source) is what an editor shows on hover.
 */
import { z } from "zod";
import { HaproxyOva } from "../constructs/haproxy-sources";
import { NIC_PRESERVING_PROVIDER_VERSION } from "../model/provider-release";

/**
 * The JSON Schema draft the file is generated in. VS Code's JSON language service knows drafts 04 to 2020-12
 * (microsoft/vscode-json-languageservice v5.7.2 `src/parser/jsonParser.ts` 197–203, `src/services/configuration.ts`
 * 298 and 463), but 2019-09 and 2020-12 only in part (`$dynamicRef`, `unevaluated*`: microsoft/vscode issue
 * 165219 reports completion lost below the root); draft-07 it supports whole, as do older editors and other
 * tools. The schema uses nothing newer than draft-07.
 */
export const SITE_SCHEMA_TARGET = "draft-07";

/**
 * The constructs' defaults that the descriptions name. Written here, not imported, so that reading a site file
 * does not load cdktf and the constructs (about 170 ms); test/site-schema.test.ts checks that they equal
 * `HaproxyLoadBalancer.DEFAULT_*` and `Supervisor.DEFAULT_SERVICE_CIDR`.
 */
export const DESCRIBED_DEFAULTS = {
  hostname: "haproxy.local",
  nameservers: ["1.1.1.1", "1.0.0.1"],
  dataplanePort: 5556,
  dataplaneUser: "admin",
  serviceCidr: "10.96.0.0/23",
};

const str = (description: string) => z.string().describe(description);

/**
 * An http(s) URL with a host: Terraform's s3 backend checks `endpoints.s3` with `validateStringLegacyURL`
 * (hashicorp/terraform v1.11.4 internal/backend/remote-state/s3/backend.go line 568; validate.go lines 284-297:
 * a value without scheme and host only warns, "may have unexpected behavior"), so it is refused here.
 */
function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}
const num = (description: string) => z.number().describe(description);
const bool = (description: string) => z.boolean().describe(description);
const strings = (description: string) => z.array(z.string()).describe(description);

/** A distributed port group: created (with `vlanId`) or, with `existing: true`, looked up by name. */
export const portGroupSchema = z
  .strictObject({
    name: str(
      "The port group's name in vSphere (1–80 characters, CFG-04); with `existing`, the network looked up by this name.",
    ),
    vlanId: num(
      "The VLAN id of a port group to create: a whole number from 0 to 4094 (0: untagged). Leave it out with `existing: true` (NET-06).",
    ).optional(),
    cidr: str('The subnet as a network-aligned CIDR a.b.c.d/n, e.g. "192.168.120.0/24" (IP-02).'),
    gateway: str('The subnet\'s gateway: an IPv4 address inside `cidr`, e.g. "192.168.120.1".'),
    existing: bool(
      "true: look the network up by `name` (a `vsphere_network` data source) instead of creating a port group. Default false.",
    ).optional(),
  })
  .describe(
    "A distributed port group: `{ name, vlanId, cidr, gateway }` to create one, or `{ name, existing: true, cidr, gateway }`.",
  );

/** A workload network: its name, its port group and the ranges its nodes take addresses from. */
export const workloadNetworkSchema = z
  .strictObject({
    name: str(
      "The workload network's name in the Supervisor: a DNS label (lower-case letters, digits, '-'; at most 63).",
    ),
    portGroup: portGroupSchema,
    addressRanges: strings(
      'The ranges the nodes take addresses from, each "first-last" inside the port group\'s CIDR, e.g. ["192.168.120.31-192.168.120.40"] (S-05, S-06, S-07). At most 100.',
    ),
  })
  .describe(
    'A workload network (S-03): `{ name, portGroup: { name, vlanId, cidr, gateway }, addressRanges: ["first-last"] }`; networks naming the same port group share it.',
  );

/** A warning accepted on purpose, with its reason. */
export const acknowledgementSchema = z
  .strictObject({
    rule: str('The id of the warning accepted, e.g. "HAP-07". Only warnings can be acknowledged (CFG-03).'),
    reason: str('Why it is accepted: at least a sentence; it is listed under "Acknowledged" in the report.'),
  })
  .describe('A warning accepted on purpose: { "rule": "HAP-07", "reason": "…" }.');

/** A rule of the site's own: an id of the site's namespace and exactly one check (CFG-03). */
export const siteRuleSchema = z
  .strictObject({
    id: str(
      "The rule's id in the site's own namespace, e.g. \"ACME-01\" (not a catalogue family such as NET- or VIP-).",
    ),
    severity: z
      .enum(["error", "warn"])
      .describe('"error" fails the run; "warn" is printed and listed in the report. Default "error".')
      .optional(),
    maxVipPrefix: num(
      "VIP CIDRs at most this size: the smallest prefix length allowed, 0–32, e.g. 26 (a /25 is then refused).",
    ).optional(),
    vlanRange: z
      .array(z.number())
      .describe(
        "The lowest and highest VLAN id of created port groups, [lowest, highest] within 0–4094, e.g. [100, 199].",
      )
      .optional(),
    portGroupNamePattern: str(
      'A regular expression every created port group\'s name matches, e.g. "^tkg-".',
    ).optional(),
    allowedSubnets: strings(
      'CIDRs that every subnet and VIP CIDR lies inside, e.g. ["10.0.0.0/16"].',
    ).optional(),
  })
  .describe(
    "A rule of the site's own: an `id` and exactly one of maxVipPrefix, vlanRange, portGroupNamePattern, allowedSubnets (CFG-03).",
  );

/** A Data Plane API endpoint of an existing HAProxy. */
export const dataPlaneServerSchema = z
  .strictObject({
    host: str("The Data Plane API's IPv4 address (vsphere provider 2.16.1 takes an IPv4 address only)."),
    port: num(`The Data Plane API's TCP port. Default ${DESCRIBED_DEFAULTS.dataplanePort}.`).optional(),
  })
  .describe('A Data Plane API endpoint: { "host": "10.0.0.10", "port": 5556 }.');

/** An HAProxy with Data Plane API 2.x that runs already (`supervisor.loadBalancer`, type "existing-haproxy"). */
export const existingHaproxySchema = z
  .strictObject({
    type: z
      .literal("existing-haproxy")
      .describe('"existing-haproxy": an HAProxy with Data Plane API 2.x that runs already.'),
    name: str("Its name; the Supervisor's edge id is this name as a DNS label (SUP-02)."),
    servers: z
      .array(dataPlaneServerSchema)
      .describe('Its Data Plane API endpoints, one or more, e.g. [{ "host": "10.0.0.10", "port": 5556 }].'),
    username: str("The Data Plane API user."),
    passwordVariable: str(
      'The name of the sensitive Terraform variable that holds the Data Plane API password, e.g. "dataplane_password": set it as TF_VAR_dataplane_password where Terraform runs. A Terraform identifier: a letter or "_", then letters, digits, "_" and "-" (CFG-04). The password itself is never written in the site file (CFG-07).',
    ),
    caCertificateFile: str(
      "The PEM file of the CA that signed the Data Plane API's certificate, relative to the site file's folder or absolute (CFG-04 when there is none).",
    ),
    virtualIpCidrs: strings(
      'The VIP blocks HAProxy serves, as CIDRs, e.g. ["192.168.120.128/25"]. At most 64.',
    ),
  })
  .describe("An HAProxy with Data Plane API 2.x that runs already, reached at its Data Plane API.");

/** An interface of the vSphere Foundation Load Balancer. */
export const foundationInterfaceSchema = z
  .strictObject({
    personas: z
      .array(z.enum(["MANAGEMENT", "WORKLOAD", "FRONTEND"]))
      .describe(
        'What it carries: "MANAGEMENT", "WORKLOAD", "FRONTEND"; each of them on exactly one interface (VFL-01, VFL-02).',
      ),
    portGroup: str(
      "The name of the site's port group it sits on (the management network's, a workload network's or the frontend network's).",
    ),
    addressRanges: strings(
      'Its static addresses, each "first-last" inside the port group\'s CIDR and free (VFL-03, VFL-04), e.g. ["10.0.0.30-10.0.0.31"]. At most 100.',
    ),
  })
  .describe(
    'An interface: { "personas": ["MANAGEMENT"], "portGroup": "mgmt", "addressRanges": ["first-last"] }.',
  );

/** Where the Foundation Load Balancer's nodes forward their logs. */
export const foundationSyslogSchema = z
  .strictObject({
    endpoint: str('The syslog endpoint, e.g. "tcp+tls://syslog.example.com:6514".'),
    caCertificateFile: str(
      "The PEM file of a TLS endpoint's CA, relative to the site file's folder or absolute. Default: none.",
    ).optional(),
  })
  .describe("Remote logging of the load balancer's nodes.");

/** The vSphere Foundation Load Balancer (`supervisor.loadBalancer`, type "vsphere-foundation", vSphere 9). */
export const foundationLoadBalancerSchema = z
  .strictObject({
    type: z
      .literal("vsphere-foundation")
      .describe(
        '"vsphere-foundation": the vSphere Foundation Load Balancer, deployed by vCenter (vSphere 9).',
      ),
    name: str("Its name; the Supervisor's edge id is this name as a DNS label (SUP-02)."),
    interfaces: z
      .array(foundationInterfaceSchema)
      .describe(
        "Its interfaces on the site's port groups, with their personas and address ranges (VFL-01 … VFL-04).",
      ),
    virtualIpCidrs: strings(
      'The VIP blocks it serves, as CIDRs, inside the FRONTEND interface\'s subnet (VFL-05), e.g. ["192.168.120.128/25"]. At most 64.',
    ),
    deploymentSize: z
      .enum(["SMALL", "MEDIUM", "LARGE", "X_LARGE"])
      .describe("The size of its nodes. Default: vCenter's.")
      .optional(),
    availability: z
      .enum(["ACTIVE_PASSIVE", "SINGLE_NODE"])
      .describe('"ACTIVE_PASSIVE": two nodes; "SINGLE_NODE": one, no failover. Default: vCenter\'s.')
      .optional(),
    storagePolicy: str("The storage policy of its nodes, looked up by name. Default: vCenter's.").optional(),
    dnsServers: strings("DNS servers of its nodes: IPv4 addresses."),
    dnsSearchDomains: strings("DNS search domains of its nodes. Default: none.").optional(),
    ntpServers: strings("NTP servers of its nodes."),
    syslog: foundationSyslogSchema.optional(),
  })
  .describe("The vSphere Foundation Load Balancer of vSphere 9: vCenter deploys it at enablement.");

/** The Supervisor, enabled in a second stack `<stackName>-supervisor` (or written as a vSphere 7 request body). */
export const supervisorSchema = z
  .strictObject({
    name: str("The Supervisor's name: a DNS label (SUP-02)."),
    enablement: z
      .enum(["terraform", "request-body"])
      .describe(
        '"terraform": `vsphere_supervisor_v2` in a second stack `<stackName>-supervisor` (vSphere 8.0.2+); "request-body": vSphere 7, the report writes the enable request. Default "terraform".',
      )
      .optional(),
    storagePolicy: str("The control plane's storage policy, looked up by name (1–80 characters)."),
    controlPlaneSize: z
      .enum(["TINY", "SMALL", "MEDIUM", "LARGE"])
      .describe(
        'The control-plane VMs\' size: TINY 2 vCPU 8 GB, SMALL 4 vCPU 16 GB, MEDIUM 8 vCPU 16 GB, LARGE 16 vCPU 32 GB. Default "SMALL".',
      )
      .optional(),
    controlPlaneCount: num(
      "The number of control-plane VMs: a whole number of at least 1 (SUP-05). Default 3.",
    ).optional(),
    dnsServers: strings(
      "DNS servers of the control plane (the wizard's Management Network page): IPv4 addresses (SUP-01).",
    ),
    workloadDnsServers: strings(
      "DNS servers of the nodes on the primary workload network (the wizard's Workload Network page): IPv4 addresses (SUP-04). Default: the `dnsServers`.",
    ).optional(),
    dnsSearchDomains: strings("DNS search domains of both networks. Default: none.").optional(),
    ntpServers: strings("NTP servers (SUP-01)."),
    serviceCidr: str(
      `The Kubernetes service CIDR (NET-09). Default "${DESCRIBED_DEFAULTS.serviceCidr}".`,
    ).optional(),
    apiServerDnsNames: strings(
      "DNS names of the Kubernetes API server's certificate. Default: none.",
    ).optional(),
    protection: z
      .enum(["prevent", "allow"])
      .describe(
        '"prevent": Terraform refuses to replace or destroy the Supervisor; "allow" lets it. Default "prevent".',
      )
      .optional(),
    zones: strings(
      'The three vSphere Zones (by name) of a Supervisor on zones instead of `vsphere.cluster`, e.g. ["zone-a", "zone-b", "zone-c"] (SUP-06; `zones` of vsphere_supervisor_v2). Default: on `vsphere.cluster`.',
    ).optional(),
    loadBalancer: z
      .discriminatedUnion("type", [existingHaproxySchema, foundationLoadBalancerSchema])
      .describe(
        'A load balancer other than the appliance: `"type": "existing-haproxy"` or `"vsphere-foundation"`. Give exactly one of it and the top-level `haproxy` (CFG-02). Default: the appliance (`haproxy`).',
      )
      .optional(),
  })
  .describe("Enable the Supervisor on the plan's networks and load balancer.");

/**
 * Where the appliance's OVA comes from (`haproxy.ova`): exactly one of `url` or `localPath` (CFG-02), given to
 * `ovf_deploy.remote_ovf_url` or `.local_ovf_path` (vmware/terraform-provider-vsphere v2.5.1
 * vsphere/internal/vmworkflow/virtual_machine_ovfdeploy_subresource.go 12, 18).
 */
export const ovaSchema = z
  .strictObject({
    url: str(
      "An http or https URL of the OVA (a mirror) that the machine running Terraform downloads (`ovf_deploy.remote_ovf_url`).",
    ).optional(),
    localPath: str(
      "The OVA on the machine that runs Terraform (`ovf_deploy.local_ovf_path`), relative to the site file's folder or absolute.",
    ).optional(),
    version: z
      .enum(HaproxyOva.KNOWN_VERSIONS)
      .describe(
        `The appliance release of that file. Default: the release its file name says (haproxy-v0.1.10.ova), else "${HaproxyOva.LATEST_VERSION}".`,
      )
      .optional(),
  })
  .describe(
    `Where the OVA comes from: exactly one of "url" or "localPath". Default: HAProxy's CDN, release ${HaproxyOva.LATEST_VERSION}.`,
  );

/** The vSphere objects the site's resources go to, looked up by name. */
export const vsphereSchema = z
  .strictObject({
    datacenter: str("The datacenter, by name."),
    cluster: str(
      "The cluster the appliance's resource pool (and the Supervisor, unless it is on `supervisor.zones`) is on, by name. Required with the appliance (`haproxy`) or a Supervisor on one cluster (CFG-02).",
    ).optional(),
    datastore: str(
      "The datastore of the appliance's disk, by name. Required with the appliance (`haproxy`, CFG-02).",
    ).optional(),
    distributedSwitch: str(
      "The vSphere Distributed Switch the port groups are created on, by name (S-01, S-02).",
    ),
    server: str(
      "The vCenter Server's host name or address (the provider's `vsphere_server`). Default: VSPHERE_SERVER at plan and apply. It also names the site's vCenter for the cross-site rules (FLT-01 … FLT-05, compared without regard to case): sites without it are taken to share the vCenter of VSPHERE_SERVER, as one run's stacks do.",
      // vmware/terraform-provider-vsphere v2.5.1 vsphere/provider.go 36-41 (v2.16.1 37-42): vsphere_server defaults to VSPHERE_SERVER.
    ).optional(),
    host: str(
      "The ESXi host the appliance is deployed on, by name: provider 2.5.1 refuses an OVF deploy without one (HAP-09). Required with the appliance (`haproxy`, CFG-02).",
      // vmware/terraform-provider-vsphere v2.5.1 vsphere/internal/helper/ovfdeploy/ovf_helper.go 486
    ).optional(),
    folder: str(
      "The appliance's VM folder, relative to the datacenter's VM folder. Default: that folder.",
    ).optional(),
    providerVersion: str(
      `Another exact vsphere provider release than ${NIC_PRESERVING_PROVIDER_VERSION}, "major.minor.patch" (HAP-10, HAP-12). Default "${NIC_PRESERVING_PROVIDER_VERSION}".`,
    ).optional(),
  })
  .describe("The vSphere objects, looked up by name with data sources.");

/** The HAProxy appliance. */
export const haproxySchema = z
  .strictObject({
    mode: z
      .enum(["default", "frontend"])
      .describe(
        '"default": 2 NICs, management and workload (S-20); "frontend": 3 NICs, VIPs on a frontend network (S-21).',
      ),
    name: str('The appliance VM\'s name (1–80 characters). Default: the construct id, "haproxy".').optional(),
    managementIp: str(
      "The appliance's static address on the management network, where the Data Plane API listens (S-22, HAP-02).",
    ),
    workloadIp: str(
      "The workload NIC's static address, inside its workload network's port group (S-23, HAP-02).",
    ),
    frontendIp: str(
      "The frontend NIC's address, in the frontend network; frontend mode only (HAP-01).",
    ).optional(),
    workloadNetwork: str(
      "The workload network (by its `name`) the workload NIC joins (S-25, HAP-03). Default: the primary workload network.",
    ).optional(),
    virtualIpCidrs: strings(
      'The VIP blocks as CIDRs, e.g. ["192.168.120.128/25"] (S-10 … S-14). At most 64.',
    ),
    nameservers: strings(
      `Up to 3 DNS servers, reached over the management network (HAP-04). Default ${JSON.stringify(DESCRIBED_DEFAULTS.nameservers)}, the appliance's own.`,
    ).optional(),
    hostname: str(
      `The appliance's host name or FQDN (RFC 1123). Default "${DESCRIBED_DEFAULTS.hostname}".`,
    ).optional(),
    dataplanePort: num(
      `The Data Plane API's TCP port on the management address (HAP-05). Default ${DESCRIBED_DEFAULTS.dataplanePort}.`,
    ).optional(),
    dataplaneUser: str(
      `The Data Plane API's user (HAP-05). Default "${DESCRIBED_DEFAULTS.dataplaneUser}".`,
    ).optional(),
    readinessCheck: bool(
      "Wait, when the VM is created or replaced, until the Data Plane API answers (the machine running Terraform needs node and a route to the management network). Default true.",
    ).optional(),
    healthCheck: bool(
      "A Terraform check block that warns on every plan when the Data Plane API does not answer (Terraform 1.5+). Default false.",
    ).optional(),
    ova: ovaSchema.optional(),
  })
  .describe("The HAProxy appliance.");

/** `backend: { "type": "local" }`: state files in the project. */
export const localBackendSchema = z
  .strictObject({
    type: z.literal("local").describe('"local": terraform.<stack>.tfstate beside cdktf.out/ (the default).'),
  })
  .describe("State files in the project, paths relative to it: terraform.<stack>.tfstate beside cdktf.out/.");

/** `backend: { "type": "pg", … }`: PostgreSQL, the connection string from PG_CONN_STR. */
export const pgBackendSchema = z
  .strictObject({
    type: z.literal("pg").describe('"pg": PostgreSQL (Terraform\'s pg backend).'),
    schemaPrefix: str(
      'Prepended to each stack\'s name to make its schema, e.g. "tanzu_" → "tanzu_<stack>" (at most 63 bytes, CFG-04). Default "".',
    ).optional(),
  })
  .describe(
    "PostgreSQL: a schema per stack. The connection string only from PG_CONN_STR at init, never in the file (CFG-07).",
  );

/** `backend: { "type": "s3", … }`: an S3-compatible object store, keys from the environment. */
export const s3BackendSchema = z
  .strictObject({
    type: z.literal("s3").describe('"s3": an S3-compatible object store (Terraform\'s s3 backend).'),
    bucket: str("The bucket (not empty); it must exist (Terraform does not create it).").min(
      1,
      "is empty; give the name of an existing bucket",
    ),
    keyPrefix: str(
      'Prepended to each stack\'s object key <keyPrefix><stack>/terraform.tfstate, e.g. "tanzu/". Default "".',
    ).optional(),
    endpoint: str(
      'The S3 API URL (http or https) of an on-premises or other S3-compatible store, e.g. "https://minio.example.com:9000". Default: AWS S3.',
    )
      .refine(
        isHttpUrl,
        'is not an http(s) URL; give the store\'s S3 API URL, e.g. "https://minio.example.com:9000"',
      )
      .optional(),
    region: str(
      'The region. Default: "us-east-1" with an endpoint, else AWS_REGION / AWS_DEFAULT_REGION.',
    ).optional(),
    usePathStyle: bool(
      "Path-style URLs (https://host/bucket/key), which most on-premises stores need. Default: true with an endpoint, else false.",
    ).optional(),
    useLockfile: bool(
      "Lock the state with a lock object beside it (S3 conditional writes). Default true.",
    ).optional(),
    skipS3Checksum: bool(
      "Send no checksums with uploads, for stores that reject them. Default false.",
    ).optional(),
  })
  .describe(
    "An S3-compatible object store: an object per stack. Keys only from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, never in the file (CFG-07).",
  );

/** `backend: { "type": "cloud", … }`: HCP Terraform or Terraform Enterprise. */
export const cloudBackendSchema = z
  .strictObject({
    type: z.literal("cloud").describe('"cloud": HCP Terraform or Terraform Enterprise (the cloud block).'),
    organization: str("The organization (not empty).").min(
      1,
      "is empty; give the HCP Terraform or Terraform Enterprise organization's name",
    ),
    workspacePrefix: str(
      'Prepended to each stack\'s name to make its workspace, e.g. "tanzu-" → "tanzu-<stack>" (letters, digits, "-", "_"; at most 90, CFG-04). Default "".',
    ).optional(),
    project: str(
      "The project the workspaces are created in. Default: the organization's default project.",
    ).optional(),
    hostname: str(
      'Terraform Enterprise\'s host name. Default "app.terraform.io" (HCP Terraform).',
    ).optional(),
  })
  .describe(
    "HCP Terraform or Terraform Enterprise: a workspace per stack. The token only from `terraform login` or TF_TOKEN_<host>, never in the file (CFG-07).",
  );

/** Where every stack of the site keeps its Terraform state: one of the four stores, chosen by "type". */
export const backendSchema = z
  .discriminatedUnion("type", [localBackendSchema, pgBackendSchema, s3BackendSchema, cloudBackendSchema])
  .describe(
    'Where the site\'s stacks keep their Terraform state (the Supervisor\'s stack reads the appliance\'s outputs from the same store): { "type": "local" | "pg" | "s3" | "cloud", …its settings }. No secret here (CFG-07). Default { "type": "local" }.',
  );

/** The whole site file: one site, one stack. */
export const siteSchema = z
  .strictObject({
    $schema: str(
      "The JSON Schema of site files, for editors: ./node_modules/tanzu-haproxy-network/schema/site.schema.json. Ignored by the reader.",
    ).optional(),
    stackName: str(
      'The stack\'s name: 1–63 letters, digits, "-" or "_", starting with a letter; it names the Terraform working directory and state file.',
    ),
    description: str("A note on the site (at most 2000 characters).").optional(),
    routingDomain: str(
      "The routing domain the site's addresses are reachable in, e.g. \"dc-east\" (not empty; compared without regard to case): the VIP blocks of sites of one domain must not overlap (FLT-06). Default: the site's own (compared with no other site).",
    )
      .regex(
        /\S/,
        'is empty; name the routing domain, e.g. "dc-east", or leave the key out for a domain of the site\'s own',
      )
      .optional(),
    backend: backendSchema.optional(),
    vsphere: vsphereSchema,
    managementNetwork: portGroupSchema.describe(
      "The management network (S-22): an existing network or a port group to create.",
    ),
    supervisorManagementStartIp: str(
      "The first of the 5 consecutive control-plane addresses on the management network (NET-08).",
    ).optional(),
    primaryWorkloadNetwork: workloadNetworkSchema.describe(
      "The primary workload network (S-03): the Supervisor's control plane and nodes.",
    ),
    workloadNetworks: z
      .array(workloadNetworkSchema)
      .describe("The namespaces' workload networks (T3, T4). At most 1000. Default: none.")
      .optional(),
    frontendNetwork: portGroupSchema
      .describe("The frontend network's port group (frontend mode only, S-24).")
      .optional(),
    haproxy: haproxySchema
      .describe(
        "The HAProxy appliance this plan deploys. Give exactly one of it and `supervisor.loadBalancer` (CFG-02).",
      )
      .optional(),
    supervisor: supervisorSchema.optional(),
    acknowledge: z
      .array(acknowledgementSchema)
      .describe("Warnings accepted on purpose, each with a reason. At most 100. Default: none.")
      .optional(),
    siteRules: z
      .array(siteRuleSchema)
      .describe("The site's own rules, run with the catalogue's. At most 100. Default: none.")
      .optional(),
  })
  .describe(
    "A tanzu-haproxy-network site file: one site's IP plan for vSphere with Tanzu on the HAProxy appliance, an existing HAProxy or the vSphere Foundation Load Balancer.",
  );

/** A port group in the site file. */
export type PortGroupConfig = z.infer<typeof portGroupSchema>;
/** A workload network in the site file. */
export type WorkloadNetworkConfig = z.infer<typeof workloadNetworkSchema>;
/** A warning accepted on purpose, in the site file. */
export type AcknowledgementConfig = z.infer<typeof acknowledgementSchema>;
/** A rule of the site's own, in the site file. */
export type SiteRuleConfig = z.infer<typeof siteRuleSchema>;
/** The Supervisor, in the site file. */
export type SupervisorConfig = z.infer<typeof supervisorSchema>;
/** The HAProxy appliance, in the site file (`haproxy`). */
export type HaproxyConfig = z.infer<typeof haproxySchema>;
/** Where the appliance's OVA comes from, in the site file (`haproxy.ova`). */
export type OvaConfig = z.infer<typeof ovaSchema>;
/** Where the site's stacks keep their state, in the site file (`backend`). */
export type BackendConfig = z.infer<typeof backendSchema>;
/** An existing HAProxy, in the site file (`supervisor.loadBalancer`). */
export type ExistingHaproxyConfig = z.infer<typeof existingHaproxySchema>;
/** The vSphere Foundation Load Balancer, in the site file (`supervisor.loadBalancer`). */
export type FoundationLoadBalancerConfig = z.infer<typeof foundationLoadBalancerSchema>;
/** The whole site file. */
export type SiteConfig = z.infer<typeof siteSchema>;

/** The JSON Schema of site files (draft-07), generated from {@link siteSchema}. */
export function siteJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(siteSchema, { target: SITE_SCHEMA_TARGET, io: "input" }),
    title: "tanzu-haproxy-network site file",
    // What zod cannot declare and the reader's CFG-02 says: the appliance needs vsphere.cluster, .datastore and
    // .host (draft-07 `dependencies`: with "haproxy", "vsphere" requires them).
    dependencies: {
      haproxy: {
        properties: {
          vsphere: {
            type: "object",
            properties: {
              cluster: { type: "string" },
              datastore: { type: "string" },
              host: { type: "string" },
            },
            required: ["cluster", "datastore", "host"],
          },
        },
      },
    },
  };
}

/** `schema/site.schema.json` as `npm run schema` writes it. */
export function siteJsonSchemaText(): string {
  return `${JSON.stringify(siteJsonSchema(), null, 2)}\n`;
}
