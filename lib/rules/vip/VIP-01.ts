import { Severity } from "../../model/diagnostics";
import { planRule } from "../rule";
import { vipHolderAtStart } from "../vip-holder";

/** VIP-01: no VIP CIDR contains a gateway. */
export default planRule({
  id: "VIP-01",
  severity: Severity.ERROR,
  summary: "No VIP CIDR contains a gateway of any port group.",
  why: "The appliance answers ARP for every address of its VIP CIDRs (v0.2.0 anyip routes), so a gateway inside one is hijacked and every route through it fails.",
  example: { failing: '"192.168.120.0/25" (holds gateway 192.168.120.1)', passing: '"192.168.120.128/25"' },
  haproxy: (ctx, report) => {
    for (const [a, b] of ctx.pairs) {
      if (a.label.kind === "vip" && b.label.kind === "gateway") {
        report(
          a.label.path,
          `${a.label.what()} contains ${b.label.what()}. ${vipHolderAtStart(ctx.props)} answers for every VIP, so all routes through that gateway would fail. Move the VIPs to a block without gateways${ctx.suggestVip(a)}.`,
        );
      }
    }
  },
});
