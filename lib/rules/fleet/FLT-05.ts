import { Severity } from "../../model/diagnostics";
import { describeRange } from "../context";
import { formatAddress, Interval, overlappingPairs, quote } from "../../model/ip";
import { freeBlockStarts, freeHostAddresses } from "../occupied";
import { FleetContext, ParsedFleetSite } from "../fleet-context";
import { planRule } from "../rule";

/** What a management item is: how it is told, and what its fix is. */
enum ItemKind {
  /** The appliance's management NIC: one address. */
  ADDRESS,
  /** The Supervisor's block of 5 consecutive addresses, given by its start. */
  BLOCK,
  /** A Foundation Load Balancer interface's range `"first-last"`. */
  RANGE,
}

/**
 * A management address of a site: the appliance's management NIC, the Supervisor's management block, a
 * Foundation Load Balancer's MANAGEMENT interface range or an existing HAProxy's server.
 */
interface ManagementItem {
  readonly site: ParsedFleetSite;
  readonly path: string;
  readonly what: string;
  readonly kind: ItemKind;
  /** The port group it is on. */
  readonly portGroup: string;
}

function itemsOf(s: ParsedFleetSite): { first: number; last: number; label: ManagementItem }[] {
  const out: { first: number; last: number; label: ManagementItem }[] = [];
  const mgmt = s.network.managementPortGroup;
  if (s.managementIp !== undefined) {
    const label = {
      site: s,
      path: `${s.at}.haproxy.managementIp`,
      what: "the appliance's management address",
      kind: ItemKind.ADDRESS,
      portGroup: mgmt,
    };
    out.push({ first: s.managementIp, last: s.managementIp, label });
  }
  const b = s.network.managementBlock;
  if (b) {
    const label = {
      site: s,
      path: `${s.at}.network.supervisorManagementStartIp`,
      what: "the Supervisor's management block",
      kind: ItemKind.BLOCK,
      portGroup: mgmt,
    };
    out.push({ first: b.first, last: b.last, label });
  }
  for (const a of s.loadBalancerAddresses) {
    const label = {
      site: s,
      path: a.path,
      what: a.host
        ? "the existing HAProxy's Data Plane API server"
        : "the Foundation Load Balancer's management interface range",
      kind: a.host ? ItemKind.ADDRESS : ItemKind.RANGE,
      portGroup: a.portGroup,
    };
    out.push({ first: a.first, last: a.last, label });
  }
  return out;
}

/** Free values for the item, clear of its site's plan and of every management address of the vCenter. */
function proposals(
  ctx: FleetContext,
  item: ManagementItem,
  size: number,
  vcenter: readonly Interval[],
  at: number,
): string[] {
  const s = item.site;
  const cidr = s.network.portGroups.find((p) => p.name === item.portGroup)?.cidr;
  if (!cidr) return [];
  const taken = [...ctx.occupied(s), ...vcenter];
  switch (item.kind) {
    case ItemKind.BLOCK:
      return freeBlockStarts(cidr, taken, 5, at, 4).map(formatAddress);
    case ItemKind.RANGE:
      return freeBlockStarts(cidr, taken, size, at, 4).map(
        (first) => `${formatAddress(first)}-${formatAddress(first + size - 1)}`,
      );
    default:
      return freeHostAddresses(cidr, taken, 4, at).map(formatAddress);
  }
}

/** The fix a message proposes: a free address, a free start of 5 addresses, or a free range of the same size. */
function fix(item: ManagementItem, size: number, free: readonly string[]): string {
  const what =
    item.kind === ItemKind.BLOCK
      ? "the first of 5 free consecutive addresses"
      : item.kind === ItemKind.RANGE
        ? `a free range of ${size} address${size === 1 ? "" : "es"}`
        : "a free address";
  const network = `its management network${item.portGroup === item.site.network.managementPortGroup ? "" : ` (port group ${quote(item.portGroup)})`}`;
  return free.length > 0
    ? `Use ${what} of ${network}, e.g. ${quote(free[0])}.`
    : `Give it ${what} of ${network}.`;
}

/** FLT-05: management addresses are unique per vCenter. */
export default planRule({
  id: "FLT-05",
  severity: Severity.ERROR,
  summary:
    "The appliance's management address, the Supervisor's 5 management addresses, the Foundation Load Balancer's management interface ranges and an existing HAProxy's server addresses of each site are used by no other site of the same vCenter.",
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
        const size = later.last - later.first + 1;
        const free = proposals(ctx, later.label, size, items, later.first);
        const where =
          later.label.kind === ItemKind.ADDRESS ? formatAddress(later.first) : describeRange(later);
        const theirs =
          first.label.kind === ItemKind.ADDRESS ? formatAddress(first.first) : describeRange(first);
        const running =
          later.label.kind === ItemKind.ADDRESS && later.label.path.endsWith(".host")
            ? " When the HAProxy does run there, move the other site's address instead."
            : "";
        report(
          later.label.path,
          `site ${quote(later.label.site.site.name)}: ${later.label.what} ${where} in vCenter ${quote(later.label.site.site.vcenter)} overlaps ${first.label.what} ${theirs} of site ${quote(first.label.site.site.name)} (${first.label.path}). vCenter would reach either site there. ${fix(later.label, size, free)}${running}`,
          free.slice(1),
        );
      }
    }
  },
});
