import { Severity } from "../../model/diagnostics";
import { contains, formatCidr, overlappingPairs, quote } from "../../model/ip";
import { freeBlocks } from "../proposals";
import { FleetContext, ParsedFleetSite } from "../fleet-context";
import { planRule } from "../rule";

/** Free VIP blocks for a site's block `k`: in the port group that holds it, clear of the site and the domain. */
function proposals(
  ctx: FleetContext,
  s: ParsedFleetSite,
  k: number,
  domain: readonly ParsedFleetSite[],
): string[] {
  const vip = s.vips[k].cidr;
  const subnet = s.network.portGroups.find((p) => p.cidr && contains(p.cidr, vip))?.cidr;
  if (!subnet) return [];
  const taken = [...ctx.occupied(s), ...domain.flatMap((d) => d.vips.map((v) => v.cidr))];
  return freeBlocks(subnet, taken, 9)
    .sort((a, b) => Math.abs(a.prefix - vip.prefix) - Math.abs(b.prefix - vip.prefix) || a.first - b.first)
    .slice(0, 4)
    .map(formatCidr);
}

/** FLT-06: VIP blocks of sites in one routing domain do not overlap. */
export default planRule({
  id: "FLT-06",
  severity: Severity.ERROR,
  summary:
    "The VIP blocks of sites that share a routing domain (HAProxy appliances, existing HAProxys, Foundation Load Balancers) do not overlap.",
  why: "Each appliance answers ARP for every address of its VIP blocks and serves the Kubernetes LoadBalancer services on them (haproxytech/vmware-haproxy: the VIP CIDRs are bound on the appliance's frontend or workload NIC); two sites whose routers reach each other would both claim the shared addresses, and a service of one site would be served by the other.",
  example: {
    failing: '"lab-a" 192.168.120.128/25 and "lab-b" 192.168.120.192/26 in routing domain "dc1"',
    passing: '"lab-b" 192.168.220.128/25',
  },
  fleet: (ctx, report) => {
    for (const sites of ctx.routingDomains.values()) {
      const items = sites.flatMap((s) =>
        s.vips.map((v, k) => ({ first: v.cidr.first, last: v.cidr.last, label: { site: s, k } })),
      );
      const pairs = overlappingPairs(items, (a, b) => a.label.site !== b.label.site);
      for (const [x, y] of pairs) {
        const [first, later] =
          x.label.site.index < y.label.site.index ? [x.label, y.label] : [y.label, x.label];
        const mine = later.site.vips[later.k];
        const theirs = first.site.vips[first.k];
        const free = proposals(ctx, later.site, later.k, sites);
        report(
          mine.path,
          `site ${quote(later.site.site.name)}: VIP block ${quote(formatCidr(mine.cidr))} overlaps VIP block ${quote(formatCidr(theirs.cidr))} of site ${quote(first.site.site.name)} (${theirs.path}) in routing domain ${quote(later.site.site.routingDomain ?? "")}: both ${later.site.site.loadBalancer || first.site.site.loadBalancer ? "load balancers" : "appliances"} would answer for the shared addresses. ${free.length > 0 ? `Use a block free in the domain, e.g. ${quote(free[0])}.` : "Give it a block no other site of the domain uses."}`,
          free.slice(1),
        );
      }
    }
  },
});
