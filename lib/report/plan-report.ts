/**
 * The IP-plan report: every subnet with its ranges and owners, free space, findings, and the values to type
 * into vCenter's Workload Management wizard. Pure: works on the parsed plans, no constructs.
 */
import { AcknowledgedDiagnostic, Diagnostic, formatDiagnostic, Severity } from "../model/diagnostics";
import {
  crossingPairs,
  Cidr,
  formatAddress,
  formatCidr,
  formatRange,
  gaps,
  Interval,
  Labelled,
  netmask,
  parseAddress,
  parseRange,
  size,
} from "../model/ip";
import { loadBalancerRanges } from "../model/load-balancer-ranges";
import { HaproxyMode, NetworkPlan, PlanPortGroup } from "../model/plan";
import { RULES } from "../rules/catalogue";
import { HaproxyPlan } from "../rules/engine";
import { ruleLink } from "./rules-doc";
import {
  AddressCount,
  renderSupervisorSection,
  serviceCidrText,
  SupervisorSettings,
} from "./supervisor-report";

/** Who an address block belongs to, for the report and the map's colours. */
export enum AllocationKind {
  /** Network and broadcast addresses. */
  RESERVED = "reserved",
  /** The subnet's gateway. */
  GATEWAY = "gateway",
  /** The primary workload network's range: Supervisor control plane (3 addresses) and nodes. */
  SUPERVISOR = "supervisor",
  /** A namespace workload network's node range. */
  NODES = "nodes",
  /** A load balancer's interface address: the HAProxy appliance's NICs, the Foundation Load Balancer's ranges. */
  HAPROXY = "haproxy",
  /** HAProxy virtual IPs. */
  VIP = "vip",
  /** The Supervisor's 5 management addresses. */
  MANAGEMENT_BLOCK = "management-block",
}

/** One block of a subnet and its owner. */
export interface Allocation {
  readonly kind: AllocationKind;
  readonly owner: string;
  readonly first: number;
  readonly last: number;
  /**
   * The prop path of the value that placed the block (e.g. `workloadNetworks[0].addressRanges[1]`), which the
   * findings about it quote: the address map keys its conflict markers to them.
   * @default - none (network and broadcast addresses, which no prop gives)
   */
  readonly path?: string;
}

/** One subnet of the plan with what lives in it. */
export interface SubnetReport {
  readonly portGroup: string;
  readonly roles: string[];
  readonly vlanId?: number;
  readonly cidr: Cidr;
  readonly gateway?: number;
  readonly allocations: Allocation[];
  readonly free: Interval[];
}

/** An interface of a load balancer the plan does not deploy (the vSphere Foundation Load Balancer), for the report. */
export interface PlanReportLoadBalancerInterface {
  /** Its personas, e.g. `["MANAGEMENT"]`. */
  readonly personas: string[];
  /** The plan's port group it sits on. */
  readonly portGroup: string;
  /** Its address ranges, each `"first-last"`. */
  readonly addressRanges: string[];
}

/** A load balancer the plan does not deploy (an existing HAProxy, the Foundation Load Balancer), for the report. */
export interface PlanReportLoadBalancer {
  /** `"existing-haproxy"` or `"vsphere-foundation"` (`SupervisorLoadBalancerType`). */
  readonly loadBalancerType: string;
  /** Its name (the Supervisor's edge id is it as a DNS label). */
  readonly name: string;
  /** An existing HAProxy's Data Plane API endpoints, `host:port`; none for the Foundation Load Balancer. */
  readonly dataplaneEndpoints: string[];
  /** An existing HAProxy's Data Plane API user; empty for the Foundation Load Balancer. */
  readonly username: string;
  /** The Foundation Load Balancer's interfaces; none for an existing HAProxy. */
  readonly interfaces: PlanReportLoadBalancerInterface[];
}

/** The load balancer's words in the report: what it is called, and whose VIPs they are. */
function loadBalancerLabel(lb: PlanReportLoadBalancer | undefined): string {
  if (lb === undefined) return "HAProxy";
  return lb.loadBalancerType === "vsphere-foundation" ? "Foundation Load Balancer" : "existing HAProxy";
}

/** What the report is made of. */
export interface PlanReportInput {
  readonly title: string;
  readonly network: NetworkPlan;
  /** The appliance's plan, or the VIP side of a load balancer the plan does not deploy (`loadBalancer`). */
  readonly haproxy?: HaproxyPlan;
  /**
   * The load balancer when it is not the appliance: an existing HAProxy or the Foundation Load Balancer.
   * @default - the appliance (`haproxy`), if any
   */
  readonly loadBalancer?: PlanReportLoadBalancer;
  readonly diagnostics: Diagnostic[];
  /** The load balancer's name in the wizard (a DNS label). */
  readonly loadBalancerName: string;
  /** Where the CA PEM comes from, e.g. the Terraform output's name. */
  readonly caSource: string;
  /** Where the Data Plane password comes from. */
  readonly passwordSource: string;
  /**
   * The service CIDR of the wizard table when no Supervisor is enabled from this plan (a Supervisor's own wins).
   * @default "10.96.0.0/23"
   */
  readonly serviceCidr?: string;
  /**
   * Warnings acknowledged with a reason: listed under "Acknowledged", not under "Findings".
   * @default - none
   */
  readonly acknowledged?: AcknowledgedDiagnostic[];
  /**
   * The Supervisor enabled on this network: the report gets its section.
   * @default - no Supervisor section
   */
  readonly supervisor?: SupervisorSettings;
  /**
   * The rule catalogue as a path from the report's folder: each finding links to its rule's entry there, e.g.
   * `../../../node_modules/tanzu-haproxy-network/docs/rules.md` for a report in `cdktf.out/stacks/<stack>/`
   * (the reports the constructs write get this path).
   * @default "docs/rules.md" (the package root)
   */
  readonly rulesDocument?: string;
}

function clip(i: Interval, c: Interval): Interval | undefined {
  const first = Math.max(i.first, c.first);
  const last = Math.min(i.last, c.last);
  return first <= last ? { first, last } : undefined;
}

/**
 * For each subnet, the blocks that touch it, in the blocks' order: one crossing sweep rather than every block
 * against every subnet (1,000 port groups × 100,000 ranges).
 */
function blocksWithin(subnets: readonly { cidr: Interval }[], blocks: readonly Allocation[]): Allocation[][] {
  type Item = { subnet?: number; block?: number };
  const items: Labelled<Item>[] = [
    ...subnets.map((s, subnet) => ({ first: s.cidr.first, last: s.cidr.last, label: { subnet } })),
    ...blocks.map((b, block) => ({ first: b.first, last: b.last, label: { block } })),
  ];
  const found: number[][] = subnets.map(() => []);
  for (const [x, y] of crossingPairs(items, (i) => i.label.subnet !== undefined, Infinity)) {
    const subnet = x.label.subnet ?? y.label.subnet!;
    const block = x.label.block ?? y.label.block;
    if (block !== undefined) found[subnet].push(block);
  }
  return found.map((indexes) => indexes.sort((a, b) => a - b).map((k) => blocks[k]));
}

/**
 * Lay every known block of the plan onto the subnets that hold it: with `loadBalancer`, the VIPs are its and its
 * interface ranges are shown instead of the appliance's NICs.
 */
export function subnetReports(
  network: NetworkPlan,
  haproxy?: HaproxyPlan,
  loadBalancer?: PlanReportLoadBalancer,
): SubnetReport[] {
  const withCidr = network.portGroups.filter(
    (pg): pg is PlanPortGroup & { cidr: NonNullable<PlanPortGroup["cidr"]> } => !!pg.cidr,
  );
  const blocks: Allocation[] = [];
  for (const wn of network.workloadNetworks) {
    for (const r of wn.ranges) {
      if (r.interval) {
        blocks.push({
          kind: wn.primary ? AllocationKind.SUPERVISOR : AllocationKind.NODES,
          owner: wn.primary
            ? `workload network "${wn.name}" (primary: Supervisor control plane + nodes)`
            : `workload network "${wn.name}" (cluster nodes)`,
          ...r.interval,
          path: r.path,
        });
      }
    }
  }
  if (network.managementBlock) {
    blocks.push({
      kind: AllocationKind.MANAGEMENT_BLOCK,
      owner: "Supervisor control-plane VMs (management, 5 addresses)",
      ...network.managementBlock,
      path: "supervisorManagementStartIp",
    });
  }
  if (haproxy) {
    for (const v of haproxy.virtualIps) {
      blocks.push({
        kind: AllocationKind.VIP,
        owner: `${loadBalancerLabel(loadBalancer)} VIPs ${formatCidr(v.cidr)}`,
        first: v.cidr.first,
        last: v.cidr.last,
        path: v.path,
      });
    }
    const nic = (text: string | undefined, name: string, path: string) => {
      const r = typeof text === "string" ? parseAddress(text) : undefined;
      if (r?.ok) {
        blocks.push({
          kind: AllocationKind.HAPROXY,
          owner: `HAProxy ${name} NIC`,
          first: r.value,
          last: r.value,
          path,
        });
      }
    };
    if (haproxy.props.deployed !== false) {
      nic(haproxy.props.managementIp, "management", "managementIp");
      nic(haproxy.props.workloadIp, "workload", "workloadIp");
      if (haproxy.props.mode === HaproxyMode.FRONTEND)
        nic(haproxy.props.frontendIp, "frontend", "frontendIp");
    }
  }
  (loadBalancer?.interfaces ?? []).forEach((itf, i) => {
    itf.addressRanges.forEach((text, j) => {
      const r = parseRange(text);
      if (r.ok) {
        blocks.push({
          kind: AllocationKind.HAPROXY,
          owner: `Foundation Load Balancer interfaces[${i}] (${itf.personas.join(", ")})`,
          ...r.value,
          path: `interfaces[${i}].addressRanges[${j}]`,
        });
      }
    });
  });
  const within = blocksWithin(withCidr, blocks);
  return withCidr.map((pg, index) => {
    const allocations: Allocation[] = [];
    if (pg.cidr.prefix <= 30) {
      allocations.push({
        kind: AllocationKind.RESERVED,
        owner: "network address",
        first: pg.cidr.first,
        last: pg.cidr.first,
      });
      allocations.push({
        kind: AllocationKind.RESERVED,
        owner: "broadcast address",
        first: pg.cidr.last,
        last: pg.cidr.last,
      });
    }
    if (pg.gateway !== undefined && pg.gateway >= pg.cidr.first && pg.gateway <= pg.cidr.last) {
      allocations.push({
        kind: AllocationKind.GATEWAY,
        owner: "gateway",
        first: pg.gateway,
        last: pg.gateway,
        path: `${pg.path}.gateway`,
      });
    }
    for (const b of within[index]) {
      const part = clip(b, pg.cidr);
      if (part) allocations.push({ ...b, ...part });
    }
    allocations.sort((a, b) => a.first - b.first || a.last - b.last);
    return {
      portGroup: pg.name,
      roles: pg.roles,
      vlanId: pg.props.vlanId,
      cidr: pg.cidr,
      gateway: pg.gateway,
      allocations,
      free: gaps(pg.cidr, allocations),
    };
  });
}

/** One row of the wizard table. */
export interface WizardField {
  readonly section: string;
  readonly field: string;
  readonly value: string;
}

/** A range of the Supervisor APIs (first address and count) in the wizard's `first-last` form. */
function rangeText(r: AddressCount): string {
  const first = parseAddress(r.address);
  return first.ok ? formatRange({ first: first.value, last: first.value + r.count - 1 }) : r.address;
}

/** The management page from the plan alone (no Supervisor enabled from it). */
function managementFromPlan(network: NetworkPlan) {
  const pg = network.portGroups.find((p) => p.name === network.managementPortGroup);
  return {
    portGroup: network.managementPortGroup,
    start: network.managementBlock ? formatAddress(network.managementBlock.first) : "",
    gateway: pg?.gateway !== undefined ? formatAddress(pg.gateway) : "",
    prefix: pg?.cidr?.prefix ?? 0,
  };
}

/**
 * The values to type into vCenter's Workload Management wizard (vSphere networking, HAProxy). With a Supervisor
 * enabled from this plan, every row it sends (load balancer, management network, primary workload network, DNS,
 * service CIDR) is read from its settings, the one value its resource and request body carry; otherwise from
 * the plan.
 */
export function wizardValues(input: PlanReportInput): WizardField[] {
  const { network, haproxy } = input;
  const s = input.supervisor;
  const out: WizardField[] = [];
  const pgByName = new Map(network.portGroups.map((pg) => [pg.name, pg]));
  const add = (section: string, field: string, value: string) => out.push({ section, field, value });
  const mask = (prefix: number) => (prefix > 0 ? netmask(prefix) : "?");
  const vipRanges = (h: HaproxyPlan) =>
    s
      ? s.edge.ranges.map(rangeText).join(", ")
      : loadBalancerRanges(
          network,
          h.virtualIps.map((v) => v.cidr),
        )
          .map(formatRange)
          .join(", ");
  if (haproxy && input.loadBalancer?.loadBalancerType === "vsphere-foundation") {
    foundationWizardValues(input, input.loadBalancer, vipRanges(haproxy), add);
  } else if (haproxy) {
    const lb = "Load Balancer";
    add(lb, "Name", s?.edge.id ?? input.loadBalancerName);
    add(lb, "Load Balancer Type", "HAProxy");
    add(
      lb,
      "Data Plane API Address(es)",
      s
        ? s.edge.servers.map((x) => `${x.host}:${x.port}`).join(", ")
        : (input.loadBalancer?.dataplaneEndpoints.join(", ") ??
            `${haproxy.props.managementIp}:${haproxy.props.dataplanePort}`),
    );
    add(lb, "User name", s?.edge.username ?? haproxy.props.dataplaneUser);
    add(lb, "Password", input.passwordSource);
    // Inside the VIP blocks, without any subnet's network or broadcast address (VIP-06).
    add(lb, "Virtual IP Ranges", vipRanges(haproxy));
    add(lb, "Server Certificate Authority", input.caSource);
  }
  const m = s?.management ?? managementFromPlan(network);
  const mg = "Management Network";
  add(mg, "Network", m.portGroup);
  add(mg, "Starting IP Address", m.start || "(not planned: 5 consecutive free addresses)");
  add(mg, "Subnet Mask", mask(m.prefix));
  add(mg, "Gateway", m.gateway || "?");
  // The Supervisor's DNS servers when it is enabled from this plan (what its resource and request carry);
  // otherwise the appliance's, which reach the same management network.
  const nameservers = haproxy?.props.deployed !== false ? haproxy?.props.nameservers : undefined;
  const dns = s?.management.services.dnsServers ?? nameservers;
  if (dns) add(mg, "DNS Server(s)", dns.join(", "));
  // The Workload Network page's own DNS servers (the nodes'), `worker_DNS` / `workloads.network.services`.
  const workloadDns = s?.workload.services.dnsServers ?? nameservers;
  if (workloadDns) add("Workload Network", "DNS Server(s)", workloadDns.join(", "));
  for (const wn of network.workloadNetworks) {
    const section = `Workload Network "${wn.name}"${wn.primary ? " (primary)" : ""}`;
    if (s && wn.primary) {
      const w = s.workload;
      add(section, "Name", w.name);
      add(section, "Port Group", w.portGroup);
      add(section, "Gateway", w.gateway || "?");
      add(section, "Subnet Mask", mask(w.prefix));
      add(section, "IP Address Ranges", w.nodeRanges.map(rangeText).join(", "));
      continue;
    }
    const pg = pgByName.get(wn.portGroup);
    add(section, "Name", wn.name);
    add(section, "Port Group", wn.portGroup);
    add(section, "Gateway", pg?.gateway !== undefined ? formatAddress(pg.gateway) : "?");
    add(section, "Subnet Mask", pg?.cidr ? netmask(pg.cidr.prefix) : "?");
    add(section, "IP Address Ranges", wn.ranges.map((r) => r.text).join(", "));
  }
  add(
    "Service CIDR",
    "Services",
    s ? (serviceCidrText(s.serviceCidr) ?? "(known at apply)") : (input.serviceCidr ?? "10.96.0.0/23"),
  );
  return out;
}

/**
 * The Foundation Load Balancer's rows: what vSphere 9 asks for it when the Supervisor is enabled (the vSphere API
 * 9.0.0.0 `Vcenter NamespaceManagement Networks Edges Foundation` spec that vsphere provider 2.16.1 sends,
 * `vsphere/internal/helper/supervisor/supervisor_helper.go` 383-503): name, deployment size and availability,
 * storage policy, each interface with its personas, port group, ranges and gateway, the VIP ranges, DNS, NTP and
 * syslog. Read from the Supervisor's settings when it is enabled from this plan.
 */
function foundationWizardValues(
  input: PlanReportInput,
  lb: PlanReportLoadBalancer,
  vipRanges: string,
  add: (section: string, field: string, value: string) => void,
): void {
  const s = input.supervisor;
  const f = s?.foundation;
  const section = "Load Balancer";
  add(section, "Name", s?.edge.id ?? input.loadBalancerName);
  add(section, "Load Balancer Type", "vSphere Foundation Load Balancer");
  if (f) {
    add(section, "Deployment Size", f.deploymentSize || "(vCenter's default)");
    add(section, "Availability", f.availability || "(vCenter's default)");
    add(section, "Storage Policy", f.storagePolicy || "(vCenter's default)");
  }
  lb.interfaces.forEach((itf, i) => {
    const at = `Load Balancer Interface ${i + 1}`;
    const pg = input.network.portGroups.find((p) => p.name === itf.portGroup);
    add(at, "Personas", itf.personas.join(", "));
    add(at, "Port Group", itf.portGroup);
    add(at, "IP Address Ranges", itf.addressRanges.join(", "));
    add(at, "Gateway", pg?.gateway !== undefined ? formatAddress(pg.gateway) : "?");
    add(at, "Subnet Mask", pg?.cidr ? netmask(pg.cidr.prefix) : "?");
  });
  add(section, "Virtual IP Ranges", vipRanges);
  if (f) {
    add(section, "DNS Server(s)", f.services.dnsServers.join(", "));
    add(section, "NTP Server(s)", f.services.ntpServers.join(", "));
    if (f.syslogEndpoint) add(section, "Syslog Endpoint", f.syslogEndpoint);
  }
}

/** The wizard table's heading: which networking and load balancer the values are for. */
function wizardHeading(input: PlanReportInput): string {
  const lb =
    input.loadBalancer?.loadBalancerType === "vsphere-foundation"
      ? "vSphere Foundation Load Balancer"
      : "HAProxy";
  return `## Workload Management wizard (vSphere networking, ${lb})`;
}

/** The report's line on the load balancer, under its title. */
function loadBalancerLine(input: PlanReportInput): string | undefined {
  const lb = input.loadBalancer;
  if (lb?.loadBalancerType === "vsphere-foundation") {
    return `vSphere Foundation Load Balancer **${lb.name}** (vSphere 9): vCenter deploys it when the Supervisor is enabled; this plan deploys no VM.`;
  }
  if (lb) {
    return `An existing HAProxy, **${lb.name}**, at its Data Plane API ${lb.dataplaneEndpoints.join(", ")}: this plan deploys no appliance.`;
  }
  if (input.haproxy) {
    const mode = input.haproxy.props.mode === HaproxyMode.FRONTEND ? "frontend (3 NICs)" : "default (2 NICs)";
    return `HAProxy appliance in **${mode}** mode.`;
  }
  return undefined;
}

function countText(n: number): string {
  return `${n} address${n === 1 ? "" : "es"}`;
}

/** A finding with its rule id linked to the catalogue entry (`docs/rules.md` of the package). */
function linked(d: Diagnostic, document: string | undefined): string {
  const line = formatDiagnostic(d);
  return RULES[d.ruleId] ? `${line} ([${d.ruleId} in the catalogue](${ruleLink(d.ruleId, document)}))` : line;
}

/** The report as Markdown. */
export function renderPlanMarkdown(input: PlanReportInput): string {
  const subnets = subnetReports(input.network, input.haproxy, input.loadBalancer);
  const lines: string[] = [];
  lines.push(`# IP plan: ${input.title}`, "");
  const lbLine = loadBalancerLine(input);
  if (lbLine) {
    lines.push(lbLine, "");
  }
  lines.push(
    "> **Workload networks are only added when the Supervisor is enabled and cannot be added later** (the topology page this plan follows). Plan every namespace's network now.",
    "",
    "## Subnets",
    "",
  );
  for (const s of subnets) {
    const free = s.free.reduce((n, i) => n + size(i), 0);
    lines.push(
      `### ${s.portGroup} — ${formatCidr(s.cidr)} (${s.roles.join(", ")})`,
      "",
      `VLAN ${s.vlanId ?? "none / existing"} · gateway ${s.gateway !== undefined ? formatAddress(s.gateway) : "?"} · mask ${netmask(s.cidr.prefix)} · ${countText(size(s.cidr))}, ${countText(free)} free`,
      "",
      "| Range | Addresses | Owner |",
      "|---|---:|---|",
    );
    for (const a of s.allocations) {
      lines.push(
        `| ${a.first === a.last ? formatAddress(a.first) : formatRange(a)} | ${size(a)} | ${a.owner} |`,
      );
    }
    const shown = s.free.slice(0, 8);
    lines.push(
      "",
      `Free: ${shown.map((f) => `${formatRange(f)} (${size(f)})`).join(", ") || "none"}${s.free.length > shown.length ? `, and ${s.free.length - shown.length} more blocks` : ""}`,
      "",
    );
  }
  lines.push("## Findings", "");
  if (input.diagnostics.length === 0) {
    lines.push("No errors or warnings.", "");
  } else {
    for (const d of input.diagnostics) {
      lines.push(
        `- **${d.severity === Severity.ERROR ? "error" : "warning"}** ${linked(d, input.rulesDocument)}`,
      );
    }
    lines.push("");
  }
  if (input.acknowledged && input.acknowledged.length > 0) {
    lines.push(
      "## Acknowledged",
      "",
      "Findings accepted on purpose, each with its reason (warnings, and the errors the catalogue lets an acknowledgement through):",
      "",
    );
    for (const a of input.acknowledged) {
      const error = a.diagnostic.severity === Severity.ERROR ? "**error, acknowledged** " : "";
      lines.push(`- ${error}${linked(a.diagnostic, input.rulesDocument)}`, `  - reason: ${a.reason}`);
    }
    lines.push("");
  }
  lines.push(wizardHeading(input), "", "| Step | Field | Value |", "|---|---|---|");
  for (const w of wizardValues(input)) {
    lines.push(`| ${w.section} | ${w.field} | ${w.value.replace(/\|/g, "\\|")} |`);
  }
  lines.push("");
  if (input.supervisor) {
    lines.push(...renderSupervisorSection(input.supervisor));
  }
  // Only the appliance this plan deploys has a day 2 of its own.
  if (input.haproxy && input.loadBalancer === undefined) {
    lines.push(...dayTwo(input.network, input.haproxy));
  }
  return lines.join("\n");
}

/**
 * What later edits do to the running appliance. It reads its vApp properties once, on first boot
 * (`/var/lib/vmware/.ovf_to_cloud_init.done`), so the construct replaces it when any of them changes.
 */
function dayTwo(network: NetworkPlan, haproxy: HaproxyPlan): string[] {
  const others = network.workloadNetworks.filter((w) => w.portGroup !== haproxy.workloadPortGroup);
  return [
    "## Day 2: edits that replace the appliance",
    "",
    "The appliance reads its settings once, on first boot. Terraform therefore **replaces** the HAProxy VM (`terraform plan` shows `vsphere_virtual_machine` as _must be replaced_, forced by `replace_trigger`) when any of these changes:",
    "",
    "- any vApp property: addresses, gateways, VIP blocks (`service_ip_range`), nameservers, host name, Data Plane API port, user or password, root password, CA;",
    `- \`additional_workload_networks\`: adding, removing or re-addressing a workload network on a port group other than the appliance's own${others.length > 0 ? ` (today: ${[...new Set(others.map((w) => w.portGroup))].map((p) => `"${p}"`).join(", ")})` : ""};`,
    "- the OVA (release or URL) and the mode (default / frontend).",
    "",
    "A replacement takes **every VIP down**, the Supervisor's Kubernetes API included, until the new appliance has booted and the Supervisor has reprogrammed it. Plan it in a maintenance window; read every `terraform plan` before `apply`.",
    "",
    "Terraform's local state (`terraform.<stack>.tfstate` in the project folder) holds the appliance's passwords and CA key in plain text: use an encrypted remote backend.",
    "",
  ];
}
