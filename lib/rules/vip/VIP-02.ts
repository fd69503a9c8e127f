import { Severity } from "../../model/diagnostics";
import { intersection } from "../../model/ip";
import { describeRange } from "../context";
import { planRule } from "../rule";

/** VIP-02: no VIP CIDR overlaps a node range. */
export default planRule({
  id: "VIP-02",
  severity: Severity.ERROR,
  summary: "No VIP CIDR overlaps any workload network address range.",
  why: "Workload network ranges must not overlap the VIP range: a node given an address the appliance claims is unreachable.",
  example: { failing: '"192.168.120.0/26" with nodes 192.168.120.31-40', passing: '"192.168.120.128/25"' },
  haproxy: (ctx, report) => {
    for (const [a, b] of ctx.pairs) {
      if (a.label.kind === "vip" && b.label.kind === "range") {
        report(
          a.label.path,
          `${a.label.what()} overlaps ${b.label.what()} (${b.label.path}) at ${describeRange(intersection(a, b))}. Node ranges must not overlap the VIPs: shrink the node range or move the VIPs${ctx.suggestVip(a)}.`,
        );
      }
    }
  },
});
