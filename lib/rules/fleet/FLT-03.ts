import { Severity } from "../../model/diagnostics";
import { formatCidr, Interval, overlappingPairs, quote, union } from "../../model/ip";
import { FleetPortGroup, freeAlignedBlocks, portGroupPath, switchWords } from "../fleet-context";
import { planRule } from "../rule";

/** FLT-03: on one distributed switch, sites' subnets do not overlap. */
export default planRule({
  id: "FLT-03",
  severity: Severity.ERROR,
  summary:
    "Sites that share a vCenter and a distributed switch have port-group subnets that do not overlap (one port group the sites share, by name and subnet, excepted).",
  why: "Sites on one switch share its VLANs and uplinks, and the vCenter and hosts that manage both reach both: an address of one site's subnet in another's is answered twice (the Supervisor's and HAProxy's ARP), and routes to it go to either site (vSphere with Tanzu networking requirements: each workload network its own routable subnet).",
  example: {
    failing: '"lab-a" 192.168.120.0/24 and "lab-b" 192.168.120.0/25 on "dvs-1"',
    passing: '"lab-b" 192.168.121.0/25',
  },
  fleet: (ctx, report) => {
    for (const pgs of ctx.switches.values()) {
      const items = pgs
        .filter((p) => p.portGroup.cidr)
        .map((p) => ({ first: p.portGroup.cidr!.first, last: p.portGroup.cidr!.last, label: p }));
      let used: Interval[] | undefined;
      const shared = (a: FleetPortGroup, b: FleetPortGroup) =>
        a.portGroup.name === b.portGroup.name &&
        a.portGroup.cidr!.first === b.portGroup.cidr!.first &&
        a.portGroup.cidr!.prefix === b.portGroup.cidr!.prefix;
      const pairs = overlappingPairs(
        items,
        (a, b) => a.label.site !== b.label.site && !shared(a.label, b.label),
      );
      for (const [x, y] of pairs) {
        const [first, later] =
          x.label.site.index < y.label.site.index ? [x.label, y.label] : [y.label, x.label];
        const cidr = later.portGroup.cidr!;
        used ??= union(items);
        const free = freeAlignedBlocks(cidr, used).map(formatCidr);
        report(
          `${portGroupPath(later)}.cidr`,
          `site ${quote(later.site.site.name)}: subnet ${quote(formatCidr(cidr))} of port group ${quote(later.portGroup.name)} on ${switchWords(later.site.site)} overlaps subnet ${quote(formatCidr(first.portGroup.cidr!))} of site ${quote(first.site.site.name)}'s port group ${quote(first.portGroup.name)} (${portGroupPath(first)}). Addresses in both would be answered by both sites. ${free.length > 0 ? `Move it to a subnet free on the switch, e.g. ${quote(free[0])} (its gateway, ranges and the appliance's addresses in it move with it).` : "Use another switch."}`,
          free.slice(1),
        );
      }
    }
  },
});
