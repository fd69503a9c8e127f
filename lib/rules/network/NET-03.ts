import { Severity } from "../../model/diagnostics";
import { Cidr, formatCidr, overlappingPairs, quote } from "../../model/ip";
import { PlanPortGroup } from "../../model/plan";
import { planRule } from "../rule";

/** NET-03: different port groups, different subnets. */
export default planRule({
  id: "NET-03",
  severity: Severity.ERROR,
  summary:
    "Different port groups have non-overlapping CIDRs; the management, workload and frontend networks are different port groups on different subnets.",
  why: "The workload network must be on a different subnet from the management network, and the appliance routes each NIC's subnet through its own table: two NICs on one subnet break its policy routing.",
  example: {
    failing: 'workload "192.168.120.0/24", frontend "192.168.120.0/25"',
    passing: 'workload "192.168.120.0/24", frontend "192.168.130.0/24"',
  },
  network: (ctx, report) => {
    for (const pg of ctx.plan.portGroups) {
      if (pg.roles.length > 1) {
        report(
          pg.path,
          `port group ${quote(pg.name)} is used as ${pg.roles.join(" and ")} network. The management, workload and frontend networks must be different port groups on different subnets: give each its own port group.`,
        );
      }
    }
    const cidrItems = ctx.plan.portGroups
      .filter((pg): pg is PlanPortGroup & { cidr: Cidr } => pg.cidr !== undefined)
      .map((pg) => ({ first: pg.cidr.first, last: pg.cidr.last, label: pg }));
    for (const [a, b] of overlappingPairs(cidrItems)) {
      const [x, y] = a.label.path <= b.label.path ? [a.label, b.label] : [b.label, a.label];
      report(
        `${y.path}.cidr`,
        `CIDR ${quote(formatCidr(y.cidr!))} of port group ${quote(y.name)} overlaps CIDR ${quote(formatCidr(x.cidr!))} of port group ${quote(x.name)} (${x.path}). Different port groups need separate subnets: move one of them, or use the same port group name if they are meant to be one.`,
      );
    }
  },
});
