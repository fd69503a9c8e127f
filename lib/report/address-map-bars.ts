/**
 * The bars of the address map as data: each subnet's blocks and servers, the service CIDR with what of the plan
 * lies in it, and the conflicts among them keyed to the findings. Pure: no SVG.
 */
import { formatAddress, formatCidr, formatRange, Interval, parseCidr, size } from "../model/ip";
import { Conflict, conflictsOf, MapFinding, MapItem } from "./address-map-conflicts";
import { Allocation, AllocationKind, SubnetReport } from "./plan-report";

/** What a server drawn on the map is for. */
export enum ServerRole {
  /** A DNS server (the Supervisor's, or the appliance's nameserver). */
  DNS = "dns",
  /** An NTP server of the Supervisor. */
  NTP = "ntp",
}

/** A server drawn as a marker on the subnet that holds it. */
export interface AddressMapServer {
  /** What it serves. */
  readonly role: ServerRole;
  /** Its address as given: an IPv4 address, or a host name (listed, not drawn). */
  readonly address: string;
  /** Whose server it is, e.g. `Supervisor DNS server`. */
  readonly owner: string;
  /**
   * The prop path it was given at (e.g. `dnsServers[0]`), which findings about it quote.
   * @default - none
   */
  readonly path?: string;
}

/** `192.168.120.31–.40` for a range inside one /24, else the full range. */
export function compact(i: Interval): string {
  if (i.first === i.last) return formatAddress(i.first);
  return i.first >>> 8 === i.last >>> 8 ? `${formatAddress(i.first)}–.${i.last & 255}` : formatRange(i);
}

function itemOf(a: Allocation): MapItem {
  const short = a.owner.replace(/ \(.*\)$/, "");
  const texts = [formatAddress(a.first), ...(a.first === a.last ? [] : [formatRange(a)])];
  const vip = /\d+\.\d+\.\d+\.\d+\/\d+/.exec(a.owner);
  return {
    kind: a.kind,
    owner: a.owner,
    label: a.kind === AllocationKind.VIP ? short : `${compact(a)} ${short}`,
    path: a.path,
    first: a.first,
    last: a.last,
    texts: vip ? [...texts, vip[0]] : texts,
  };
}

/** A server, and its address when it is one. */
export interface Placed {
  readonly server: AddressMapServer;
  readonly address?: number;
}

/** The servers with an address, one item per address (DNS and NTP on one host make one marker). */
function serverItems(servers: readonly Placed[], within: Interval): MapItem[] {
  const byAddress = new Map<number, Placed[]>();
  for (const s of servers) {
    if (s.address !== undefined && s.address >= within.first && s.address <= within.last) {
      byAddress.set(s.address, [...(byAddress.get(s.address) ?? []), s]);
    }
  }
  return [...byAddress].map(([address, ss]) => ({
    kind: "server",
    owner: ss.map((s) => s.server.owner).join(", "),
    label: `${formatAddress(address)} ${[...new Set(ss.map((s) => s.server.role.toUpperCase()))].join(" + ")}`,
    path: ss.find((s) => s.server.path)?.server.path,
    first: address,
    last: address,
    texts: [formatAddress(address)],
  }));
}

/** One bar to draw: its heading, the addresses it spans, its blocks and conflicts. */
export interface Bar {
  /** The SVG group's data attributes: `data-port-group` and `data-cidr`, or `data-service-cidr`. */
  readonly data: Record<string, string>;
  readonly heading: string;
  readonly detail: string;
  readonly range: Interval;
  readonly background: string;
  readonly items: MapItem[];
  readonly conflicts: Conflict[];
  /** Written inside the bar when nothing lies on it. */
  readonly emptyNote?: string;
}

/** A subnet's bar: its allocations and the servers in it. */
export function subnetBar(s: SubnetReport, servers: readonly Placed[], list: MapFinding[]): Bar {
  const items = [...s.allocations.map(itemOf), ...serverItems(servers, s.cidr)];
  return {
    data: { "port-group": s.portGroup, cidr: formatCidr(s.cidr) },
    heading: `${s.portGroup} — ${formatCidr(s.cidr)}`,
    detail: `${s.roles.join(", ")} · VLAN ${s.vlanId ?? "–"} · ${size(s.cidr)} addresses`,
    range: s.cidr,
    background: "#eceff1",
    items,
    conflicts: conflictsOf(items, list),
  };
}

/** The service CIDR's bar: the subnets, VIP blocks, workload ranges and servers under it (NET-09). */
export function serviceBar(
  text: string,
  subnets: readonly SubnetReport[],
  servers: readonly Placed[],
  list: MapFinding[],
): Bar | undefined {
  const parsed = parseCidr(text);
  if (!parsed.ok) return undefined;
  const cidr = parsed.value;
  const under = (i: Interval) => i.first <= cidr.last && i.last >= cidr.first;
  const shown = [AllocationKind.VIP, AllocationKind.SUPERVISOR, AllocationKind.NODES];
  const items: MapItem[] = [];
  for (const s of subnets.filter((x) => under(x.cidr))) {
    const subnet = formatCidr(s.cidr);
    items.push({
      kind: "subnet",
      owner: `port group "${s.portGroup}" (${subnet})`,
      label: `${subnet} port group "${s.portGroup}"`,
      first: s.cidr.first,
      last: s.cidr.last,
      texts: [subnet],
    });
    for (const x of s.allocations.filter((a) => shown.includes(a.kind) && under(a)).map(itemOf))
      items.push(x);
  }
  for (const x of serverItems(servers, cidr)) items.push(x);
  const service: MapItem = {
    kind: "service",
    owner: `service CIDR ${formatCidr(cidr)}`,
    label: "",
    path: "serviceCidr",
    first: cidr.first,
    last: cidr.last,
    texts: [formatCidr(cidr)],
  };
  const conflicts = conflictsOf([service, ...items], list, service);
  return {
    data: { "service-cidr": formatCidr(cidr) },
    heading: `Kubernetes service CIDR — ${formatCidr(cidr)}`,
    detail: `Supervisor-internal cluster IPs · ${size(cidr)} addresses · must overlap nothing of the plan (NET-09)`,
    range: cidr,
    background: "#f3e5f5",
    items,
    conflicts,
    emptyNote: "No subnet, VIP block, workload range or server of the plan lies in it.",
  };
}
