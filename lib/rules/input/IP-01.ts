import { Severity } from "../../model/diagnostics";
import { reportInput } from "../context";
import { planRule } from "../rule";

/** IP-01: every address is a four-part decimal IPv4 address. */
export default planRule({
  id: "IP-01",
  severity: Severity.ERROR,
  summary: "Every address is a four-part decimal IPv4 address (`192.168.1.10`).",
  why: "vSphere and the appliance take IPv4 only. Shorthand (`10.1`), leading zeros (`010.0.0.1`) and hex are read differently by different tools (ipaddr.js accepts `10.1` as `10.0.0.1`), so a plan that means one thing here could mean another on the wire.",
  example: { failing: '"10.0.0"', passing: '"10.0.0.10"' },
  network: (ctx, report) => reportInput(ctx.input, "IP-01", report),
  haproxy: (ctx, report) => reportInput(ctx.input, "IP-01", report),
  foundation: (ctx, report) => reportInput(ctx.input, "IP-01", report),
});
