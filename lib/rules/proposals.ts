/**
 * Fixes computed from the user's own plan: VIP blocks taken from the port group that serves the VIPs, and the
 * nearest valid address for a mistyped gateway. Pure: no constructs. Every value proposed here is still applied
 * to the plan and checked again before a message offers it (`suggestions.ts`); the alternatives are tried in
 * order when the first does not pass.
 */
import { Finding, finding } from "../model/diagnostics";
import {
  Cidr,
  contains,
  containsAddress,
  formatAddress,
  formatCidr,
  gaps,
  Interval,
  IPV6_BLOCK,
  Labelled,
  parseCidr,
  ParseResult,
  quote,
  size,
  union,
} from "../model/ip";
import { PlanPortGroup } from "../model/plan";
import type { SweepItem } from "./context";

/** The NIC that serves the VIPs and its port group: workload in default mode, frontend in frontend mode (S-20, S-21). */
export interface VipServing {
  readonly nic: "workload" | "frontend";
  readonly portGroup?: PlanPortGroup;
}

/** How many free blocks a proposal carries (the first in the message, the others as alternatives). */
const FREE_BLOCKS = 4;

/**
 * Free network-aligned blocks of `subnet`, clear of `taken` and of the subnet's network and broadcast
 * addresses (VIP-06): the first free block of each size, largest first. The largest size is a quarter of the
 * subnet, and at most a /24, so the nodes keep room; the smallest a /32.
 */
export function freeBlocks(subnet: Cidr, taken: readonly Interval[], count = FREE_BLOCKS): Cidr[] {
  const hosts = { first: subnet.first + 1, last: subnet.last - 1 };
  if (hosts.first > hosts.last) {
    return [];
  }
  const free = gaps(hosts, taken);
  const out: Cidr[] = [];
  for (let prefix = Math.max(subnet.prefix + 2, 24); prefix <= 32 && out.length < count; prefix++) {
    const width = 2 ** (32 - prefix);
    for (const g of free) {
      const start = Math.ceil(g.first / width) * width;
      if (start + width - 1 <= g.last) {
        out.push({ first: start, last: start + width - 1, prefix });
        break;
      }
    }
  }
  return out;
}

/** The serving port group named for a message: ` from workload port group "wl" (10.30.0.0/24)`, or "". */
function fromServing(serving: VipServing): string {
  const pg = serving.portGroup;
  return pg?.cidr ? ` from ${serving.nic} port group ${quote(pg.name)} (${formatCidr(pg.cidr)})` : "";
}

function unique(texts: readonly string[]): string[] {
  return texts.filter((t, i) => texts.indexOf(t) === i);
}

/**
 * Candidate VIP blocks for a VIP CIDR that cannot be read: what the text likely meant when that lies in the
 * serving subnet, then free blocks of that subnet, then what the text meant elsewhere. `intentInside` tells
 * whether the first candidate is the user's own intent.
 */
function vipCandidates(
  r: Extract<ParseResult<Cidr>, { ok: false }>,
  serving: VipServing,
  taken: readonly Interval[],
): { candidates: string[]; intentInside: boolean } {
  const intent: Cidr[] = [];
  for (const text of [r.suggestion, ...(r.alternatives ?? [])]) {
    const c = text === undefined ? undefined : parseCidr(text);
    if (c?.ok) {
      intent.push(c.value);
    }
  }
  const subnet = serving.portGroup?.cidr;
  if (!subnet) {
    return { candidates: unique(intent.map(formatCidr)), intentInside: intent.length > 0 };
  }
  const inside = intent.filter((c) => contains(subnet, c));
  const outside = intent.filter((c) => !contains(subnet, c));
  const candidates = unique([...inside, ...freeBlocks(subnet, taken), ...outside].map(formatCidr));
  return { candidates, intentInside: inside.length > 0 };
}

/**
 * The IP-02 finding of a VIP CIDR that cannot be read (and the block it proposes), with a fix from the user's own plan: the text's likely
 * meaning (`/62` → `/26`, a range → its block) when it lies in the serving subnet, else a free block of that
 * subnet. An IPv6 block is refused with the reason: the appliance turns IPv6 off (haproxytech/vmware-haproxy
 * v0.2.0 `ansible/roles/common/tasks/main.yml` lines 36–52, `net.ipv6.conf.all.disable_ipv6 = 1`) and serves
 * `service_ip_range` as IPv4 local routes (`ansible/roles/vmware/files/var/lib/vmware/anyiproutectl.sh` line
 * 108); the Supervisor's load-balancer ranges start at an IPv4 address (vmware/terraform-provider-vsphere
 * v2.16.1 `vsphere/resource_vsphere_supervisor_v2.go` line 243, `validation.IsIPv4Address`).
 */
export function vipInputFinding(
  path: string,
  text: unknown,
  r: Extract<ParseResult<Cidr>, { ok: false }>,
  serving: VipServing,
  taken: readonly Interval[],
): { readonly finding: Finding; readonly proposed?: Cidr } {
  const ipv6 = r.reason === IPV6_BLOCK;
  const reason = ipv6
    ? "is an IPv6 block; the appliance's VIPs are IPv4 only (the appliance turns IPv6 off and serves its VIP CIDRs as IPv4 routes, and the Supervisor's load-balancer ranges start at IPv4 addresses)"
    : r.reason;
  const { candidates, intentInside } = vipCandidates(r, serving, taken);
  const head = `VIP CIDR ${quote(text)} ${reason}. Give a network-aligned ${ipv6 ? "IPv4 " : ""}CIDR a.b.c.d/n${fromServing(serving)}`;
  const [first, ...others] = candidates;
  const message =
    first === undefined
      ? `${head}.`
      : intentInside
        ? `${head}: did you mean ${quote(first)}?`
        : `${head}, e.g. ${quote(first)}.`;
  const f = finding("IP-02", path, message);
  const proposed = first === undefined ? undefined : parseCidr(first);
  return {
    finding: others.length > 0 ? { ...f, alternatives: others } : f,
    proposed: proposed?.ok ? proposed.value : undefined,
  };
}

/**
 * Blocks for a plan that gives no VIP CIDR at all: free blocks of the serving subnet, each as a one-element
 * list in JSON (the value `virtualIpCidrs` would take), and the sentence that names the subnet.
 */
export function vipListProposal(
  serving: VipServing,
  taken: readonly Interval[],
): { where: string; lists: string[] } {
  const subnet = serving.portGroup?.cidr;
  const blocks = subnet ? freeBlocks(subnet, taken) : [];
  return { where: fromServing(serving), lists: blocks.map((b) => JSON.stringify([formatCidr(b)])) };
}

/**
 * Addresses to propose for a port group's gateway that is outside its CIDR or on its network or broadcast
 * address, nearest first: the same host part inside the CIDR (`192.168.27.254` in `192.168.127.0/24` →
 * `192.168.127.254`), or the neighbouring host address of a network or broadcast address; then the first and
 * the last host address. None is the network or broadcast address or inside `avoid` (the port group's node
 * ranges and the Supervisor's management block).
 */
export function gatewayCandidates(cidr: Cidr, gateway: number, avoid: readonly Interval[]): number[] {
  const hostBits = 2 ** (32 - cidr.prefix) - 1;
  const nearest = containsAddress(cidr, gateway)
    ? gateway === cidr.first
      ? cidr.first + 1
      : cidr.last - 1
    : cidr.first + (gateway % (hostBits + 1));
  const taken = union(avoid);
  const out: number[] = [];
  for (const a of [nearest, cidr.first + 1, cidr.last - 1]) {
    const usable = a > cidr.first && a < cidr.last && a !== gateway;
    if (usable && !out.includes(a) && !taken.some((t) => containsAddress(t, a))) {
      out.push(a);
    }
  }
  return out;
}

/**
 * Suggests, once per VIP CIDR and scope, a free network-aligned block of the same size (", e.g. …") inside the
 * given scope, or the port group that holds the VIP (or its /16 when none does), clear of everything but other
 * VIPs.
 */
export function vipSuggester(
  items: readonly Labelled<SweepItem>[],
  portGroups: readonly PlanPortGroup[],
): (vip: Labelled<SweepItem>, within?: Interval) => string {
  const cache = new Map<string, string>();
  let taken: Interval[] | undefined;
  return (vip, within) => {
    const key = `${vip.label.path}@${within ? `${within.first}-${within.last}` : ""}`;
    const hit = cache.get(key);
    if (hit !== undefined) {
      return hit;
    }
    taken ??= union(items.filter((i) => i.label.kind !== "vip"));
    const width = size(vip);
    const prefix = 32 - Math.round(Math.log2(width));
    const home = within ?? portGroups.find((pg) => pg.cidr && contains(pg.cidr, vip))?.cidr;
    const scope = home ?? {
      first: Math.floor(vip.first / 65536) * 65536,
      last: Math.floor(vip.first / 65536) * 65536 + 65535,
    };
    let text = "";
    for (const g of gaps(scope, taken)) {
      const start = Math.ceil(g.first / width) * width;
      if (start + width - 1 <= g.last && !(start === vip.first)) {
        text = `, e.g. "${formatAddress(start)}/${prefix}"`;
        break;
      }
    }
    cache.set(key, text);
    return text;
  };
}

/**
 * Where a free service CIDR is looked for, in order: the Supervisor's default block and the rest of 10.96.0.0/11
 * above it, then the private blocks of RFC 1918 (172.16.0.0/12, 192.168.0.0/16, the rest of 10.0.0.0/8).
 */
const SERVICE_CIDR_SCOPES: readonly Interval[] = [
  { first: 0x0a600000, last: 0x0a7fffff },
  { first: 0xac100000, last: 0xac1fffff },
  { first: 0xc0a80000, last: 0xc0a8ffff },
  { first: 0x0a000000, last: 0x0affffff },
];

/**
 * Free blocks for the Kubernetes service CIDR, of `prefix` length (the user's own block size), that overlap
 * nothing of `taken` (every port group CIDR, VIP CIDR, node range and server address of the plan) and are not
 * `current`: the first free aligned block of each scope of `SERVICE_CIDR_SCOPES`, in that order.
 */
export function freeServiceBlocks(prefix: number, taken: readonly Interval[], current?: Cidr): Cidr[] {
  const width = 2 ** (32 - prefix);
  const out: Cidr[] = [];
  for (const scope of SERVICE_CIDR_SCOPES) {
    for (const g of gaps(scope, taken)) {
      let start = Math.ceil(g.first / width) * width;
      if (current && start === current.first) start += width;
      if (start + width - 1 <= g.last) {
        if (!out.some((c) => c.first === start)) out.push({ first: start, last: start + width - 1, prefix });
        break;
      }
    }
  }
  return out;
}
