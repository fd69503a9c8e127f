import { Severity } from "../../model/diagnostics";
import { contains, formatCidr, quote } from "../../model/ip";
import { planRule } from "../rule";

/** VIP-05: VIPs live in the subnet of the NIC that serves them. */
export default planRule({
  id: "VIP-05",
  severity: Severity.WARN,
  summary:
    "A VIP CIDR lies inside the subnet of the NIC that serves it (the HAProxy workload port group in default mode, the frontend port group in frontend mode).",
  why: "The appliance policy-routes replies only from its NICs' own subnets (v0.2.0 `routetablectl.sh`: `ip rule add from <NIC ip/prefix>`); replies from VIPs outside them leave through the management default route, and a static route towards the appliance does not change that return path.",
  example: {
    failing: 'default mode, "192.168.200.0/25" with workload 192.168.120.0/24',
    passing: '"192.168.120.128/25"',
  },
  haproxy: (ctx, report) => {
    const serving = ctx.frontendMode ? ctx.frontendPg : ctx.workloadPg;
    if (!serving?.cidr) {
      return;
    }
    const nic = ctx.frontendMode ? "frontend" : "workload";
    for (const v of ctx.virtualIps) {
      if (contains(serving.cidr, v.cidr)) {
        continue;
      }
      const vip = ctx.items.find((i) => i.label.kind === "vip" && i.label.path === v.path);
      const fix = vip ? ctx.suggestVip(vip, serving.cidr) : "";
      report(
        v.path,
        `VIP CIDR ${quote(formatCidr(v.cidr))} is not inside ${nic} port group ${quote(serving.name)} (${quote(formatCidr(serving.cidr))}). The appliance policy-routes replies only from its NICs' own subnets, so replies from these VIPs would leave through the management network's default route, and a static route towards the appliance does not change that return path. Take the VIPs from the ${nic} subnet${fix || ` ${quote(formatCidr(serving.cidr))}`}.`,
      );
    }
  },
});
