import { Severity } from "../../model/diagnostics";
import { intersection, overlappingPairs } from "../../model/ip";
import { describeRange, rangeItems } from "../context";
import { planRule } from "../rule";

/** How many overlapping pairs NET-04 lists before it says that more follow. */
const LISTED_PAIRS = 1000;

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
    const pairs = overlappingPairs(items, undefined, LISTED_PAIRS + 1);
    for (const [a, b] of pairs.slice(0, LISTED_PAIRS)) {
      report(
        b.label.path,
        `${b.label.what()} overlaps ${a.label.what()} (${a.label.path}) at ${describeRange(intersection(a, b))}. Every workload network needs a unique range: split the addresses between them.`,
      );
    }
    if (pairs.length > LISTED_PAIRS) {
      // Stacked ranges overlap pairwise (n ranges on one block: n(n-1)/2 pairs); past the first ones the list
      // would only repeat itself, and finding them all would cost as much.
      const [, b] = pairs[LISTED_PAIRS];
      report(
        b.label.path,
        `and more overlapping ranges from here on: the first ${LISTED_PAIRS.toLocaleString("en-US")} overlapping pairs are listed, the rest are not. Split the addresses between the networks and run again.`,
      );
    }
  },
});
