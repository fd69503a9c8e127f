import { Severity } from "../../model/diagnostics";
import { formatCidr, quote } from "../../model/ip";
import { planRule } from "../rule";

/** NET-10: one VLAN, one subnet. */
export default planRule({
  id: "NET-10",
  severity: Severity.WARN,
  summary: "Port groups the plan creates on the same VLAN id carry the same subnet.",
  why: "A VLAN is one layer-2 segment: two subnets on it share broadcasts and are usually a typing mistake (a copied port group whose VLAN id was not changed). The HAProxy appliance and the Supervisor route per subnet, so two of them on one segment can answer ARP for each other's addresses. Acknowledge it when the segment really carries both subnets.",
  example: {
    failing: "wl-121 on VLAN 121 with 192.168.121.0/24 and wl-122 on VLAN 121 with 192.168.122.0/24",
    passing: "wl-122 on VLAN 122",
  },
  network: (ctx, report) => {
    const firstOnVlan = new Map<number, (typeof ctx.plan.portGroups)[number]>();
    for (const pg of ctx.plan.portGroups) {
      const vlan = pg.props.vlanId;
      if (
        typeof vlan !== "number" ||
        ctx.isToken(vlan) ||
        pg.props.existingNetworkId !== undefined ||
        !pg.cidr
      ) {
        continue;
      }
      const first = firstOnVlan.get(vlan);
      if (!first) {
        firstOnVlan.set(vlan, pg);
        continue;
      }
      if (first.cidr && (first.cidr.first !== pg.cidr.first || first.cidr.prefix !== pg.cidr.prefix)) {
        const used = new Set(ctx.plan.portGroups.map((p) => p.props.vlanId));
        const free = Array.from({ length: 4094 }, (_, k) => vlan + 1 + k)
          .map((v) => ((v - 1) % 4094) + 1)
          .find((v) => !used.has(v));
        report(
          `${pg.path}.vlanId`,
          `port group ${quote(pg.name)} (${formatCidr(pg.cidr)}) is on VLAN ${vlan}, like port group ${quote(first.name)} (${formatCidr(first.cidr)}, ${first.path}): two subnets on one layer-2 segment. Give it its own VLAN${free !== undefined ? `, e.g. ${free}` : ""}, or acknowledge NET-10 if the segment carries both.`,
        );
      }
    }
  },
});
