import { Severity } from "../../model/diagnostics";
import { reportInput } from "../context";
import { planRule } from "../rule";

/** IP-03: every address range is `first-last`. */
export default planRule({
  id: "IP-03",
  severity: Severity.ERROR,
  summary: "Every address range is `first-last`, both IPv4, first ≤ last.",
  why: "The Supervisor takes workload network ranges as a first address and a count; a range written backwards or as a CIDR cannot be turned into one.",
  example: { failing: '"192.168.120.40-192.168.120.31"', passing: '"192.168.120.31-192.168.120.40"' },
  network: (ctx, report) => reportInput(ctx.input, "IP-03", report),
  foundation: (ctx, report) => reportInput(ctx.input, "IP-03", report),
});
