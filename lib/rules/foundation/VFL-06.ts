import { Severity } from "../../model/diagnostics";
import { formatRange, Interval, parseRange, union } from "../../model/ip";
import { MAX_INTERFACE_RANGES } from "../foundation-context";
import { planRule } from "../rule";

/** VFL-06: an interface takes at most MAX_INTERFACE_RANGES address ranges. */
export default planRule({
  id: "VFL-06",
  severity: Severity.ERROR,
  summary: `Every interface of the Foundation Load Balancer has at most ${MAX_INTERFACE_RANGES} address ranges.`,
  why: `The load balancer has at most two nodes (\`ACTIVE_PASSIVE\`, vSphere API 9.0.0.0 \`Vcenter NamespaceManagement Networks Edges Foundation Availability\`), which need a few addresses of each interface's port group: a list of more than ${MAX_INTERFACE_RANGES} ranges is a pasted list, not a plan, and as with a workload network's ranges (${MAX_INTERFACE_RANGES}) only the first ${MAX_INTERFACE_RANGES} are checked, so that the check stays quick.`,
  example: {
    failing: `${MAX_INTERFACE_RANGES + 1} single-address ranges "192.168.120.10-192.168.120.10", …`,
    passing: '"192.168.120.10-192.168.120.110"',
  },
  foundation: (ctx, report) => {
    const given = Array.isArray(ctx.props.interfaces) ? ctx.props.interfaces : [];
    given.forEach((itf, index) => {
      const ranges: unknown[] = Array.isArray(itf?.addressRanges) ? itf.addressRanges : [];
      if (ranges.length <= MAX_INTERFACE_RANGES) {
        return;
      }
      // The same addresses in fewer ranges: adjacent and overlapping ranges joined.
      const parsed = ranges.map((r) => parseRange(r as string));
      const intervals = parsed.flatMap((p): Interval[] => (p.ok ? [p.value] : []));
      const joined = parsed.every((p) => p.ok) ? union(intervals).map(formatRange) : [];
      const fix =
        joined.length > 0 && joined.length <= MAX_INTERFACE_RANGES ? `, e.g. ${JSON.stringify(joined)}` : "";
      report(
        `interfaces[${index}].addressRanges`,
        `interface ${index} has ${ranges.length} address ranges; it takes at most ${MAX_INTERFACE_RANGES} (only the first ${MAX_INTERFACE_RANGES} are checked). Join adjacent addresses into "first-last" ranges and keep the ones its nodes need${fix}.`,
      );
    });
  },
});
