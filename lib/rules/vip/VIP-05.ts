import { Severity } from "../../model/diagnostics";
import { Cidr, contains, formatAddress, formatCidr, quote } from "../../model/ip";
import { HaproxyContext } from "../context";
import { freeBlocks } from "../proposals";
import { planRule } from "../rule";
import { applianceSubnets, servingNic } from "../appliance-routing";

/**
 * Free blocks of the serving subnet for a VIP CIDR too large to move there whole (`0.0.0.0/0`): the largest free
 * block of each size, clear of everything of the plan but the VIPs, as `, e.g. "…"` and the other blocks to try
 * when the whole plan refuses the first.
 */
function smallerBlocks(ctx: HaproxyContext, subnet: Cidr): { fix: string; alternatives: string[] } {
  const taken = ctx.items.filter((i) => i.label.kind !== "vip");
  const [first, ...others] = freeBlocks(subnet, taken).map(formatCidr);
  return { fix: first === undefined ? "" : `, e.g. ${quote(first)}`, alternatives: others };
}

/** VIP-05: every VIP lies in the subnet of one of the appliance's NICs. */
export default planRule({
  id: "VIP-05",
  severity: Severity.ERROR,
  deployedApplianceOnly: true,
  summary:
    "Every VIP CIDR lies inside the subnet of one of the appliance's NICs (management, workload, and frontend in frontend mode), best the NIC that serves the VIPs.",
  why:
    "The appliance (v0.2.0) binds its VIPs to no NIC: `anyiproutectl.sh` line 108 adds each VIP CIDR as `ip route add local <cidr> dev lo`. Replies leave by policy routing: `ovf-to-cloud-init.sh` lines 352-359 write a route table for the workload NIC (and the frontend NIC) only, and `routetablectl.sh` lines 198-200 give it `default via <that NIC's gateway>` and `ip rule add from <NIC ip/prefix>`, so a reply whose source lies in that NIC's subnet leaves through that NIC; the management NIC has no table of its own, its gateway is the main table's default route (`ovf-to-cloud-init.sh` line 228, `gateway4`). " +
    "So VIPs inside a NIC's subnet are answered from that NIC (VIP-08 when it is not the NIC that serves them). VIPs in no NIC's subnet cannot work as planned: no segment the appliance sits on holds them, so only a router's static route can bring clients to them, and whatever NIC that route points at, no source rule matches the replies: they follow the main table, out of the management NIC to its default gateway (and straight out of the NIC whose subnet holds the client, for clients on the appliance's own subnets). Requests and replies take different paths, which stateful firewalls and strict reverse-path filters drop; that is an error, not a preference.",
  example: {
    failing: 'default mode, "192.168.200.0/25" with workload 192.168.120.0/24 and management 10.0.0.0/24',
    passing: '"192.168.120.128/25"',
  },
  haproxy: (ctx, report) => {
    const subnets = applianceSubnets(ctx);
    const serving = servingNic(ctx);
    if (!serving?.cidr || subnets.some((s) => !s.cidr)) {
      return; // a subnet not known at synth (a token, or malformed: its own rule) could hold the VIPs
    }
    const management = subnets.find((s) => s.nic === "management");
    for (const v of ctx.virtualIps) {
      if (subnets.some((s) => s.cidr && contains(s.cidr, v.cidr))) {
        continue;
      }
      const vip = ctx.items.find((i) => i.label.kind === "vip" && i.label.path === v.path);
      const sameSize = vip ? ctx.suggestVip(vip, serving.cidr) : "";
      const { fix, alternatives } = sameSize
        ? { fix: sameSize, alternatives: [] }
        : smallerBlocks(ctx, serving.cidr);
      const nics = subnets.map((s) => `${s.nic} ${quote(s.portGroup)} ${formatCidr(s.cidr!)}`).join(", ");
      const gateway =
        management?.gateway !== undefined ? ` to its gateway ${formatAddress(management.gateway)}` : "";
      report(
        v.path,
        `VIP CIDR ${quote(formatCidr(v.cidr))} lies in no subnet of the appliance's NICs (${nics}). The appliance policy-routes replies only from its NICs' own subnets, so replies from these VIPs are answered from the management NIC${gateway}, whichever NIC a router's static route brings the requests to: requests and replies take different paths, and a static route towards the appliance does not change that return path. Take the VIPs from the ${serving.nic} subnet${fix || ` ${quote(formatCidr(serving.cidr))}`}.`,
        alternatives,
      );
    }
  },
});
