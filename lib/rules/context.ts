/**
 * What the rule units read: the plan parsed once, with the indexes and the one collision sweep every unit
 * shares. Pure: no constructs. Building a context records the values not known until apply and the input-form
 * findings of the parser (IP-xx and the parse-time parts of NET-06…NET-08, HAP-04).
 */
import { Finding } from "../model/diagnostics";
import {
  Cidr,
  formatAddress,
  formatRange,
  Interval,
  Labelled,
  crossingPairs,
  parseCidr,
  ParseResult,
  quote,
} from "../model/ip";
import {
  CheckOptions,
  HaproxyMode,
  HaproxyPlanProps,
  NetworkPlan,
  NetworkPlanProps,
  parseNetworkPlan,
  PlanPortGroup,
  PlanReader,
  PlanWorkloadNetwork,
  PortGroupDefinition,
  SupervisorPlanProps,
  unresolvedTest,
  workloadNetworkByName,
} from "../model/plan";
import { parseProviderRelease, ProviderRelease } from "../model/provider-release";
import { vipInputFinding, vipListProposal, VipServing, vipSuggester } from "./proposals";

/** The network side: the parsed plan and its indexes. */
export interface NetworkContext {
  readonly plan: NetworkPlan;
  readonly props: NetworkPlanProps;
  readonly pgByName: ReadonlyMap<string, PlanPortGroup>;
  /** Every port group as written, in prop order (a name may appear several times). */
  readonly definitions: readonly PortGroupDefinition[];
  /** The parser's input-form findings. */
  readonly input: readonly Finding[];
  /** True when the value is a cdktf token (not known until synth). */
  readonly isToken: (value: unknown) => boolean;
}

/** Build the network context: one parse. */
export function networkContext(props: NetworkPlanProps, options: CheckOptions = {}): NetworkContext {
  const parsed = parseNetworkPlan(props, options);
  const isUnresolved = unresolvedTest(options);
  return {
    plan: parsed.plan,
    props,
    pgByName: new Map(parsed.plan.portGroups.map((pg) => [pg.name, pg])),
    definitions: parsed.definitions,
    input: parsed.findings,
    isToken: isUnresolved,
  };
}

/** What an item of the collision sweep is. */
export type ItemKind = "range" | "vip" | "haproxy" | "gateway" | "nameserver" | "block" | "interface";

/** A gateway, HAProxy address, nameserver, VIP CIDR, range or block, labelled for the sweep. */
export interface SweepItem {
  readonly kind: ItemKind;
  readonly path: string;
  /** How the item is named in a message, e.g. `range "10.0.0.5-10.0.0.9" of workload network "ns-a"`. */
  readonly what: () => string;
  readonly network?: string;
}

/** An HAProxy NIC and its address. */
export interface ParsedNic {
  readonly path: string;
  readonly nic: "management" | "workload" | "frontend";
  readonly text: string | undefined;
  readonly address?: number;
  readonly portGroup?: PlanPortGroup;
}

/** The HAProxy side, against the parsed network. */
export interface HaproxyContext {
  readonly network: NetworkPlan;
  readonly props: HaproxyPlanProps;
  readonly frontendMode: boolean;
  readonly pgByName: ReadonlyMap<string, PlanPortGroup>;
  /** The workload network of the workload NIC, when it exists. */
  readonly workload?: PlanWorkloadNetwork;
  readonly workloadPg?: PlanPortGroup;
  readonly managementPg?: PlanPortGroup;
  readonly frontendPg?: PlanPortGroup;
  readonly nics: readonly ParsedNic[];
  readonly virtualIps: readonly { readonly path: string; readonly cidr: Cidr }[];
  /** Every item of the sweep. */
  readonly items: readonly Labelled<SweepItem>[];
  /** Every collision that involves the appliance, once, each pair ordered by `KIND_ORDER`. */
  readonly pairs: readonly (readonly [Labelled<SweepItem>, Labelled<SweepItem>])[];
  /** A free network-aligned block of a VIP's size, as `, e.g. "a.b.c.d/n"`, or "" (computed once per VIP). */
  readonly suggestVip: (vip: Labelled<SweepItem>, within?: Interval) => string;
  /** Free blocks of the serving subnet as one-element `virtualIpCidrs` lists in JSON, and the words naming it. */
  readonly proposeVipList: () => { readonly where: string; readonly lists: string[] };
  /** The exact vsphere provider release the stack is pinned to, when given and well formed (HAP-09, HAP-10). */
  readonly providerRelease?: ProviderRelease;
  /** The parser's input-form findings (IP-01, IP-02; HAP-04 for nameservers). */
  readonly input: readonly Finding[];
  /** True when the value is known at synth; a token is recorded as unresolved at that path. */
  readonly known: (value: unknown, path: string) => boolean;
  /** True when the value is a token (not recorded: for a value another rule has already looked at). */
  readonly isToken: (value: unknown) => boolean;
  /** Prop paths whose values are not known until apply. */
  readonly unresolved: string[];
  /** The Supervisor enabled on the plan, when known: its servers are candidates for the appliance's fixes. */
  readonly supervisor?: SupervisorPlanProps;
}

/** The order of kinds in a collision pair: the first names the rule (a VIP before a gateway, …). */
export const KIND_ORDER: readonly ItemKind[] = [
  "vip",
  "interface",
  "haproxy",
  "nameserver",
  "gateway",
  "range",
  "block",
];

/** An interval labelled for a sweep (one object shape for every sweep: it keeps the sweep monomorphic). */
export function lbl(interval: Interval, label: SweepItem): Labelled<SweepItem> {
  return { first: interval.first, last: interval.last, label };
}

/** Every parsed workload range of the plan, labelled for a sweep. */
export function rangeItems(network: NetworkPlan): Labelled<SweepItem>[] {
  const out: Labelled<SweepItem>[] = [];
  for (const wn of network.workloadNetworks) {
    for (const r of wn.ranges) {
      if (r.interval) {
        out.push(
          lbl(r.interval, {
            kind: "range",
            path: r.path,
            what: () => `range ${quote(r.text)} of workload network ${quote(wn.name)}`,
            network: wn.name,
          }),
        );
      }
    }
  }
  return out;
}

/** `a.b.c.d` for one address, `first-last` otherwise. */
export function describeRange(i: Interval): string {
  return i.first === i.last ? formatAddress(i.first) : formatRange(i);
}

/** Build the HAProxy context: one parse of its values and one sweep over every address that involves it. */
export function haproxyContext(
  network: NetworkPlan,
  props: HaproxyPlanProps,
  options: CheckOptions = {},
  supervisor?: SupervisorPlanProps,
): HaproxyContext {
  const reader = new PlanReader(options);
  const pgByName = new Map(network.portGroups.map((pg) => [pg.name, pg]));
  const frontendMode = props.mode === HaproxyMode.FRONTEND;
  const workload = workloadNetworkByName(network, props.workloadNetworkName);
  const workloadPg = workload ? pgByName.get(workload.portGroup) : undefined;
  const managementPg = pgByName.get(network.managementPortGroup);
  const frontendPg =
    network.frontendPortGroup !== undefined ? pgByName.get(network.frontendPortGroup) : undefined;
  const items: Labelled<SweepItem>[] = [];

  // HAProxy interface addresses.
  const specs: Omit<ParsedNic, "address">[] = [
    { path: "managementIp", nic: "management", text: props.managementIp, portGroup: managementPg },
    { path: "workloadIp", nic: "workload", text: props.workloadIp, portGroup: workloadPg },
  ];
  if (frontendMode) {
    specs.push({ path: "frontendIp", nic: "frontend", text: props.frontendIp, portGroup: frontendPg });
  }
  // A load balancer the plan does not deploy has no interface addresses of ours to check.
  const deployed = props.deployed !== false;
  const nics: ParsedNic[] = (deployed ? specs : []).map((spec) => {
    if (spec.text === undefined) {
      return spec;
    }
    const address = reader.address(spec.text, spec.path, `HAProxy ${spec.nic} address`);
    if (address !== undefined) {
      items.push(
        lbl(
          { first: address, last: address },
          {
            kind: "haproxy",
            path: spec.path,
            what: () => `HAProxy ${spec.nic} address ${formatAddress(address)} (${spec.path})`,
          },
        ),
      );
    }
    return { ...spec, address };
  });

  // VIP CIDRs; those that cannot be read get their fix once every other address of the plan is known.
  const virtualIps: { path: string; cidr: Cidr }[] = [];
  const unreadVips: { path: string; text: unknown; r: Extract<ParseResult<Cidr>, { ok: false }> }[] = [];
  if (Array.isArray(props.virtualIpCidrs) && !reader.unknown(props.virtualIpCidrs, "virtualIpCidrs")) {
    props.virtualIpCidrs.forEach((text, i) => {
      const path = `virtualIpCidrs[${i}]`;
      if (reader.unknown(text, path)) {
        return;
      }
      const r = parseCidr(text);
      if (r.ok) {
        virtualIps.push({ path, cidr: r.value });
        items.push(lbl(r.value, { kind: "vip", path, what: () => `VIP CIDR ${quote(text)}` }));
      } else {
        unreadVips.push({ path, text, r });
      }
    });
  }

  // Nameservers: a malformed one is an HAP-04 finding (with IP-01 in its text), not a bare IP-01.
  const nameservers =
    deployed && Array.isArray(props.nameservers) && !reader.unknown(props.nameservers, "nameservers")
      ? props.nameservers
      : [];
  nameservers.forEach((ns, i) => {
    const path = `nameservers[${i}]`;
    if (reader.unknown(ns, path)) {
      return;
    }
    const before = reader.findings.length;
    const addr = reader.address(ns, path, "nameserver");
    if (addr === undefined) {
      const f = reader.findings.splice(before, 1)[0];
      reader.findings.push({ ruleId: "HAP-04", path, message: `${f.message} (IP-01)` });
      return;
    }
    items.push(
      lbl(
        { first: addr, last: addr },
        { kind: "nameserver", path, what: () => `nameserver ${formatAddress(addr)} (${path})` },
      ),
    );
  });

  // The network's side of the sweep: gateways, workload ranges, the management block.
  items.push(...networkItems(network));

  // Fixes of unreadable VIP CIDRs from the serving subnet, each clear of the fixes proposed before it.
  const serving: VipServing = frontendMode
    ? { nic: "frontend", portGroup: frontendPg }
    : { nic: "workload", portGroup: workloadPg };
  const taken: Interval[] = [...items];
  for (const { path, text, r } of unreadVips) {
    const { finding, proposed } = vipInputFinding(path, text, r, serving, taken);
    reader.findings.push(finding);
    if (proposed) {
      taken.push(proposed);
    }
  }

  // One sweep finds every collision that involves the appliance.
  const haproxySide = new Set<ItemKind>(["vip", "haproxy", "nameserver"]);
  const pairs = crossingPairs(items, (item) => haproxySide.has(item.label.kind), 5000).map(([p, q]) =>
    KIND_ORDER.indexOf(p.label.kind) <= KIND_ORDER.indexOf(q.label.kind)
      ? ([p, q] as const)
      : ([q, p] as const),
  );

  return {
    network,
    props,
    frontendMode,
    pgByName,
    workload,
    workloadPg,
    managementPg,
    frontendPg,
    nics,
    virtualIps,
    items,
    pairs,
    suggestVip: vipSuggester(items, network.portGroups),
    proposeVipList: () => vipListProposal(serving, items),
    providerRelease:
      typeof props.vsphereProviderVersion === "string"
        ? parseProviderRelease(props.vsphereProviderVersion)
        : undefined,
    input: reader.findings,
    known: (value, path) => !reader.unknown(value, path),
    isToken: (value) => reader.isToken(value),
    unresolved: reader.unresolved,
    supervisor,
  };
}

/** The addresses of a port group that nothing else may take: network, broadcast and gateway. */
export function reservedAddresses(
  cidr: Cidr,
  gateway: number | undefined,
): { address: number; name: string }[] {
  const out = [
    { address: cidr.first, name: "network address" },
    { address: cidr.last, name: "broadcast address" },
  ];
  if (gateway !== undefined) {
    out.push({ address: gateway, name: "gateway" });
  }
  return out;
}

/** Report the parser's findings of one rule, in the order they were found. */
export function reportInput(
  input: readonly Finding[],
  ruleId: string,
  report: (path: string, message: string, alternatives?: readonly string[]) => void,
): void {
  for (const f of input) {
    if (f.ruleId === ruleId) {
      report(f.path, f.message, f.alternatives);
    }
  }
}

/** The Supervisor's settings, against the parsed network and appliance. */
export interface SupervisorContext {
  readonly network: NetworkPlan;
  /** The appliance's parsed plan, when the Supervisor's load balancer is known. */
  readonly haproxy?: {
    readonly props: HaproxyPlanProps;
    readonly virtualIps: readonly { path: string; cidr: Cidr }[];
  };
  readonly props: SupervisorPlanProps;
  /** The service CIDR when it parsed. */
  readonly serviceCidr?: Cidr;
  /** The parser's input-form findings (IP-02 for the service CIDR). */
  readonly input: readonly Finding[];
  /** True when the value is known at synth; a token is recorded as unresolved at that path. */
  readonly known: (value: unknown, path: string) => boolean;
  /**
   * True when the value is a token, not recorded: for a value whose check holds for any token (a storage policy
   * id from a data source is given, whatever it turns out to be), so nothing is announced as skipped.
   */
  readonly isToken: (value: unknown) => boolean;
  /** Prop paths whose values are not known until apply. */
  readonly unresolved: string[];
}

/** Build the Supervisor context: one parse of its values. */
export function supervisorContext(
  network: NetworkPlan,
  haproxy: SupervisorContext["haproxy"],
  props: SupervisorPlanProps,
  options: CheckOptions = {},
): SupervisorContext {
  const reader = new PlanReader(options);
  const serviceCidr = reader.cidr(props.serviceCidr, "serviceCidr", "service CIDR");
  return {
    network,
    haproxy,
    props,
    serviceCidr,
    input: reader.findings,
    known: (value, path) => !reader.unknown(value, path),
    isToken: (value) => reader.isToken(value),
    unresolved: reader.unresolved,
  };
}

/** Gateways, workload ranges and the management block of the network, labelled for a sweep (the appliance's and the Foundation Load Balancer's). */
export function networkItems(network: NetworkPlan): Labelled<SweepItem>[] {
  const items: Labelled<SweepItem>[] = [];
  for (const pg of network.portGroups) {
    if (pg.gateway !== undefined) {
      const gw = pg.gateway;
      items.push(
        lbl(
          { first: gw, last: gw },
          {
            kind: "gateway",
            path: `${pg.path}.gateway`,
            what: () => `gateway ${formatAddress(gw)} of port group ${quote(pg.name)}`,
          },
        ),
      );
    }
  }
  items.push(...rangeItems(network));
  const block = network.managementBlock;
  if (block) {
    items.push(
      lbl(block, {
        kind: "block",
        path: "supervisorManagementStartIp",
        what: () => `the Supervisor management block ${formatRange(block)}`,
      }),
    );
  }
  return items;
}
