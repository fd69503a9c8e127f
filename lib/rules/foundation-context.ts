/**
 * What the VFL rule units read: the vSphere Foundation Load Balancer's interfaces parsed once against the parsed
 * network and the load balancer's VIP CIDRs, with one collision sweep over every address of the plan. Pure: no
 * constructs.
 */
import { Finding } from "../model/diagnostics";
import {
  Cidr,
  contains,
  crossingPairs,
  formatAddress,
  formatCidr,
  gaps,
  Interval,
  Labelled,
  quote,
  size,
} from "../model/ip";
import { CheckOptions, FoundationPlanProps, NetworkPlan, PlanPortGroup, PlanReader } from "../model/plan";
import { ItemKind, lbl, networkItems, SweepItem } from "./context";

/** One address range of an interface, parsed. */
export interface FoundationRange {
  readonly path: string;
  readonly text: string;
  /** Undefined when malformed (IP-03) or not known until apply. */
  readonly interval?: Interval;
}

/** One interface, parsed. */
export interface FoundationInterface {
  /** `interfaces[i]`. */
  readonly path: string;
  readonly index: number;
  /** The personas as given (an unknown value is VFL-01's). */
  readonly personas: readonly unknown[];
  /** The port group's name as given. */
  readonly portGroupName: unknown;
  /** The plan's port group of that name, when there is one. */
  readonly portGroup?: PlanPortGroup;
  readonly ranges: readonly FoundationRange[];
}

/** The Foundation Load Balancer's side, against the parsed network and its VIPs. */
export interface FoundationContext {
  readonly network: NetworkPlan;
  readonly props: FoundationPlanProps;
  readonly pgByName: ReadonlyMap<string, PlanPortGroup>;
  readonly interfaces: readonly FoundationInterface[];
  /** The load balancer's VIP CIDRs that parsed (checked by the VIP rules). */
  readonly virtualIps: readonly { readonly path: string; readonly cidr: Cidr }[];
  /** Every item of the sweep. */
  readonly items: readonly Labelled<SweepItem>[];
  /** Every collision of an interface range with anything else, once, the interface range first. */
  readonly pairs: readonly (readonly [Labelled<SweepItem>, Labelled<SweepItem>])[];
  /**
   * A free range of `count` addresses in a port group's subnet, clear of everything of the plan (and of
   * `except`'s own interval, which is being moved, and of `alsoTaken`, the ranges already proposed to other
   * entries), as `first-last`; undefined when none is free.
   */
  readonly freeRange: (
    pg: PlanPortGroup,
    count: number,
    except?: Labelled<SweepItem>,
    alsoTaken?: readonly Interval[],
  ) => string | undefined;
  /** The parser's input-form findings (IP-01, IP-03). */
  readonly input: readonly Finding[];
  /** True when the value is known at synth; a token is recorded as unresolved at that path. */
  readonly known: (value: unknown, path: string) => boolean;
  /** Prop paths whose values are not known until apply. */
  readonly unresolved: string[];
}

/**
 * The most address ranges one interface takes (as a workload network, CFG-04 in a site file): more are VFL-06's,
 * and only the first this many are checked, so that a pasted list of thousands stays a quick check.
 */
export const MAX_INTERFACE_RANGES = 100;

/**
 * The port group of the plan whose subnet holds every range of an interface that parsed (none when no range
 * parsed, or none holds them all): where an interface on the wrong port group belongs.
 */
export function portGroupHolding(
  ctx: FoundationContext,
  itf: FoundationInterface,
): PlanPortGroup | undefined {
  const ranges = itf.ranges.flatMap((r) => (r.interval ? [r.interval] : []));
  if (ranges.length === 0) return undefined;
  return ctx.network.portGroups.find((pg) => pg.cidr && ranges.every((r) => contains(pg.cidr!, r)));
}

/** Build the Foundation context: one parse of its interfaces and one sweep over every address of the plan. */
export function foundationContext(
  network: NetworkPlan,
  virtualIps: readonly { readonly path: string; readonly cidr: Cidr }[],
  props: FoundationPlanProps,
  options: CheckOptions = {},
): FoundationContext {
  const reader = new PlanReader(options);
  const pgByName = new Map(network.portGroups.map((pg) => [pg.name, pg]));
  const items = networkItems(network);
  for (const v of virtualIps) {
    items.push(
      lbl(v.cidr, { kind: "vip", path: v.path, what: () => `VIP CIDR ${quote(formatCidr(v.cidr))}` }),
    );
  }

  const given =
    Array.isArray(props.interfaces) && !reader.unknown(props.interfaces, "interfaces")
      ? props.interfaces
      : [];
  const interfaces: FoundationInterface[] = given.map((itf, index) => {
    const path = `interfaces[${index}]`;
    const portGroupName = itf?.portGroup;
    const known = !reader.unknown(portGroupName, `${path}.portGroup`);
    const portGroup = known && typeof portGroupName === "string" ? pgByName.get(portGroupName) : undefined;
    const texts = Array.isArray(itf?.addressRanges) ? itf.addressRanges.slice(0, MAX_INTERFACE_RANGES) : [];
    const ranges = texts.map((text, i) => {
      const rpath = `${path}.addressRanges[${i}]`;
      const interval = reader.range(text, rpath, "interface address range");
      if (interval) {
        items.push(
          lbl(interval, {
            kind: "interface",
            path: rpath,
            what: () => `range ${quote(text)} of load balancer interface ${index} (addressRanges[${i}])`,
            network: typeof portGroupName === "string" ? portGroupName : undefined,
          }),
        );
      }
      return { path: rpath, text: String(text), interval };
    });
    const personas = Array.isArray(itf?.personas) ? itf.personas : [];
    return { path, index, personas, portGroupName, portGroup, ranges };
  });

  const dns = Array.isArray(props.dnsServers) ? props.dnsServers : [];
  dns.forEach((text, i) => {
    const path = `dnsServers[${i}]`;
    const address = reader.address(text, path, "DNS server");
    if (address !== undefined) {
      items.push(
        lbl(
          { first: address, last: address },
          { kind: "nameserver", path, what: () => `DNS server ${formatAddress(address)} (${path})` },
        ),
      );
    }
  });

  const side = new Set<ItemKind>(["interface"]);
  const pairs = crossingPairs(items, (item) => side.has(item.label.kind), 5000).map(([p, q]) =>
    p.label.kind === "interface" ? ([p, q] as const) : ([q, p] as const),
  );

  const freeRange = (
    pg: PlanPortGroup,
    count: number,
    except?: Labelled<SweepItem>,
    alsoTaken: readonly Interval[] = [],
  ): string | undefined => {
    if (!pg.cidr || pg.cidr.prefix > 30 || count < 1) {
      return undefined;
    }
    const interior = { first: pg.cidr.first + 1, last: pg.cidr.last - 1 };
    const taken: Interval[] = [...items.filter((i) => i !== except), ...alsoTaken];
    const free = gaps(interior, taken).find((g) => size(g) >= count);
    return free ? `${formatAddress(free.first)}-${formatAddress(free.first + count - 1)}` : undefined;
  };

  return {
    network,
    props,
    pgByName,
    interfaces,
    virtualIps,
    items,
    pairs,
    freeRange,
    input: reader.findings,
    known: (value, path) => !reader.unknown(value, path),
    unresolved: reader.unresolved,
  };
}
