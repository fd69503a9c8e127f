import { Severity } from "../../model/diagnostics";
import { intersection, overlappingPairs } from "../../model/ip";
import { describeRange, rangeItems } from "../context";
import { planRule } from "../rule";

/** NET-04: no two workload ranges overlap. */
export default planRule({
  id: "NET-04",
  severity: Severity.ERROR,
  summary: "No two address ranges of workload networks overlap, across networks and within one network.",
  why: "Every workload network needs a unique IP range: the Supervisor would hand the same address to two nodes.",
  example: {
    failing: '"192.168.120.31-192.168.120.60" and "192.168.120.51-192.168.120.70"',
    passing: '"192.168.120.31-192.168.120.40" and "192.168.120.51-192.168.120.60"',
  },
  network: (ctx, report) => {
    const items = rangeItems(ctx.plan);
    for (const [a, b] of overlappingPairs(items)) {
      report(
        b.label.path,
        `${b.label.what()} overlaps ${a.label.what()} (${a.label.path}) at ${describeRange(intersection(a, b))}. Every workload network needs a unique range: split the addresses between them.`,
      );
    }
  },
});
