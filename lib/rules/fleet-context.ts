/**
 * Many sites' plans parsed once for the cross-site rules (FLT): each site's port groups, appliance and VIP
 * blocks, grouped by what sites share (a vCenter, a distributed switch of a vCenter, a routing domain) in maps,
 * so that a rule looks at one group at a time and sweeps it sorted: never all pairs of sites. Pure: no
 * constructs.
 */
import { Cidr, Interval, parseAddress, parseCidr, parseRange } from "../model/ip";
import {
  FoundationInterfaceProps,
  FoundationPersona,
  HaproxyPlanProps,
  NetworkPlan,
  NetworkPlanProps,
  parseNetworkPlan,
  PlanPortGroup,
} from "../model/plan";
import { occupiedAddresses } from "./occupied";

/**
 * A site's load balancer that is not an appliance it deploys: an existing HAProxy (its Data Plane API servers) or
 * the vSphere Foundation Load Balancer (its interfaces). The addresses it takes on the management network are
 * compared across the sites of a vCenter (FLT-05), its VIP blocks across a routing domain (FLT-06).
 */
export interface FleetLoadBalancer {
  /** Its VIP blocks, each a CIDR (`supervisor.loadBalancer.virtualIpCidrs` of a site file). */
  readonly virtualIpCidrs: string[];
  /**
   * The vSphere Foundation Load Balancer's interfaces: the address ranges of those with the MANAGEMENT persona
   * are addresses the site takes on its management network.
   * @default - none: not a Foundation Load Balancer
   */
  readonly interfaces?: FoundationInterfaceProps[];
  /**
   * An existing HAProxy's Data Plane API servers: each host is an address the site takes on its management
   * network.
   * @default - none: not an existing HAProxy
   */
  readonly servers?: FleetLoadBalancerServer[];
}

/** A Data Plane API server of an existing HAProxy, as the cross-site rules see it (an `ExistingHaproxy` server). */
export interface FleetLoadBalancerServer {
  /** Its IPv4 address. */
  readonly host: string;
}

/**
 * One site of a fleet as the cross-site rules see it: its plan and what it shares with other sites.
 */
export interface FleetSite {
  /** The site's name, e.g. its stack name `lab`; messages name sites by it. */
  readonly name: string;
  /**
   * The vCenter Server that manages the site's cluster, as the site names it (host name or address; compared
   * without regard to case). Appliance VM names and management addresses are unique per vCenter (FLT-04,
   * FLT-05).
   */
  readonly vcenter: string;
  /**
   * The distributed switch (VDS) of that vCenter its port groups are on. Sites sharing a vCenter and a switch
   * share its port-group names, VLANs and subnets (FLT-01, FLT-02, FLT-03).
   */
  readonly distributedSwitch: string;
  /**
   * The routing domain: sites in one domain reach each other's addresses, so their VIP blocks never overlap
   * (FLT-06). Compared without regard to case; a name of blanks only is none.
   * @default - the site's own: its VIP blocks are compared with no other site's
   */
  readonly routingDomain?: string;
  /** The site's network plan. */
  readonly network: NetworkPlanProps;
  /**
   * The site's HAProxy appliance.
   * @default - no appliance: its management address and VIP blocks are not compared
   */
  readonly haproxy?: HaproxyPlanProps;
  /**
   * The load balancer the site uses when it deploys no appliance (an existing HAProxy, the Foundation Load
   * Balancer): its VIP blocks replace `haproxy.virtualIpCidrs` in FLT-06, and its management addresses are
   * compared in FLT-05.
   * @default - the site's load balancer is its `haproxy` appliance
   */
  readonly loadBalancer?: FleetLoadBalancer;
  /**
   * The appliance's VM name in vCenter (FLT-04).
   * @default - the VM name is not compared
   */
  readonly applianceName?: string;
}

/** A site parsed: where it is in the list, its parsed network and its appliance's addresses. */
export interface ParsedFleetSite {
  readonly index: number;
  readonly site: FleetSite;
  /** `sites[<index>]`, the start of every path into this site. */
  readonly at: string;
  readonly network: NetworkPlan;
  /** The appliance's management address, when it parses. */
  readonly managementIp?: number;
  /** The VIP blocks (of the appliance, or of `loadBalancer`) that parse, with their paths. */
  readonly vips: { readonly path: string; readonly cidr: Cidr }[];
  /** The management addresses of `loadBalancer` that parse: Foundation interface ranges, HAProxy server hosts. */
  readonly loadBalancerAddresses: LoadBalancerAddress[];
}

/** An address (or range) a site's `loadBalancer` takes on a management network. */
export interface LoadBalancerAddress {
  /** Its path, e.g. `sites[2].loadBalancer.interfaces[0].addressRanges[1]`. */
  readonly path: string;
  readonly first: number;
  readonly last: number;
  /** The port group it is on (the interface's, or the site's management port group for a server). */
  readonly portGroup: string;
  /** A server host (an address) rather than an interface's range (`"first-last"`). */
  readonly host: boolean;
}

/** A port group of a site, with the site. */
export interface FleetPortGroup {
  readonly site: ParsedFleetSite;
  readonly portGroup: PlanPortGroup;
  /** True when the site creates it (no `existingNetworkId`). */
  readonly creates: boolean;
}

/** The fleet parsed, grouped by what sites share. */
export interface FleetContext {
  readonly sites: ParsedFleetSite[];
  /** Port groups by distributed switch (`vCenter` + switch), in site order. */
  readonly switches: Map<string, FleetPortGroup[]>;
  /** Sites by vCenter. */
  readonly vcenters: Map<string, ParsedFleetSite[]>;
  /** Sites by routing domain, lower case (sites without one are in none). */
  readonly routingDomains: Map<string, ParsedFleetSite[]>;
  /**
   * Every address a site's own plan gives to something, its `loadBalancer`'s management addresses included
   * (computed once per site, when asked).
   */
  occupied(site: ParsedFleetSite): Interval[];
}

/** How a site names its vCenter, compared without regard to case. */
export function vcenterKey(site: FleetSite): string {
  return String(site.vcenter).toLowerCase();
}

/**
 * How a site names its routing domain, compared without regard to case ("DC-East" is "dc-east"); undefined for
 * none, or a name of blanks only.
 */
export function routingDomainKey(site: FleetSite): string | undefined {
  const name = site.routingDomain;
  return typeof name === "string" && name.trim() !== "" ? name.trim().toLowerCase() : undefined;
}

/** A distributed switch of a vCenter. */
export function switchKey(site: FleetSite): string {
  return `${vcenterKey(site)}\u0000${site.distributedSwitch}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Parse one site: its network, its appliance's management address and VIP blocks. */
function parseSite(site: FleetSite, index: number): ParsedFleetSite {
  const network = parseNetworkPlan(site.network).plan;
  const h = site.haproxy;
  // A load balancer the site does not deploy (an existing HAProxy, the Foundation Load Balancer) claims no
  // management address of the site's own.
  const mgmt =
    h && h.deployed !== false && typeof h.managementIp === "string"
      ? parseAddress(h.managementIp)
      : undefined;
  const vips: { path: string; cidr: Cidr }[] = [];
  const lb = site.loadBalancer;
  const [vipList, vipPath] = lb
    ? [lb.virtualIpCidrs, `sites[${index}].loadBalancer.virtualIpCidrs`]
    : [h?.virtualIpCidrs, `sites[${index}].haproxy.virtualIpCidrs`];
  (Array.isArray(vipList) ? vipList : []).forEach((v, k) => {
    const c = typeof v === "string" ? parseCidr(v) : undefined;
    if (c?.ok) vips.push({ path: `${vipPath}[${k}]`, cidr: c.value });
  });
  return {
    index,
    site,
    at: `sites[${index}]`,
    network,
    managementIp: mgmt?.ok ? mgmt.value : undefined,
    vips,
    loadBalancerAddresses: lb ? loadBalancerAddresses(lb, `sites[${index}].loadBalancer`, network) : [],
  };
}

/** The management addresses of a load balancer the site does not deploy, that parse. */
function loadBalancerAddresses(
  lb: FleetLoadBalancer,
  at: string,
  network: NetworkPlan,
): LoadBalancerAddress[] {
  const out: LoadBalancerAddress[] = [];
  (Array.isArray(lb.interfaces) ? lb.interfaces : []).forEach((itf, i) => {
    if (!Array.isArray(itf?.personas) || !itf.personas.includes(FoundationPersona.MANAGEMENT)) return;
    (Array.isArray(itf.addressRanges) ? itf.addressRanges : []).forEach((r, k) => {
      const parsed = typeof r === "string" ? parseRange(r) : undefined;
      if (!parsed?.ok) return;
      const path = `${at}.interfaces[${i}].addressRanges[${k}]`;
      out.push({ path, ...parsed.value, portGroup: String(itf.portGroup), host: false });
    });
  });
  (Array.isArray(lb.servers) ? lb.servers : []).forEach((server, i) => {
    const a = typeof server?.host === "string" ? parseAddress(server.host) : undefined;
    if (!a?.ok) return;
    const path = `${at}.servers[${i}].host`;
    out.push({ path, first: a.value, last: a.value, portGroup: network.managementPortGroup, host: true });
  });
  return out;
}

/** Parse every site once and group them. */
export function fleetContext(sites: readonly FleetSite[]): FleetContext {
  const parsed = sites.map(parseSite);
  const switches = new Map<string, FleetPortGroup[]>();
  const vcenters = new Map<string, ParsedFleetSite[]>();
  const routingDomains = new Map<string, ParsedFleetSite[]>();
  for (const p of parsed) {
    push(vcenters, vcenterKey(p.site), p);
    const domain = routingDomainKey(p.site);
    if (domain !== undefined) push(routingDomains, domain, p);
    for (const pg of p.network.portGroups) {
      push(switches, switchKey(p.site), { site: p, portGroup: pg, creates: !pg.props.existingNetworkId });
    }
  }
  const occupied = new Map<number, Interval[]>();
  return {
    sites: parsed,
    switches,
    vcenters,
    routingDomains,
    occupied(site) {
      let o = occupied.get(site.index);
      if (!o) {
        o = [
          ...occupiedAddresses({ network: site.network, haproxy: site.site.haproxy }),
          ...site.loadBalancerAddresses.map(({ first, last }) => ({ first, last })),
        ];
        occupied.set(site.index, o);
      }
      return o;
    },
  };
}

/** Where a site's port group is described, e.g. `sites[1].network.managementNetwork`. */
export function portGroupPath(pg: FleetPortGroup): string {
  return `${pg.site.at}.network.${pg.portGroup.path}`;
}

/** How a message names a site's switch: `distributed switch "dvs-1" of vCenter "vc01"`. */
export function switchWords(site: FleetSite): string {
  return `distributed switch ${JSON.stringify(site.distributedSwitch)} of vCenter ${JSON.stringify(site.vcenter)}`;
}

/** The first of `candidates` that `taken` does not hold. */
export function firstFree(candidates: readonly string[], taken: (name: string) => boolean): string[] {
  return candidates.filter((c) => !taken(c));
}

/**
 * Blocks of `cidr`'s size, aligned, clear of `used` (merged and sorted, as `union` gives), the nearest above
 * `cidr` first: binary search for the interval a candidate meets, then a jump past it.
 */
export function freeAlignedBlocks(cidr: Cidr, used: readonly Interval[], count = 3): Cidr[] {
  const width = cidr.last - cidr.first + 1;
  const out: Cidr[] = [];
  let start = cidr.first + width;
  while (out.length < count && start + width - 1 <= 0xffffffff) {
    let lo = 0;
    let hi = used.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (used[mid].last < start) lo = mid + 1;
      else hi = mid;
    }
    const hit = used[lo];
    if (hit && hit.first <= start + width - 1) {
      start = Math.ceil((hit.last + 1) / width) * width;
      continue;
    }
    out.push({ first: start, last: start + width - 1, prefix: cidr.prefix });
    start += width;
  }
  return out;
}
