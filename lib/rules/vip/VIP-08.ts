import { Severity } from "../../model/diagnostics";
import { contains, formatAddress, formatCidr, quote } from "../../model/ip";
import { applianceSubnets, servingNic } from "../appliance-routing";
import { planRule } from "../rule";

/** VIP-08: VIPs inside another NIC's subnet are served from that NIC, not the one the mode is for. */
export default planRule({
  id: "VIP-08",
  severity: Severity.WARN,
  deployedApplianceOnly: true,
  summary:
    "A VIP CIDR inside the subnet of a NIC other than the serving one (the management NIC, or the workload NIC in frontend mode) is served from that NIC.",
  why: "The appliance (v0.2.0) answers a VIP from the NIC whose subnet holds it: the workload and frontend NICs by their own route tables (`routetablectl.sh` line 200, `ip rule add from <NIC ip/prefix>`), the management NIC by the main table's default route (`ovf-to-cloud-init.sh` line 228). So this works, but the Services are reached on that network: in frontend mode, VIPs on the workload network put clients next to the nodes, which frontend mode exists to avoid (S-21, S-33); VIPs on the management network carry every Service's traffic there, and replies to clients on the workload (or frontend) subnet leave straight out of that NIC while their requests came in through the management NIC.",
  example: {
    failing: 'frontend mode, "192.168.0.0/24" with workload 192.168.0.0/16',
    passing: '"192.168.130.64/26" in frontend 192.168.130.0/24',
  },
  haproxy: (ctx, report) => {
    const serving = servingNic(ctx);
    if (!serving?.cidr) {
      return;
    }
    const others = applianceSubnets(ctx).filter((s) => s.nic !== serving.nic && s.cidr);
    for (const v of ctx.virtualIps) {
      if (contains(serving.cidr, v.cidr)) {
        continue;
      }
      const holder = others.find((s) => contains(s.cidr!, v.cidr));
      if (!holder) {
        continue; // in no NIC's subnet: VIP-05
      }
      const vip = ctx.items.find((i) => i.label.kind === "vip" && i.label.path === v.path);
      const fix = vip ? ctx.suggestVip(vip, serving.cidr) : "";
      const via = holder.gateway !== undefined ? ` and its gateway ${formatAddress(holder.gateway)}` : "";
      const consequence =
        holder.nic === "management"
          ? "every Service's traffic rides the management network, and replies to clients on the appliance's other subnets leave straight out of those NICs while their requests came in through the management NIC"
          : `clients reach the Services on the ${holder.nic} network, next to the nodes, which ${serving.nic} mode is meant to keep them off`;
      report(
        v.path,
        `VIP CIDR ${quote(formatCidr(v.cidr))} lies in the subnet of ${holder.nic} port group ${quote(holder.portGroup)} (${formatCidr(holder.cidr!)}), not of ${serving.nic} port group ${quote(serving.portGroup)} (${formatCidr(serving.cidr)}). The appliance answers these VIPs from its ${holder.nic} NIC${via}: this works, but ${consequence}. To serve them from the ${serving.nic} NIC, take the VIPs from the ${serving.nic} subnet${fix || ` ${quote(formatCidr(serving.cidr))}`}.`,
      );
    }
  },
});
