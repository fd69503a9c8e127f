/**
 * Findings in the site file's terms: a construct's prop path becomes the site file's JSON path (`hostSystemId` →
 * `vsphere.host`), and TypeScript words in a message become the site file's (`HaproxyMode.FRONTEND` →
 * `"mode": "frontend"`). Shared by the app (lib/cli/synth-sites.ts) and the command line's `check`. Pure: no cdktf.
 */
import { SITE_LOAD_BALANCER_ID } from "../site/site-config";

export { SITE_LOAD_BALANCER_ID };

/** Prop paths of the constructs that are written otherwise in a site file. */
const HAPROXY_KEYS: Record<string, string> = {
  "network.frontendNetwork": "frontendNetwork",
  hostSystemId: "vsphere.host",
  vsphereProviderVersion: "vsphere.providerVersion",
  workloadNetworkName: "haproxy.workloadNetwork",
  supervisorManagementStartIp: "supervisorManagementStartIp",
};
const SUPERVISOR_KEYS: Record<string, string> = {
  "network.supervisorManagementStartIp": "supervisorManagementStartIp",
  "haproxy.name": "haproxy.name",
  storagePolicy: "supervisor.storagePolicy",
  clusterId: "vsphere.cluster",
};

/** Prop paths of `ExistingHaproxy` and `FoundationLoadBalancer` that a site file writes otherwise. */
const LOAD_BALANCER_KEYS: Record<string, string> = {
  password: "supervisor.loadBalancer.passwordVariable",
  managementIp: "supervisor.loadBalancer.servers[0].host",
  dataplanePort: "supervisor.loadBalancer.servers[0].port",
  dataplaneUser: "supervisor.loadBalancer.username",
  caCertificatePem: "supervisor.loadBalancer.caCertificateFile",
  storagePolicyId: "supervisor.loadBalancer.storagePolicy",
  syslogEndpoint: "supervisor.loadBalancer.syslog.endpoint",
  syslogCaPem: "supervisor.loadBalancer.syslog.caCertificateFile",
};

/** TypeScript words in messages, and what a site file says instead. */
const SITE_WORDS: [RegExp, string][] = [
  [/HaproxyMode\.DEFAULT \("default", 2 NICs\)/g, '"mode": "default" (2 NICs)'],
  [/HaproxyMode\.FRONTEND \("frontend", 3 NICs\)/g, '"mode": "frontend" (3 NICs)'],
  [/mode HaproxyMode\.FRONTEND/g, '"mode": "frontend"'],
  [/HaproxyMode\.DEFAULT/g, '"mode": "default"'],
  [/HaproxyMode\.FRONTEND/g, '"mode": "frontend"'],
  [/Add frontendNetwork to the SupervisorWorkloadNetwork/g, "Add frontendNetwork to the site file"],
  [/e\.g\. the id of a vsphere_host data source/g, 'the "vsphere.host" key'],
  [/on the SupervisorWorkloadNetwork/g, "in the site file"],
  [
    /Pass it from a sensitive TerraformVariable \(sensitive: true\) instead/g,
    'Name a sensitive Terraform variable in "passwordVariable" instead',
  ],
  [
    /\(enablement SupervisorEnablement\.TERRAFORM, the default\)/g,
    '("enablement": "terraform", the default)',
  ],
  [/FoundationPersona\.(MANAGEMENT|WORKLOAD|FRONTEND)/g, '"$1"'],
  [/the load balancer's virtualIpCidrs\[/g, "supervisor.loadBalancer.virtualIpCidrs["],
  [
    /or a clusterId for a Supervisor on one cluster/g,
    'or remove "supervisor.zones" for a Supervisor on "vsphere.cluster"',
  ],
  [/e\.g\. from a vsphere_storage_policy data source/g, "by name in supervisor.storagePolicy"],
  [
    /\(the default: serviceCidr is not set\)/g,
    '(the default: the site file has no "supervisor.serviceCidr")',
  ],
  [/Set serviceCidr to/g, 'Set "supervisor.serviceCidr" to'],
  [/\((managementIp|workloadIp|frontendIp|nameservers\[\d+\])\)/g, "(haproxy.$1)"],
  [
    /has both existingNetworkId "\$\{TfToken\[[^\]]*\]\}" and vlanId/g,
    'is "existing": true and has "vlanId"',
  ],
  [/Drop vlanId, or drop existingNetworkId to create/g, 'Drop "vlanId", or drop "existing" to create'],
  [
    /acknowledge: \[\{ ruleId: "([A-Z]+-\d+)", reason: "…" \}\] on the appliance or PlanAcknowledgements\.add on its stack/g,
    '"acknowledge": [{ "rule": "$1", "reason": "…" }] in the site file',
  ],
];

/** Which part of a site's plan a finding belongs to: where it is written in the site file. */
export enum SitePart {
  /** The stack itself: its acknowledgements (ACK-01). */
  STACK = "stack",
  /** The networks (`SupervisorWorkloadNetwork`, construct `<stackName>/network`). */
  NETWORK = "network",
  /** The appliance (`HaproxyLoadBalancer`, construct `<stackName>/haproxy`). */
  HAPROXY = "haproxy",
  /** The Supervisor (construct `…/supervisor`, in the site's stack or `<stackName>-supervisor`). */
  SUPERVISOR = "supervisor",
  /** An existing HAProxy or the Foundation Load Balancer (construct `<stackName>/load-balancer`). */
  LOAD_BALANCER = "load-balancer",
}

/** The site file's JSON path of a finding's prop path, by the part of the plan it belongs to. */
export function siteKey(part: SitePart, prop: string): string {
  switch (part) {
    case SitePart.NETWORK:
      return prop.replace(/\.existingNetworkId$/, ".existing");
    case SitePart.HAPROXY:
      return HAPROXY_KEYS[prop] ?? `haproxy.${prop}`;
    case SitePart.SUPERVISOR:
      return SUPERVISOR_KEYS[prop] ?? `supervisor.${prop}`;
    case SitePart.LOAD_BALANCER:
      return LOAD_BALANCER_KEYS[prop] ?? `supervisor.loadBalancer.${prop}`;
    default:
      return prop;
  }
}

/** A finding's message in the site file's words instead of TypeScript's. */
export function inSiteWords(message: string): string {
  return SITE_WORDS.reduce((text, [from, to]) => text.replace(from, to), message);
}

/** The part of a site's plan a construct path names. */
function partOf(where: string, stackName: string): SitePart {
  if (where === `${stackName}/network`) return SitePart.NETWORK;
  if (where === `${stackName}/haproxy`) return SitePart.HAPROXY;
  if (where === `${stackName}/${SITE_LOAD_BALANCER_ID}`) return SitePart.LOAD_BALANCER;
  return where.slice(where.lastIndexOf("/") + 1) === "supervisor" ? SitePart.SUPERVISOR : SitePart.STACK;
}

/** One validation line `[stack/construct] RULE-ID path: message` in the site file's terms. */
export function inSiteTerms(line: string, file: string, stackName: string): string {
  const m = /^\s*\[([^\]]+)\] ([A-Z][A-Z0-9]*-\d+) ([^:]+): (.*)$/.exec(line);
  if (!m) {
    return line;
  }
  const [, where, id, prop, message] = m;
  return `${file}: ${id} ${siteKey(partOf(where, stackName), prop)}: ${inSiteWords(message)}`;
}
