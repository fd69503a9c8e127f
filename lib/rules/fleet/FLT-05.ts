import { Severity } from "../../model/diagnostics";
import { describeRange } from "../context";
import { formatAddress, Interval, overlappingPairs, quote } from "../../model/ip";
import { freeBlockStarts, freeHostAddresses } from "../occupied";
import { FleetContext, ParsedFleetSite } from "../fleet-context";
import { planRule } from "../rule";

/** A management address of a site: the appliance's management NIC or the Supervisor's management block. */
interface ManagementItem {
  readonly site: ParsedFleetSite;
  readonly path: string;
  readonly what: string;
  readonly block: boolean;
}

function itemsOf(s: ParsedFleetSite): { first: number; last: number; label: ManagementItem }[] {
  const out: { first: number; last: number; label: ManagementItem }[] = [];
  if (s.managementIp !== undefined) {
    const label = {
      site: s,
      path: `${s.at}.haproxy.managementIp`,
      what: "the appliance's management address",
      block: false,
    };
    out.push({ first: s.managementIp, last: s.managementIp, label });
  }
  const b = s.network.managementBlock;
  if (b) {
    const label = {
      site: s,
      path: `${s.at}.network.supervisorManagementStartIp`,
      what: "the Supervisor's management block",
      block: true,
    };
    out.push({ first: b.first, last: b.last, label });
  }
  return out;
}

/** Free values for the item, clear of its site's plan and of every management address of the vCenter. */
function proposals(
  ctx: FleetContext,
  item: ManagementItem,
  vcenter: readonly Interval[],
  at: number,
): string[] {
  const s = item.site;
  const cidr = s.network.portGroups.find((p) => p.name === s.network.managementPortGroup)?.cidr;
  if (!cidr) return [];
  const taken = [...ctx.occupied(s), ...vcenter];
  const free = item.block ? freeBlockStarts(cidr, taken, 5, at, 4) : freeHostAddresses(cidr, taken, 4, at);
  return free.map(formatAddress);
}

/** The fix a message proposes: a free address, or a free start of 5 addresses for the Supervisor's block. */
function fix(block: boolean, free: readonly string[]): string {
  const what = block ? "the first of 5 free consecutive addresses" : "a free address";
  return free.length > 0
    ? `Use ${what} of its management network, e.g. ${quote(free[0])}.`
    : `Give it ${what} of its management network.`;
}

/** FLT-05: management addresses are unique per vCenter. */
export default planRule({
  id: "FLT-05",
  severity: Severity.ERROR,
  summary:
    "The appliance's management address and the Supervisor's 5 management addresses of each site are used by no other site of the same vCenter.",
  why: "vCenter talks to every site's Supervisor control plane and the Workload Management wizard registers each HAProxy by its management address: an address two sites hold is reached at either, and the Supervisor of one site configures the other's load balancer (vSphere with Tanzu: the management network reaches vCenter; S-05 for the 5 consecutive addresses).",
  example: {
    failing: '"lab-a" and "lab-b" appliances both at 10.0.0.10 in vCenter "vc01"',
    passing: '"lab-b" at 10.0.0.11',
  },
  fleet: (ctx, report) => {
    for (const sites of ctx.vcenters.values()) {
      const items = sites.flatMap(itemsOf);
      const pairs = overlappingPairs(items, (a, b) => a.label.site !== b.label.site);
      for (const [x, y] of pairs) {
        const [first, later] = x.label.site.index < y.label.site.index ? [x, y] : [y, x];
        const free = proposals(ctx, later.label, items, later.first);
        const where = later.label.block ? describeRange(later) : formatAddress(later.first);
        const theirs = first.label.block ? describeRange(first) : formatAddress(first.first);
        report(
          later.label.path,
          `site ${quote(later.label.site.site.name)}: ${later.label.what} ${where} in vCenter ${quote(later.label.site.site.vcenter)} overlaps ${first.label.what} ${theirs} of site ${quote(first.label.site.site.name)} (${first.label.path}). vCenter would reach either site there. ${fix(later.label.block, free)}`,
          free.slice(1),
        );
      }
    }
  },
});
