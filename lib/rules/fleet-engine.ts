/**
 * The cross-site check: many sites' plans parsed once, the FLT rule units run over them, every fix a message
 * proposes applied and checked again (across sites, and the changed site's own plan). Pure: no constructs.
 * Sites are grouped in maps (by vCenter, switch, routing domain) and each group sorted once and swept, so n
 * sites cost n log n plus the collisions reported.
 */
import { Diagnostic, Severity } from "../model/diagnostics";
import { Cidr, contains, formatAddress, formatCidr, parseAddress, parseCidr, parseRange } from "../model/ip";
import { NetworkPlanProps } from "../model/plan";
import { RULE_UNITS } from "./catalogue";
import { checkPlan } from "./engine";
import { fleetContext, FleetSite } from "./fleet-context";
import { Report } from "./rule";
import { getAt, setAt, verifySuggestions } from "./suggestions";

/** Options of the cross-site check. */
export interface FleetCheckOptions {
  /**
   * Check every fix a message proposes by applying it and checking again, across sites and the changed site's
   * own plan (a proposal that does not pass is replaced by an alternative or left out).
   * @default true
   */
  readonly verifySuggestions?: boolean;
}

/** The sites as the fixes see them: paths are `sites[<i>].…`. */
interface Fleet {
  readonly sites: FleetSite[];
}

function rawCheck(sites: readonly FleetSite[]): Diagnostic[] {
  const ctx = fleetContext(sites);
  const out: Diagnostic[] = [];
  for (const unit of RULE_UNITS) {
    if (!unit.fleet) continue;
    const report: Report = (path, message, alternatives) =>
      out.push({
        ruleId: unit.id,
        severity: unit.severity,
        path,
        message,
        ...(alternatives && alternatives.length > 0 ? { alternatives: [...alternatives] } : {}),
      });
    unit.fleet(ctx, report);
  }
  return out;
}

/** Where a site's props describe port groups. */
function portGroupPaths(network: NetworkPlanProps): string[] {
  const workload = Array.isArray(network.workloadNetworks) ? network.workloadNetworks : [];
  return [
    "managementNetwork",
    "primaryWorkloadNetwork.portGroup",
    ...workload.map((_, i) => `workloadNetworks[${i}].portGroup`),
    "frontendNetwork",
  ];
}

/** `text` moved by `delta` when it is an address, CIDR or range inside `from`; else unchanged. */
function moved(text: string, from: Cidr, delta: number): string {
  const a = parseAddress(text);
  if (a.ok) return contains(from, { first: a.value, last: a.value }) ? formatAddress(a.value + delta) : text;
  const c = parseCidr(text);
  if (c.ok) return contains(from, c.value) ? formatCidr({ ...c.value, first: c.value.first + delta }) : text;
  const r = parseRange(text);
  if (r.ok && contains(from, r.value)) {
    return `${formatAddress(r.value.first + delta)}-${formatAddress(r.value.last + delta)}`;
  }
  return text;
}

/** A deep copy of `value` with every address, CIDR and range inside `from` moved by `delta` (not the DNS servers). */
function shift(value: unknown, from: Cidr, delta: number, key = ""): unknown {
  if (typeof value === "string") return moved(value, from, delta);
  if (Array.isArray(value)) return key === "nameservers" ? value : value.map((v) => shift(v, from, delta));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shift(v, from, delta, k)]));
  }
  return value;
}

const LOAD_BALANCER_VIP_FIX = /^sites\[(\d+)\]\.loadBalancer\.virtualIpCidrs\[(\d+)\]$/;
const PORT_GROUP_FIX = /^sites\[(\d+)\]\.network\.(.+)\.(name|cidr)$/;

/**
 * Put a fix into the fleet. A port group's new name goes to every place of its site that describes it (NET-06);
 * its new subnet moves the site's gateway, ranges and appliance addresses in it by the same offset.
 */
function applyToFleet(fleet: Fleet, path: string, value: unknown): Fleet | undefined {
  const vip = LOAD_BALANCER_VIP_FIX.exec(path);
  if (vip) {
    // The site's own plan checks a load balancer it does not deploy by `haproxy` (deployed: false): same VIPs.
    const next = setAt(fleet, path, value);
    const mirrored = `sites[${vip[1]}].haproxy.virtualIpCidrs[${vip[2]}]`;
    return next && getAt(next, mirrored) !== undefined ? (setAt(next, mirrored, value) ?? next) : next;
  }
  const m = PORT_GROUP_FIX.exec(path);
  if (!m) return setAt(fleet, path, value);
  const i = Number(m[1]);
  const site = fleet.sites[i];
  const oldName = (getAt(site.network, `${m[2]}.name`) as string | undefined) ?? undefined;
  if (m[3] === "name") {
    let network = site.network;
    for (const p of portGroupPaths(network)) {
      if ((getAt(network, `${p}.name`) as unknown) === oldName)
        network = setAt(network, `${p}.name`, value) ?? network;
    }
    return setAt(fleet, `sites[${i}].network`, network);
  }
  const from = parseCidr(String(getAt(site.network, `${m[2]}.cidr`)));
  const to = parseCidr(String(value));
  if (!from.ok || !to.ok) return undefined;
  const delta = to.value.first - from.value.first;
  const next: FleetSite = {
    ...site,
    network: shift(site.network, from.value, delta) as NetworkPlanProps,
    haproxy: site.haproxy && (shift(site.haproxy, from.value, delta) as FleetSite["haproxy"]),
    loadBalancer:
      site.loadBalancer && (shift(site.loadBalancer, from.value, delta) as FleetSite["loadBalancer"]),
  };
  return setAt(fleet, `sites[${i}]`, next);
}

/** The errors of one site's own plan (network, appliance), by `rule path`. */
function siteErrors(site: FleetSite): Diagnostic[] {
  return checkPlan(site.network, site.haproxy, { verifySuggestions: false }).diagnostics.filter(
    (d) => d.severity === Severity.ERROR,
  );
}

/**
 * Check many sites' plans against each other (the FLT rules): sites sharing a vCenter and distributed switch
 * reuse no port-group name, no VLAN id for another subnet and no subnet; appliance VM names and management
 * addresses are unique per vCenter; VIP blocks of a routing domain do not overlap. Paths are `sites[<i>].<prop
 * path>`; messages name both sites. Each site's own plan is checked by `checkPlan`, not here.
 */
export function checkFleet(sites: FleetSite[], options: FleetCheckOptions = {}): Diagnostic[] {
  const found = rawCheck(sites);
  if (options.verifySuggestions === false || found.length === 0) {
    return found;
  }
  const before = new Map<number, Set<string>>();
  const errorsBefore = (i: number) => {
    let keys = before.get(i);
    if (!keys) {
      keys = new Set(siteErrors(sites[i]).map((d) => `${d.ruleId} ${d.path}`));
      before.set(i, keys);
    }
    return keys;
  };
  // A fix passes when its finding is gone across sites and the changed site's own plan has no new error.
  const recheck = (fleet: Fleet): Diagnostic[] => {
    const out = rawCheck(fleet.sites);
    fleet.sites.forEach((s, i) => {
      if (s === sites[i]) return;
      const old = errorsBefore(i);
      for (const d of siteErrors(s)) {
        if (!old.has(`${d.ruleId} ${d.path}`)) out.push({ ...d, path: `sites[${i}]:${d.path}` });
      }
    });
    return out;
  };
  return verifySuggestions<Fleet>({ sites }, found, recheck, found, applyToFleet);
}
