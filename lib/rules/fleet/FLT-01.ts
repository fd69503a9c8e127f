import { Severity } from "../../model/diagnostics";
import { formatCidr, quote } from "../../model/ip";
import { FleetPortGroup, portGroupPath, switchWords } from "../fleet-context";
import { planRule } from "../rule";

/** FLT-01: a port-group name is created by one site per distributed switch. */
export default planRule({
  id: "FLT-01",
  severity: Severity.ERROR,
  summary:
    "Sites that share a vCenter and a distributed switch do not both create a port group of one name (a site may use another's with existingNetworkId).",
  why: "A distributed port group is identified by its name on its switch: when two sites' stacks both create it, the second create fails (the name is taken), and destroying one site deletes the network the other's VMs are on (vsphere provider `vsphere_distributed_port_group`, one resource per name).",
  example: {
    failing: 'sites "lab-a" and "lab-b" on "dvs-1" both create "mgmt"',
    passing: '"lab-b" creates "mgmt-lab-b", or uses "mgmt" with existingNetworkId',
  },
  fleet: (ctx, report) => {
    for (const pgs of ctx.switches.values()) {
      const names = new Set(pgs.map((p) => p.portGroup.name));
      const creator = new Map<string, FleetPortGroup>();
      for (const pg of pgs) {
        const name = pg.portGroup.name;
        const first = creator.get(name);
        if (!pg.creates) continue;
        if (!first) {
          creator.set(name, pg);
          continue;
        }
        const site = pg.site.site.name;
        const candidates = [`${name}-${site}`, ...[2, 3, 4].map((n) => `${name}-${n}`)].filter(
          (c) => !names.has(c),
        );
        const mine = pg.portGroup.cidr;
        const theirs = first.portGroup.cidr;
        const sameSubnet = mine && theirs && mine.first === theirs.first && mine.prefix === theirs.prefix;
        // One network of both sites (same subnet): one site creates it, the other uses it (NET-06: no vlanId then).
        const fix = sameSubnet
          ? `Both give it subnet ${quote(formatCidr(mine))}: when it is one network, create it in one site and use it in this one with existingNetworkId (and no vlanId); when it is not, give it a name and a subnet of its own, e.g. ${quote(candidates[0])}.`
          : `Give it a name of its own, e.g. ${quote(candidates[0])}, or, when it is the same network, use it with existingNetworkId (and no vlanId).`;
        report(
          `${portGroupPath(pg)}.name`,
          `site ${quote(site)}: port group ${quote(name)} on ${switchWords(pg.site.site)} is also created by site ${quote(first.site.site.name)} (${portGroupPath(first)}). Two stacks that create one port group fight over it: the second create fails, and destroying one site deletes the other's network. ${fix}`,
          candidates.slice(1),
        );
      }
    }
  },
});
