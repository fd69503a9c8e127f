import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import { reportInput } from "../context";
import { planRule } from "../rule";

/** IP-02: every CIDR is `a.b.c.d/n`, network-aligned. */
export default planRule({
  id: "IP-02",
  severity: Severity.ERROR,
  summary:
    "Every CIDR is `a.b.c.d/n` with 0 ≤ n ≤ 32 and no host bits; the appliance needs at least one VIP CIDR.",
  why: "The appliance adds every VIP CIDR as a local route (v0.2.0 `ovf-to-cloud-init.sh`, anyip routes) and vSphere takes subnets as network and mask: a CIDR with host bits set names a different block than the one meant.",
  example: { failing: '"192.168.120.130/25"', passing: '"192.168.120.128/25"' },
  network: (ctx, report) => reportInput(ctx.input, "IP-02", report),
  haproxy: (ctx, report) => {
    const vips = ctx.props.virtualIpCidrs;
    if ((!Array.isArray(vips) || vips.length === 0) && ctx.known(vips, "virtualIpCidrs")) {
      // A free block of the serving subnet, clear of its gateway, node ranges and the appliance's addresses.
      const { where, lists } = ctx.proposeVipList();
      const [first, ...others] = lists;
      report(
        "virtualIpCidrs",
        `virtualIpCidrs ${quote(vips)} holds no CIDR; the appliance needs at least one block of virtual IPs. Give network-aligned CIDRs${where}${first === undefined ? "." : `, e.g. ${first}.`}`,
        others.length > 0 ? others : undefined,
      );
    }
    reportInput(ctx.input, "IP-02", report);
  },
  supervisor: (ctx, report) => reportInput(ctx.input, "IP-02", report),
});
