import { Severity } from "../../model/diagnostics";
import { Interval, Labelled, parseRange, quote, size } from "../../model/ip";
import { SweepItem } from "../context";
import { planRule } from "../rule";

/**
 * The order of two JSON paths by their indices as numbers (`interfaces[2]` before `interfaces[10]`), not as strings.
 */
function comparePaths(a: string, b: string): number {
  const indices = (p: string) => [...p.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  const [x, y] = [indices(a), indices(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] - y[i];
  }
  return x.length - y.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * At most this many overlaps are reported per range (a range stacked on a hundred others gets three lines, not a
 * hundred); moving the range ends all of them.
 */
const MAX_PER_RANGE = 3;

/** VFL-04: interface ranges take no address of anything else of the plan. */
export default planRule({
  id: "VFL-04",
  severity: Severity.ERROR,
  summary:
    "No interface range of the Foundation Load Balancer overlaps a gateway, a workload network address range, the Supervisor management block, a VIP CIDR, a DNS server or another interface's range.",
  why: "vCenter gives the load balancer's nodes the addresses of its interface ranges (`ip_config.ip_ranges`, vSphere API 9.0.0.0 `Vcenter NamespaceManagement Networks Edges Foundation IPConfig`); the same address handed to a Supervisor or cluster node (its workload network ranges and management block), claimed as a VIP, held by a gateway or a DNS server, or given to another interface makes two hosts answer for it, and traffic to both breaks.",
  example: {
    failing:
      'interface range "192.168.120.31-192.168.120.33" with workload range "192.168.120.31-192.168.120.40"',
    passing: '"192.168.120.10-192.168.120.12"',
  },
  foundation: (ctx, report) => {
    // Each overlapping pair once, both sides named; of two interface ranges, the later one is told to move.
    const overlaps = new Map<string, { mine: Labelled<SweepItem>; others: Labelled<SweepItem>[] }>();
    for (const [a, b] of ctx.pairs) {
      const [mine, other] =
        a.label.kind === "interface" &&
        b.label.kind === "interface" &&
        comparePaths(b.label.path, a.label.path) > 0
          ? [b, a]
          : [a, b];
      const entry = overlaps.get(mine.label.path) ?? { mine, others: [] };
      entry.others.push(other);
      overlaps.set(mine.label.path, entry);
    }
    // One fix per range, on its first finding, and each fix distinct from those before it, so that all of them
    // can be applied together (each is re-checked alone before it is offered: ./suggestions).
    const proposed: Interval[] = [];
    const ordered = [...overlaps.values()].sort((x, y) => comparePaths(x.mine.label.path, y.mine.label.path));
    for (const { mine, others } of ordered) {
      const itf = ctx.interfaces.find((i) => mine.label.path.startsWith(`${i.path}.`));
      const fix = itf?.portGroup ? ctx.freeRange(itf.portGroup, size(mine), mine, proposed) : undefined;
      const fixed = fix === undefined ? undefined : parseRange(fix);
      if (fixed?.ok) proposed.push(fixed.value);
      const text = itf?.ranges.find((r) => r.path === mine.label.path)?.text ?? "";
      others.slice(0, MAX_PER_RANGE).forEach((other, k) => {
        const advice =
          k === 0
            ? `Move it to free addresses of its port group${fix ? `, e.g. ${quote(fix)}` : ""}.`
            : "Moving it (see its first finding) ends this overlap too.";
        report(
          mine.label.path,
          `interface range ${quote(text)} overlaps ${other.label.what()}: the load balancer's nodes would take addresses that are not theirs. ${advice}`,
        );
      });
    }
  },
});
