/**
 * What the address map marks: blocks with two owners on the same addresses, each keyed to the finding of the
 * rule that reports it (matched by the rule's id, the prop path the finding quotes and the addresses its message
 * names). Pure: no SVG.
 */
import { Diagnostic, Severity } from "../model/diagnostics";
import { crossingPairs, formatAddress, Interval, Labelled, overlappingPairs } from "../model/ip";
import { AllocationKind } from "./plan-report";

/** What a block on the map is: an allocation of a subnet, a DNS or NTP server, a whole subnet, the service CIDR. */
export type ItemKind = AllocationKind | "server" | "subnet" | "service";

/** One block drawn on a bar. */
export interface MapItem extends Interval {
  readonly kind: ItemKind;
  /** Who owns it, in full (the tooltip). */
  readonly owner: string;
  /** Its label on the map. */
  readonly label: string;
  /** The prop path of the value that placed it. */
  readonly path?: string;
  /** How findings quote it (CIDR, range or address text). */
  readonly texts: readonly string[];
}

/** One entry of the map's findings list. */
export interface MapFinding {
  /** Its number on the map, from 1. */
  readonly number: number;
  /** The rule id, or `overlap` for blocks that share addresses and no finding names. */
  readonly ruleId: string;
  readonly severity: Severity;
  readonly path?: string;
  readonly message: string;
  /** A warning acknowledged with a reason. */
  readonly acknowledged: boolean;
}

/** Two blocks on the same addresses, and the findings that report it. */
export interface Conflict extends Interval {
  readonly a: MapItem;
  readonly b: MapItem;
  /** Numbers of the findings (in the map's list) this conflict is marked with. */
  readonly findings: number[];
}

const WORKLOAD: ItemKind[] = [AllocationKind.SUPERVISOR, AllocationKind.NODES];

/**
 * The rules that report two kinds of block on the same addresses (either order), from the catalogue
 * (docs/rules.md). Pairs not listed are no conflict: a DNS server on the gateway, DNS and NTP on one host.
 */
const PAIR_RULES: readonly [readonly ItemKind[], readonly ItemKind[], readonly string[]][] = [
  [[AllocationKind.VIP], [AllocationKind.GATEWAY], ["VIP-01"]],
  [[AllocationKind.VIP], WORKLOAD, ["VIP-02"]],
  [[AllocationKind.VIP], [AllocationKind.HAPROXY], ["VIP-03"]],
  [[AllocationKind.VIP], [AllocationKind.MANAGEMENT_BLOCK], ["VIP-03", "NET-08"]],
  [[AllocationKind.VIP], ["server"], ["VIP-03", "SUP-04"]],
  [[AllocationKind.VIP], [AllocationKind.VIP], ["VIP-04"]],
  // VIP-06 is quiet for a block that holds a gateway: VIP-01's error, which moves the block, reports it then.
  [[AllocationKind.VIP], [AllocationKind.RESERVED], ["VIP-06", "VIP-01"]],
  [WORKLOAD, WORKLOAD, ["NET-04"]],
  [WORKLOAD, [AllocationKind.RESERVED, AllocationKind.GATEWAY], ["NET-02"]],
  [WORKLOAD, [AllocationKind.HAPROXY], ["HAP-02"]],
  [WORKLOAD, [AllocationKind.MANAGEMENT_BLOCK], ["NET-03"]],
  [WORKLOAD, ["server"], ["SUP-04"]],
  [
    [AllocationKind.HAPROXY],
    [AllocationKind.RESERVED, AllocationKind.GATEWAY, AllocationKind.HAPROXY],
    ["HAP-02"],
  ],
  [[AllocationKind.HAPROXY], [AllocationKind.MANAGEMENT_BLOCK], ["NET-08"]],
  [[AllocationKind.HAPROXY], ["server"], ["SUP-04"]],
  [[AllocationKind.MANAGEMENT_BLOCK], [AllocationKind.RESERVED, AllocationKind.GATEWAY], ["NET-08"]],
  [[AllocationKind.MANAGEMENT_BLOCK], ["server"], ["SUP-04"]],
  [[AllocationKind.GATEWAY], [AllocationKind.RESERVED], ["NET-01"]],
  [["service"], ["subnet", AllocationKind.VIP, ...WORKLOAD, "server"], ["NET-09"]],
];

/** The rules reporting the pair, or undefined when two such blocks may share addresses. */
export function pairRules(a: ItemKind, b: ItemKind): readonly string[] | undefined {
  for (const [x, y, rules] of PAIR_RULES) {
    if ((x.includes(a) && y.includes(b)) || (x.includes(b) && y.includes(a))) {
      return rules;
    }
  }
  return undefined;
}

/** The map's findings list: the plan's findings, then the acknowledged warnings, numbered from 1. */
export function numberFindings(
  findings: readonly Diagnostic[],
  acknowledged: readonly Diagnostic[],
): MapFinding[] {
  return [
    ...findings.map((d) => ({ d, acknowledged: false })),
    ...acknowledged.map((d) => ({ d, acknowledged: true })),
  ].map(({ d, acknowledged: ack }, k) => ({
    number: k + 1,
    ruleId: d.ruleId,
    severity: d.severity,
    path: d.path,
    message: d.message,
    acknowledged: ack,
  }));
}

/**
 * True when the message names the text as a whole value: `192.168.120.1` is not in `192.168.120.128`, and an
 * address is not in a CIDR that starts with it (`192.168.120.0` is not in `192.168.120.0/24`).
 */
function names(message: string, text: string): boolean {
  let at = message.indexOf(text);
  while (at >= 0) {
    const next = message.slice(at + text.length, at + text.length + 2);
    const before = message[at - 1] ?? "";
    if (!/^\d|^\.\d|^\//.test(next) && !/[\d.]/.test(before)) return true;
    at = message.indexOf(text, at + 1);
  }
  return false;
}

/**
 * The findings that report a conflict: per rule, those that best match it. A finding scores 2 for each side of
 * the conflict its message names and 1 when its prop path is a side's (every NET-09 finding has the path
 * `serviceCidr`: the names tell them apart).
 */
function matching(list: readonly MapFinding[], rules: readonly string[], c: Conflict): number[] {
  const out: number[] = [];
  const sides = [c.a, c.b];
  for (const rule of rules) {
    const ofRule = list.filter((f) => f.ruleId === rule);
    const scored = ofRule.map((f) => ({
      f,
      score:
        (f.path !== undefined && sides.some((s) => s.path === f.path) ? 1 : 0) +
        2 * sides.filter((s) => s.texts.some((t) => names(f.message, t))).length,
    }));
    const best = Math.max(0, ...scored.map((s) => s.score));
    if (best > 0) {
      out.push(...scored.filter((s) => s.score === best).map((s) => s.f.number));
    } else if (ofRule.length === 1) {
      out.push(ofRule[0].number);
    }
  }
  return out;
}

/**
 * The conflicts among a bar's blocks, each keyed to its findings. A conflict no finding names gets an entry of
 * its own (`overlap`, appended to `list`), so that no shared address goes unmarked. With `involving`, only the
 * conflicts of that item.
 */
export function conflictsOf(items: readonly MapItem[], list: MapFinding[], involving?: MapItem): Conflict[] {
  const labelled = items.map((item) => ({ first: item.first, last: item.last, label: item }));
  const ruled = (x: Labelled<MapItem>, y: Labelled<MapItem>) =>
    pairRules(x.label.kind, y.label.kind) !== undefined;
  // With `involving`, only its pairs are read: a crossing sweep, not every pair of the bar refused one by one.
  const pairs =
    involving === undefined
      ? overlappingPairs(labelled, ruled, 200)
      : crossingPairs(labelled, (x) => x.label === involving, 200).filter(([x, y]) => ruled(x, y));
  return pairs.map(([x, y]) => {
    const c: Conflict = {
      first: Math.max(x.first, y.first),
      last: Math.min(x.last, y.last),
      a: x.label,
      b: y.label,
      findings: [],
    };
    c.findings.push(...matching(list, pairRules(x.label.kind, y.label.kind) ?? [], c));
    if (c.findings.length === 0) {
      const number = list.length + 1;
      list.push({
        number,
        ruleId: "overlap",
        severity: Severity.ERROR,
        message: `${c.a.owner} and ${c.b.owner} share ${c.first === c.last ? formatAddress(c.first) : `${formatAddress(c.first)}-${formatAddress(c.last)}`}. Give each its own addresses.`,
        acknowledged: false,
      });
      c.findings.push(number);
    }
    return c;
  });
}
