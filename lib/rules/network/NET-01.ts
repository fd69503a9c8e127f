import { Severity } from "../../model/diagnostics";
import { containsAddress, formatAddress, formatCidr, quote } from "../../model/ip";
import { planRule } from "../rule";

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
      if (!containsAddress(pg.cidr, pg.gateway)) {
        report(
          `${pg.path}.gateway`,
          `gateway ${quote(gw)} of port group ${quote(pg.name)} is outside its CIDR ${quote(formatCidr(pg.cidr))}. Give the router address of that subnet, e.g. ${quote(formatAddress(pg.cidr.first + 1))}.`,
        );
      } else if (pg.gateway === pg.cidr.first || pg.gateway === pg.cidr.last) {
        const which = pg.gateway === pg.cidr.first ? "network" : "broadcast";
        report(
          `${pg.path}.gateway`,
          `gateway ${quote(gw)} of port group ${quote(pg.name)} is the ${which} address of ${quote(formatCidr(pg.cidr))}. Use a host address, e.g. ${quote(formatAddress(pg.cidr.first + 1))}.`,
        );
      }
    }
  },
});
