import { Severity } from "../../model/diagnostics";
import { intersection } from "../../model/ip";
import { describeRange } from "../context";
import { planRule } from "../rule";

/** VIP-04: VIP CIDRs do not overlap each other. */
export default planRule({
  id: "VIP-04",
  severity: Severity.ERROR,
  summary: "VIP CIDRs do not overlap each other.",
  why: "The appliance adds each VIP CIDR as its own local route; overlapping blocks make the Supervisor's load-balancer ranges ambiguous.",
  example: {
    failing: '["192.168.120.128/25", "192.168.120.192/26"]',
    passing: '["192.168.120.128/26", "192.168.120.192/26"]',
  },
  haproxy: (ctx, report) => {
    for (const [a, b] of ctx.pairs) {
      if (a.label.kind === "vip" && b.label.kind === "vip") {
        report(
          b.label.path,
          `${b.label.what()} overlaps ${a.label.what()} (${a.label.path}) at ${describeRange(intersection(a, b))}. Give VIP CIDRs that do not overlap, or merge them into one CIDR.`,
        );
      }
    }
  },
});
