import { Severity } from "../../model/diagnostics";
import { containsAddress, formatAddress, formatCidr, Interval, quote } from "../../model/ip";
import { PlanPortGroup } from "../../model/plan";
import { NetworkContext } from "../context";
import { gatewayCandidates } from "../proposals";
import { planRule } from "../rule";

/** What a proposed gateway must stay clear of: the node ranges on the port group and the Supervisor's block. */
function takenOn(ctx: NetworkContext, pg: PlanPortGroup): Interval[] {
  const out: Interval[] = [];
  for (const wn of ctx.plan.workloadNetworks) {
    if (wn.portGroup === pg.name) {
      out.push(...wn.ranges.flatMap((r) => (r.interval ? [r.interval] : [])));
    }
  }
  if (pg.name === ctx.plan.managementPortGroup && ctx.plan.managementBlock) {
    out.push(ctx.plan.managementBlock);
  }
  return out;
}

/** NET-01: a port group's gateway lies inside its CIDR and is a host address. */
export default planRule({
  id: "NET-01",
  severity: Severity.ERROR,
  summary:
    "A port group's gateway lies inside its CIDR and is neither its network nor its broadcast address.",
  why: "Every node, the Supervisor and the appliance route through the port group's gateway; a gateway outside the subnet or on its network or broadcast address is unreachable (seed page; the most common bug of hand-written plans).",
  example: {
    failing: 'cidr "192.168.120.0/24", gateway "192.168.121.1"',
    passing: 'cidr "192.168.120.0/24", gateway "192.168.120.1"',
  },
  network: (ctx, report) => {
    for (const pg of ctx.plan.portGroups) {
      if (!pg.cidr) {
        continue;
      }
      if (pg.cidr.prefix > 30) {
        report(
          `${pg.path}.cidr`,
          `port group ${quote(pg.name)} has CIDR ${quote(formatCidr(pg.cidr))}, which leaves no room for a gateway and hosts. Use a /30 or larger subnet (a /24 is recommended).`,
        );
        continue;
      }
      if (pg.gateway === undefined) {
        continue;
      }
      const gw = formatAddress(pg.gateway);
      const outside = !containsAddress(pg.cidr, pg.gateway);
      if (!outside && pg.gateway !== pg.cidr.first && pg.gateway !== pg.cidr.last) {
        continue;
      }
      // The nearest host address first (a one-digit typo keeps its host part), then the first and last hosts.
      const [nearest, ...others] = gatewayCandidates(pg.cidr, pg.gateway, takenOn(ctx, pg)).map(
        formatAddress,
      );
      const fix = nearest === undefined ? "" : `: did you mean ${quote(nearest)}?`;
      const which = pg.gateway === pg.cidr.first ? "network" : "broadcast";
      report(
        `${pg.path}.gateway`,
        outside
          ? `gateway ${quote(gw)} of port group ${quote(pg.name)} is outside its CIDR ${quote(formatCidr(pg.cidr))}. Give the router address of that subnet${fix || "."}`
          : `gateway ${quote(gw)} of port group ${quote(pg.name)} is the ${which} address of ${quote(formatCidr(pg.cidr))}. Use a host address${fix || "."}`,
        others.length > 0 ? others : undefined,
      );
    }
  },
});
