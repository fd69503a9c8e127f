/**
 * `plan`: a whole site file proposed from one address block (and a frontend block for T4). The block is cut into
 * port group subnets, largest first, each aligned to its size; inside each subnet the gateway is the first host
 * address, then the appliance's NIC, the workload ranges, the Supervisor's 5 management addresses and, aligned and
 * clear of the network and broadcast addresses (VIP-06), the VIP block. Addresses the user gives for DNS and NTP
 * servers are never handed out. Pure: the caller checks the proposal with the rule engine before printing it.
 */
import {
  Cidr,
  contains,
  formatAddress,
  formatCidr,
  parseAddress,
  parseCidr,
  privateBlockClearOf,
  SpecialPurposeBlock,
  specialPurposeBlockOf,
} from "../model/ip";
import { toDnsLabel } from "../model/names";
import type { SiteConfig } from "../site/site-config";

/** The seed page's topologies, as `--topology` names them. */
export enum PlanTopology {
  T1 = "t1",
  T2 = "t2",
  T3 = "t3",
  T4 = "t4",
}

/** What `plan` is asked for. */
export interface PlanRequest {
  /** The block to carve the port groups from, e.g. `10.20.0.0/22`. */
  readonly cidr: string;
  readonly topology: PlanTopology;
  /** T4 only: the frontend network's block (the VIPs live there). */
  readonly frontendCidr?: string;
  /** Workload networks of their own port group for namespaces (T3, T4). */
  readonly namespaces: number;
  /** Addresses of each workload network's range. */
  readonly nodesPerNetwork: number;
  /** Addresses of the VIP block (a power of two). */
  readonly vips: number;
  /** Add the Supervisor (its own stack) with its storage policy, DNS and NTP servers. */
  readonly supervisor: boolean;
  readonly storagePolicy: string;
  readonly dnsServers: string[];
  readonly ntpServers: string[];
  readonly stackName: string;
  readonly datacenter: string;
  readonly cluster: string;
  readonly datastore: string;
  readonly distributedSwitch: string;
  readonly host: string;
  /** The VLAN id of the first port group; the others count up from it. */
  readonly vlanStart: number;
}

/** The answer: a site file and why each value, or why there is none. */
export type PlanProposal =
  | { readonly kind: "plan"; readonly site: SiteConfig; readonly notes: string[] }
  | { readonly kind: "too-small"; readonly message: string }
  | { readonly kind: "invalid"; readonly message: string };

/** What one port group's subnet must hold. */
interface SubnetNeed {
  readonly role: string;
  /** Single addresses after the gateway (appliance NICs). */
  readonly singles: number;
  /** Lengths of consecutive runs: workload ranges, the Supervisor's 5 management addresses. */
  readonly runs: number[];
  /** The VIP block's size, 0 for none. */
  readonly vip: number;
  /** A size to grow to when the block has room (HAP-07: a /24 or larger workload network for the appliance). */
  readonly preferred?: number;
}

/** Where a subnet's addresses went. */
interface SubnetLayout {
  readonly cidr: Cidr;
  readonly gateway: number;
  readonly singles: number[];
  readonly runs: { first: number; last: number }[];
  readonly vip?: Cidr;
}

const pow2AtLeast = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(n, 1)));

/** Lay the need out in the subnet `[base, base + size)`, or undefined when it does not fit. */
function layout(
  need: SubnetNeed,
  base: number,
  size: number,
  taken: ReadonlySet<number>,
): SubnetLayout | undefined {
  const broadcast = base + size - 1;
  let next = base + 2;
  const free = (a: number) => !taken.has(a);
  const singles: number[] = [];
  for (let i = 0; i < need.singles; i++) {
    while (next < broadcast && !free(next)) next++;
    if (next >= broadcast) return undefined;
    singles.push(next++);
  }
  const runs: { first: number; last: number }[] = [];
  for (const length of need.runs) {
    let first = next;
    for (let a = first; a < first + length; a++) {
      if (!free(a)) first = a + 1;
    }
    if (first + length - 1 >= broadcast) return undefined;
    runs.push({ first, last: first + length - 1 });
    next = first + length;
  }
  let vip: Cidr | undefined;
  if (need.vip > 0) {
    let first = Math.ceil((next - base) / need.vip) * need.vip + base;
    const clear = (f: number) => [...taken].every((a) => a < f || a > f + need.vip - 1);
    while (first + need.vip - 1 < broadcast && !clear(first)) first += need.vip;
    if (first + need.vip - 1 >= broadcast) return undefined;
    vip = { first, last: first + need.vip - 1, prefix: 32 - Math.log2(need.vip) };
  }
  return {
    cidr: { first: base, last: broadcast, prefix: 32 - Math.log2(size) },
    gateway: base + 1,
    singles,
    runs,
    vip,
  };
}

/** The smallest subnet size (a power of two, at least a /30) the need fits in with no address taken. */
function sizeOf(need: SubnetNeed): number {
  for (let size = 4; size <= 2 ** 24; size *= 2) {
    if (layout(need, 0, size, new Set())) return size;
  }
  return 2 ** 32;
}

/** Cut `block` into subnets for the needs, largest first; growing a subnet when a taken address is in the way. */
function carve(
  block: Cidr,
  needs: readonly SubnetNeed[],
  taken: ReadonlySet<number>,
): { layouts: SubnetLayout[] } | { minimum: number } {
  const sizes = needs.map(sizeOf);
  const room = block.last - block.first + 1;
  needs.forEach((need, i) => {
    const total = sizes.reduce((a, b) => a + b, 0);
    if (
      need.preferred !== undefined &&
      need.preferred > sizes[i] &&
      total - sizes[i] + need.preferred <= room
    ) {
      sizes[i] = need.preferred;
    }
  });
  for (let attempt = 0; attempt < 8; attempt++) {
    const total = sizes.reduce((a, b) => a + b, 0);
    const minimum = 32 - Math.log2(pow2AtLeast(total));
    if (total > block.last - block.first + 1) return { minimum };
    const order = needs.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
    const layouts: SubnetLayout[] = new Array(needs.length);
    let base = block.first;
    let grown = false;
    for (const i of order) {
      const l = layout(needs[i], base, sizes[i], taken);
      if (!l) {
        sizes[i] *= 2;
        grown = true;
        break;
      }
      layouts[i] = l;
      base += sizes[i];
    }
    if (!grown) return { layouts };
  }
  return { minimum: block.prefix };
}

/** A service CIDR for the Supervisor that overlaps none of the blocks nor a server address. */
function serviceCidr(blocks: readonly Cidr[], taken: ReadonlySet<number>): string {
  const candidates = ["10.96.0.0/23", "172.30.0.0/23", "192.168.254.0/23", "100.64.0.0/23"];
  for (const text of candidates) {
    const c = parseCidr(text);
    if (!c.ok) continue;
    const clear =
      blocks.every((b) => c.value.last < b.first || c.value.first > b.last) &&
      [...taken].every((a) => a < c.value.first || a > c.value.last);
    if (clear) return text;
  }
  return candidates[1];
}

/** A block in a special-purpose block (NET-11): the flag, the block, why, and private blocks to plan from. */
function specialMessage(flag: string, block: Cidr, special: SpecialPurposeBlock, avoid: Cidr[] = []): string {
  const free = privateBlockClearOf(Math.max(block.prefix, 16), avoid);
  return `${flag} ${formatCidr(block)} ${contains(special.cidr, block) ? "is in" : "overlaps"} ${special.why} (NET-11). Plan from a private block (RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)${free ? `, e.g. ${flag} ${formatCidr(free)}` : ""}.`;
}

const range = (r: { first: number; last: number }) => `${formatAddress(r.first)}-${formatAddress(r.last)}`;

/** Propose a site file for the request. */
export function proposePlan(req: PlanRequest): PlanProposal {
  const block = parseCidr(req.cidr);
  if (!block.ok) return { kind: "invalid", message: `--cidr ${JSON.stringify(req.cidr)} ${block.reason}.` };
  const special = specialPurposeBlockOf(block.value);
  if (special) {
    return { kind: "invalid", message: specialMessage("--cidr", block.value, special) };
  }
  const t4 = req.topology === PlanTopology.T4;
  let frontend: Cidr | undefined;
  if (t4) {
    if (req.frontendCidr === undefined) {
      return {
        kind: "invalid",
        message: "--topology t4 needs --frontend-cidr, the frontend network's block (the VIPs live there).",
      };
    }
    const f = parseCidr(req.frontendCidr);
    if (!f.ok)
      return { kind: "invalid", message: `--frontend-cidr ${JSON.stringify(req.frontendCidr)} ${f.reason}.` };
    frontend = f.value;
    const fs = specialPurposeBlockOf(frontend);
    if (fs)
      return { kind: "invalid", message: specialMessage("--frontend-cidr", frontend, fs, [block.value]) };
    if (!(frontend.last < block.value.first || frontend.first > block.value.last)) {
      return {
        kind: "invalid",
        message: `--frontend-cidr ${formatCidr(frontend)} overlaps --cidr ${formatCidr(block.value)}; the frontend network is a subnet of its own (NET-03).`,
      };
    }
  } else if (req.frontendCidr !== undefined) {
    return {
      kind: "invalid",
      message: `--frontend-cidr is for --topology t4 only (the 3-NIC appliance in frontend mode).`,
    };
  }
  const servers = [...req.dnsServers, ...req.ntpServers];
  const taken = new Set<number>();
  for (const s of req.dnsServers) {
    const a = parseAddress(s);
    if (!a.ok) return { kind: "invalid", message: `--dns ${JSON.stringify(s)} ${a.reason}.` };
    taken.add(a.value);
  }
  for (const s of servers) {
    const a = parseAddress(s);
    if (a.ok) taken.add(a.value);
  }

  const k = req.nodesPerNetwork;
  const extra = req.topology === PlanTopology.T2 ? 1 : req.topology === PlanTopology.T1 ? 0 : req.namespaces;
  const needs: SubnetNeed[] = [
    { role: "management", singles: 1, runs: [5], vip: 0 },
    {
      role: "primary workload",
      singles: 1,
      runs: req.topology === PlanTopology.T1 ? [k, k] : [k],
      vip: t4 ? 0 : req.vips,
      preferred: t4 ? undefined : 256,
    },
    ...Array.from({ length: extra }, (): SubnetNeed => ({ role: "workload", singles: 0, runs: [k], vip: 0 })),
  ];
  const frontendNeed: SubnetNeed = { role: "frontend", singles: 1, runs: [], vip: req.vips };
  const carved = carve(block.value, needs, taken);
  const frontendCarved = frontend ? carve(frontend, [frontendNeed], taken) : undefined;
  const tooSmall: string[] = [];
  const options = `${k} addresses per workload range, ${req.vips} VIPs${extra > 0 ? `, ${extra} workload network${extra === 1 ? "" : "s"} of their own` : ""}`;
  if ("minimum" in carved) {
    tooSmall.push(
      `--cidr ${formatCidr(block.value)} is too small for topology ${req.topology.toUpperCase()} with ${options}: it needs at least a /${carved.minimum} (e.g. ${formatCidr({ ...block.value, prefix: carved.minimum, first: block.value.first - (block.value.first % 2 ** (32 - carved.minimum)), last: 0 })}).`,
    );
  }
  if (frontendCarved && "minimum" in frontendCarved) {
    tooSmall.push(
      `--frontend-cidr ${formatCidr(frontend!)} is too small for the gateway, the appliance's frontend address and ${req.vips} VIPs clear of the network and broadcast addresses: it needs at least a /${frontendCarved.minimum}.`,
    );
  }
  if (tooSmall.length > 0) {
    return {
      kind: "too-small",
      message: `${tooSmall.join("\n")}\nGive a larger block, or fewer addresses (--nodes-per-network, --vips${extra > 1 ? ", --namespaces" : ""}).`,
    };
  }
  const layouts = (carved as { layouts: SubnetLayout[] }).layouts;
  const front = frontendCarved && (frontendCarved as { layouts: SubnetLayout[] }).layouts[0];
  return { kind: "plan", ...siteOf(req, layouts, front, extra, taken, block.value, frontend) };
}

/** The site file of the laid-out subnets, and a note per choice. */
function siteOf(
  req: PlanRequest,
  layouts: SubnetLayout[],
  front: SubnetLayout | undefined,
  extra: number,
  taken: ReadonlySet<number>,
  block: Cidr,
  frontend: Cidr | undefined,
): { site: SiteConfig; notes: string[] } {
  const notes: string[] = [];
  let vlan = req.vlanStart;
  const portGroup = (name: string, l: SubnetLayout) => ({
    name,
    vlanId: vlan++,
    cidr: formatCidr(l.cidr),
    gateway: formatAddress(l.gateway),
  });
  const [mgmt, primary, ...others] = layouts;
  const managementNetwork = portGroup("mgmt", mgmt);
  const primaryPg = portGroup("wl-primary", primary);
  const names =
    req.topology === PlanTopology.T2
      ? [{ network: "workload-1", pg: "wl-clusters" }]
      : Array.from({ length: extra }, (_, i) => ({ network: `ns-${i + 1}`, pg: `wl-ns-${i + 1}` }));
  const workloadNetworks =
    req.topology === PlanTopology.T1
      ? [{ name: "workload-1", portGroup: primaryPg, addressRanges: [range(primary.runs[1])] }]
      : others.map((l, i) => ({
          name: names[i].network,
          portGroup: portGroup(names[i].pg, l),
          addressRanges: [range(l.runs[0])],
        }));
  const frontendNetwork = front ? portGroup("frontend", front) : undefined;
  const vip = (front ?? primary).vip!;
  const t4 = front !== undefined;
  const haproxy = {
    mode: t4 ? ("frontend" as const) : ("default" as const),
    name: "haproxy",
    managementIp: formatAddress(mgmt.singles[0]),
    workloadIp: formatAddress(primary.singles[0]),
    ...(front ? { frontendIp: formatAddress(front.singles[0]) } : {}),
    virtualIpCidrs: [formatCidr(vip)],
    ...(req.dnsServers.length > 0 ? { nameservers: req.dnsServers.slice(0, 3) } : {}),
  };
  const supervisorName = "supervisor";
  const site: SiteConfig = {
    stackName: req.stackName,
    description: `Topology ${req.topology.toUpperCase()} proposed by \`tanzu-haproxy-network plan\` from ${formatCidr(block)}${frontend ? ` and frontend ${formatCidr(frontend)}` : ""}.`,
    vsphere: {
      datacenter: req.datacenter,
      cluster: req.cluster,
      datastore: req.datastore,
      distributedSwitch: req.distributedSwitch,
      host: req.host,
    },
    managementNetwork,
    supervisorManagementStartIp: formatAddress(mgmt.runs[0].first),
    primaryWorkloadNetwork: {
      name: "primary",
      portGroup: primaryPg,
      addressRanges: [range(primary.runs[0])],
    },
    ...(workloadNetworks.length > 0 ? { workloadNetworks } : {}),
    ...(frontendNetwork ? { frontendNetwork } : {}),
    haproxy,
    ...(req.supervisor
      ? {
          supervisor: {
            name: supervisorName,
            storagePolicy: req.storagePolicy,
            dnsServers: req.dnsServers,
            ntpServers: req.ntpServers,
            serviceCidr: serviceCidr([block, ...(frontend ? [frontend] : [])], taken),
            apiServerDnsNames: [`${toDnsLabel(req.stackName)}-${supervisorName}.example.com`],
          },
        }
      : {}),
  };
  const used = layouts.reduce((n, l) => n + l.cidr.last - l.cidr.first + 1, 0);
  notes.push(
    `${formatCidr(block)}: ${layouts.length} port group subnet${layouts.length === 1 ? "" : "s"}, largest first, each aligned to its size; ${used} of ${block.last - block.first + 1} addresses used, the rest left free.`,
    `Gateways are each subnet's first host address (.1 of its block); VLAN ids count up from ${req.vlanStart} (--vlan-start).`,
    `management ${managementNetwork.cidr}: the appliance's management NIC ${haproxy.managementIp}, and the Supervisor's 5 control-plane addresses from ${site.supervisorManagementStartIp} (supervisorManagementStartIp, NET-08).`,
    `primary workload ${primaryPg.cidr}: the appliance's workload NIC ${haproxy.workloadIp}, the primary range ${site.primaryWorkloadNetwork.addressRanges[0]} (the Supervisor takes 3 of it, NET-05)${req.topology === PlanTopology.T1 ? `, and the namespaces' range ${workloadNetworks[0].addressRanges[0]} on the same port group (T1)` : ""}.`,
    ...(req.topology === PlanTopology.T1
      ? []
      : workloadNetworks.map(
          (w) =>
            `${w.name} ${w.portGroup.cidr}: port group ${w.portGroup.name}, range ${w.addressRanges[0]}.`,
        )),
    t4
      ? `frontend ${frontendNetwork!.cidr}: the appliance's frontend NIC ${haproxy.frontendIp} and the VIP block ${haproxy.virtualIpCidrs[0]} (frontend mode: clients reach only this network).`
      : `VIPs ${haproxy.virtualIpCidrs[0]}: inside the primary workload subnet, aligned, clear of its network and broadcast addresses (VIP-05, VIP-06).`,
    `vsphere.*: ${[req.datacenter, req.cluster, req.datastore, req.distributedSwitch, req.host].join(", ")}; replace the placeholders with your inventory's names (--datacenter, --cluster, --datastore, --distributed-switch, --host).`,
  );
  if (req.dnsServers.length === 0) {
    notes.push(
      "haproxy.nameservers: not set, the appliance's default (1.1.1.1, 1.0.0.1); give yours with --dns.",
    );
  }
  if (site.supervisor) {
    notes.push(
      `supervisor: storage policy ${JSON.stringify(req.storagePolicy)}, DNS ${req.dnsServers.join(", ")}, NTP ${req.ntpServers.join(", ")}, service CIDR ${site.supervisor.serviceCidr} (outside every block, NET-09); apiServerDnsNames is a placeholder: use the name your DNS gives the Supervisor.`,
    );
  }
  return { site, notes };
}
