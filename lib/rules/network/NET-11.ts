import { Severity } from "../../model/diagnostics";
import {
  Cidr,
  contains,
  formatAddress,
  formatCidr,
  privateBlockClearOf,
  quote,
  specialPurposeBlockOf,
} from "../../model/ip";
import { PlanPortGroup } from "../../model/plan";
import { planRule } from "../rule";

/** NET-11: port group subnets are unicast subnets a gateway can route. */
export default planRule({
  id: "NET-11",
  severity: Severity.ERROR,
  summary:
    "No port group CIDR lies in (or covers) a special-purpose block: 0.0.0.0/8, loopback 127.0.0.0/8, link-local 169.254.0.0/16, multicast 224.0.0.0/4, reserved 240.0.0.0/4 or 255.255.255.255.",
  why: "The gateway, the appliance's NICs, the Supervisor's control plane and the nodes take unicast addresses of the port group's subnet and reach the rest through its gateway. RFC 6890 and the IANA IPv4 Special-Purpose Address Registry mark these blocks as no host's or not forwardable: 0.0.0.0/8 and loopback (RFC 1122 section 3.2.1.3), link-local (RFC 3927: routers do not forward it, and hosts choose such addresses themselves when DHCP fails), multicast (RFC 5771), reserved and limited broadcast (RFC 1112 section 4, RFC 919). The provider and vCenter take such a CIDR as a string, so the mistake would show only as a Supervisor that does not come up.",
  example: {
    failing: 'managementNetwork.cidr "224.0.0.0/24"',
    passing: 'managementNetwork.cidr "10.0.0.0/24"',
  },
  network: (ctx, report) => {
    const withCidr = ctx.plan.portGroups.filter(
      (pg): pg is PlanPortGroup & { cidr: Cidr } => pg.cidr !== undefined,
    );
    for (const pg of withCidr) {
      const special = specialPurposeBlockOf(pg.cidr);
      if (!special) {
        continue;
      }
      // A private block of the same size clear of the plan's other subnets. Not a quoted proposal: the CIDR alone
      // cannot move (its gateway and ranges move with it), so it is advice, not a value re-checked in place.
      const avoid = withCidr.filter((o) => o !== pg && !specialPurposeBlockOf(o.cidr)).map((o) => o.cidr);
      const free = privateBlockClearOf(pg.cidr.prefix, avoid);
      report(
        `${pg.path}.cidr`,
        `CIDR ${quote(formatCidr(pg.cidr))} of port group ${quote(pg.name)} ${contains(special.cidr, pg.cidr) ? "is in" : "overlaps"} ${special.why}. Give the port group a private subnet (RFC 1918)${free ? ` such as ${formatCidr(free)} (gateway ${formatAddress(free.first + 1)})` : ""}, with its gateway and ranges inside it.`,
      );
    }
  },
});
