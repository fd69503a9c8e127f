/**
 * The engine: parse the plan once, run every rule unit of the catalogue over it (and the site's own rules),
 * and return all findings at once. Pure: no constructs. Overlap and containment checks sort once and sweep, so a
 * plan with n ranges costs n log n (plus the collisions it reports).
 */
import { Diagnostic, Severity } from "../model/diagnostics";
import { Cidr } from "../model/ip";
import {
  CheckOptions,
  FoundationPlanProps,
  HaproxyPlanProps,
  NetworkPlan,
  NetworkPlanProps,
  SupervisorPlanProps,
} from "../model/plan";
import { RULE_UNITS } from "./catalogue";
import { haproxyContext, networkContext, SupervisorContext, supervisorContext } from "./context";
import { foundationContext } from "./foundation-context";
import { PlanRule, Report } from "./rule";
import { ISiteRuleReporter, SiteRule, siteRuleListProblems } from "./site-rules";
import { PropsError } from "../model/props-error";
import { getAt, setAt, verifySuggestions } from "./suggestions";

/** The findings of a check: every diagnostic, and the prop paths it could not check. */
export interface PlanFindings {
  /** Every finding, errors and warnings, in catalogue order (then the site's rules). */
  readonly diagnostics: Diagnostic[];
  /** Prop paths whose values are not known until apply: the rules that need them were skipped. */
  readonly unresolved: string[];
}

/** The result of checking the network side of a plan. */
export interface NetworkPlanCheck extends PlanFindings {
  /** The parsed network plan. */
  readonly plan: NetworkPlan;
}

/** The result of checking the HAProxy side of a plan. */
export interface HaproxyPlanCheck extends PlanFindings {
  /** The parsed HAProxy plan. */
  readonly plan: HaproxyPlan;
}

/** The result of checking a plan (TypeScript: `NetworkPlanCheck` is `PlanCheck<NetworkPlan>`). */
export type PlanCheck<T> = PlanFindings & { readonly plan: T };

/** A VIP CIDR of the plan that parsed, with the prop path it comes from. */
export interface PlanVirtualIp {
  /** The prop path, e.g. `virtualIpCidrs[0]`. */
  readonly path: string;
  /** The block. */
  readonly cidr: Cidr;
}

/** The parsed HAProxy side of a plan. */
export interface HaproxyPlan {
  /** The HAProxy props as checked. */
  readonly props: HaproxyPlanProps;
  /** The workload network the workload NIC joins, when it exists. */
  readonly workloadNetwork?: string;
  /** The port group of the workload NIC, when known. */
  readonly workloadPortGroup?: string;
  /** The VIP CIDRs that parsed. */
  readonly virtualIps: PlanVirtualIp[];
  /** Prop paths whose values are not known until apply. */
  readonly unresolved: string[];
}

/** Options of a check: tokens, and the site's own rules. */
export interface EngineOptions extends CheckOptions {
  /**
   * Rules of the site's own, run after the catalogue's on the same parsed plan.
   * @default - none
   */
  readonly siteRules?: SiteRule[];
  /**
   * Check every fix a message proposes by applying it and checking again (a proposal that does not pass is
   * replaced by an alternative or left out).
   * @default true
   */
  readonly verifySuggestions?: boolean;
  /**
   * The Supervisor enabled on the plan, when known: the appliance's fixes may propose its DNS servers, and
   * `checkPlan` checks it and re-checks every fix with it.
   * @default - no Supervisor
   */
  readonly supervisor?: SupervisorPlanProps;
  /**
   * The vSphere Foundation Load Balancer's interfaces and services, when the load balancer is one (its VIP CIDRs
   * are the load-balancer side's `virtualIpCidrs`, with `deployed` false): `checkWholePlan` runs the VFL rules
   * on them and re-checks every fix with them.
   * @default - no Foundation Load Balancer
   */
  readonly foundation?: FoundationPlanProps;
}

/**
 * True when the unit runs on this load balancer: the appliance's own rules only on an appliance we deploy, the
 * existing HAProxy's (HAP-14) on any.
 */
function runsOn(unit: PlanRule, props: HaproxyPlanProps): boolean {
  return (
    props.deployed !== false ||
    unit.existingHaproxy === true ||
    !(unit.deployedApplianceOnly === true || unit.id.startsWith("HAP-"))
  );
}

function reporter(out: Diagnostic[], ruleId: string, severity: Severity): Report {
  return (path, message, alternatives) =>
    out.push(
      alternatives
        ? { ruleId, severity, path, message, alternatives: [...alternatives] }
        : { ruleId, severity, path, message },
    );
}

/**
 * The reporter a site rule's check is given. A check written in TypeScript gets a function with the `report`
 * method (`report(path, message)` and `report.report(path, message)` both work). A check written in another
 * language gets a plain object: the jsii kernel passes only objects across (a function fails with "Value is not
 * an object"), and it installs such a check on the rule as an own, read-only method (jsii 1.119.0,
 * `@jsii/kernel` `Kernel#defineOverridenMethod`: `Object.defineProperty(obj, methodName, { writable: false, … })`).
 */
function siteReporter(out: Diagnostic[], rule: SiteRule, check: keyof SiteRule): ISiteRuleReporter {
  const report = reporter(out, rule.id, rule.severity);
  const method = {
    report: (path: string, message: string, alternatives?: string[]) => report(path, message, alternatives),
  };
  if (Object.getOwnPropertyDescriptor(rule, check)?.writable === false) {
    return method as ISiteRuleReporter;
  }
  return Object.assign(
    (path: string, message: string, alternatives?: string[]) => report(path, message, alternatives),
    method,
  );
}

/** The site's own rules, their ids checked (an id in the catalogue's namespace is misuse). */
function siteRulesOf(options: EngineOptions): readonly SiteRule[] {
  const rules = options.siteRules ?? [];
  const problems = siteRuleListProblems(rules.map((r) => r.id));
  if (problems.length > 0) {
    throw new PropsError(
      "siteRules",
      problems.map((p) => `CFG-03 siteRules[${p.index}].id: ${p.problem}.`),
    );
  }
  return rules;
}

/** The findings with their proposed fixes checked by `recheck`, unless the options turn that off. */
function verified<P>(
  options: EngineOptions,
  props: P,
  out: Diagnostic[],
  recheck: (props: P, raw: EngineOptions) => readonly Diagnostic[],
  apply?: (props: P, path: string, value: unknown) => P | undefined,
): Diagnostic[] {
  if (options.verifySuggestions === false) {
    return out;
  }
  const raw = { ...options, verifySuggestions: false };
  return verifySuggestions(props, out, (p) => recheck(p, raw), out, apply);
}

/** Where network props describe a port group. */
function portGroupPaths(props: NetworkPlanProps): string[] {
  const workload = Array.isArray(props.workloadNetworks) ? props.workloadNetworks : [];
  return [
    "managementNetwork",
    "primaryWorkloadNetwork.portGroup",
    ...workload.map((_, i) => `workloadNetworks[${i}].portGroup`),
    "frontendNetwork",
  ];
}

/**
 * Put a fix into network props. A fix of a port group's CIDR, gateway or VLAN goes to every place that describes
 * that port group the same way (NET-06: one name, one description), so a port group shared by two workload
 * networks (S-13) is fixed in both.
 */
function applyToNetwork(props: NetworkPlanProps, path: string, value: unknown): NetworkPlanProps | undefined {
  let next = setAt(props, path, value);
  const m = /^(.+)\.(cidr|gateway|vlanId)$/.exec(path);
  if (!m || next === undefined) {
    return next;
  }
  const [, at, field] = m;
  const name = getAt(props, `${at}.name`);
  const old = getAt(props, path);
  for (const other of portGroupPaths(props)) {
    const pg = getAt(props, other) as Record<string, unknown> | undefined;
    if (other !== at && pg !== null && typeof pg === "object" && pg.name === name && pg[field] === old) {
      next = setAt(next, `${other}.${field}`, value) ?? next;
    }
  }
  return next;
}

/**
 * Check the network side of a plan: the input form of its values and the NET rules (the parts that need no
 * HAProxy). The parsed plan comes back for the HAProxy check and the constructs.
 */
export function checkNetworkPlan(props: NetworkPlanProps, options: EngineOptions = {}): NetworkPlanCheck {
  const ctx = networkContext(props, options);
  const out: Diagnostic[] = [];
  for (const unit of RULE_UNITS) {
    unit.network?.(ctx, reporter(out, unit.id, unit.severity));
  }
  for (const rule of siteRulesOf(options)) {
    rule.checkNetwork?.(ctx.plan, siteReporter(out, rule, "checkNetwork"));
  }
  const diagnostics = verified(
    options,
    props,
    out,
    (p, raw) => checkNetworkPlan(p, raw).diagnostics,
    applyToNetwork,
  );
  return { plan: ctx.plan, diagnostics, unresolved: ctx.plan.unresolved };
}

/**
 * Check the HAProxy side of a plan against the parsed network side: the VIP and HAP rules, SEC-01 and the
 * HAProxy part of NET-08. Findings of the network alone are not repeated.
 */
export function checkHaproxyPlan(
  network: NetworkPlan,
  props: HaproxyPlanProps,
  options: EngineOptions = {},
): HaproxyPlanCheck {
  const ctx = haproxyContext(network, props, options, options.supervisor);
  const out: Diagnostic[] = [];
  for (const unit of RULE_UNITS) {
    if (runsOn(unit, props)) {
      unit.haproxy?.(ctx, reporter(out, unit.id, unit.severity));
    }
  }
  const plan: HaproxyPlan = {
    props,
    workloadNetwork: ctx.workload?.name,
    workloadPortGroup: ctx.workloadPg?.name,
    virtualIps: [...ctx.virtualIps],
    unresolved: ctx.unresolved,
  };
  for (const rule of siteRulesOf(options)) {
    rule.checkHaproxy?.(network, plan, siteReporter(out, rule, "checkHaproxy"));
  }
  const diagnostics = verified(
    options,
    props,
    out,
    (p, raw) => checkHaproxyPlan(network, p, raw).diagnostics,
  );
  return { plan, diagnostics, unresolved: ctx.unresolved };
}

/**
 * Check the vSphere Foundation Load Balancer's interfaces and services against the parsed network and its VIP
 * CIDRs (the load-balancer side's): the VFL rules, IP-01 and IP-03 of its values.
 */
export function checkFoundationPlan(
  network: NetworkPlan,
  loadBalancer: HaproxyPlan,
  props: FoundationPlanProps,
  options: CheckOptions = {},
): PlanFindings {
  const ctx = foundationContext(network, loadBalancer.virtualIps, props, options);
  const out: Diagnostic[] = [];
  for (const unit of RULE_UNITS) {
    unit.foundation?.(ctx, reporter(out, unit.id, unit.severity));
  }
  return { diagnostics: out, unresolved: ctx.unresolved };
}

/** Check the Supervisor's settings against the parsed network and appliance: NET-09, SUP-01, SUP-02. */
export function checkSupervisorPlan(
  network: NetworkPlan,
  haproxy: SupervisorContext["haproxy"],
  props: SupervisorPlanProps,
  options: CheckOptions = {},
): PlanFindings {
  const ctx = supervisorContext(network, haproxy, props, options);
  const out: Diagnostic[] = [];
  for (const unit of RULE_UNITS) {
    unit.supervisor?.(ctx, reporter(out, unit.id, unit.severity));
  }
  return { diagnostics: out, unresolved: ctx.unresolved };
}

/** The findings of a whole plan, by side. */
export interface WholePlanCheck {
  /** The network's findings (NET, IP and the site's network rules). */
  readonly network: Diagnostic[];
  /** The appliance's findings (VIP, HAP, SEC), when an appliance was given. */
  readonly haproxy: Diagnostic[];
  /** The Supervisor's findings, when a Supervisor was given. */
  readonly supervisor: Diagnostic[];
  /** The Foundation Load Balancer's findings (VFL), when `options.foundation` was given. */
  readonly foundation: Diagnostic[];
  /** Prop paths whose values are not known until apply. */
  readonly unresolved: string[];
}

/** Every finding of the whole plan, by side, with no fix checked. */
function rawWholeCheck(
  network: NetworkPlanProps,
  haproxy: HaproxyPlanProps | undefined,
  supervisor: SupervisorPlanProps | undefined,
  foundation: FoundationPlanProps | undefined,
  options: EngineOptions,
): WholePlanCheck {
  const raw = { ...options, supervisor, verifySuggestions: false };
  const n = checkNetworkPlan(network, raw);
  const h = haproxy ? checkHaproxyPlan(n.plan, haproxy, raw) : undefined;
  const f = foundation && h ? checkFoundationPlan(n.plan, h.plan, foundation, raw) : undefined;
  const s = supervisor && h ? checkSupervisorPlan(n.plan, h.plan, supervisor, raw) : undefined;
  return {
    network: n.diagnostics,
    haproxy: h?.diagnostics ?? [],
    supervisor: s?.diagnostics ?? [],
    foundation: f?.diagnostics ?? [],
    unresolved: [
      ...n.unresolved,
      ...(h?.unresolved ?? []),
      ...(f?.unresolved ?? []),
      ...(s?.unresolved ?? []),
    ],
  };
}

const allOf = (c: WholePlanCheck) => [...c.network, ...c.haproxy, ...c.foundation, ...c.supervisor];

/**
 * Check a whole plan: the network, the appliance and the Supervisor as far as they are given. Every fix a
 * message proposes is applied to its side and the WHOLE plan is checked again (a fix that breaks a rule of
 * another side is replaced by an alternative or left out).
 */
export function checkWholePlan(
  network: NetworkPlanProps,
  haproxy?: HaproxyPlanProps,
  supervisor?: SupervisorPlanProps,
  options: EngineOptions = {},
): WholePlanCheck {
  const foundation = options.foundation;
  const first = rawWholeCheck(network, haproxy, supervisor, foundation, options);
  if (options.verifySuggestions === false) {
    return first;
  }
  const all = allOf(first);
  const plan: WholeProps = { network, haproxy, supervisor, foundation };
  const recheck = (p: WholeProps) =>
    allOf(rawWholeCheck(p.network, p.haproxy, p.supervisor, p.foundation, options));
  const verify = (side: keyof WholeProps, found: Diagnostic[]) =>
    verifySuggestions(plan, found, recheck, all, (p, path, value) => applyToWhole(p, side, path, value));
  return {
    network: verify("network", first.network),
    haproxy: haproxy ? verify("haproxy", first.haproxy) : [],
    supervisor: supervisor ? verify("supervisor", first.supervisor) : [],
    foundation: foundation ? verify("foundation", first.foundation) : [],
    unresolved: first.unresolved,
  };
}

/** The sides of a plan, for fixes that may belong to another side than the finding's. */
interface WholeProps {
  readonly network: NetworkPlanProps;
  readonly haproxy?: HaproxyPlanProps;
  readonly supervisor?: SupervisorPlanProps;
  readonly foundation?: FoundationPlanProps;
}

/** Network keys that an appliance's or Supervisor's finding may propose a fix for (NET-08's HAProxy part). */
const NETWORK_KEYS = new Set(["supervisorManagementStartIp"]);

/** Put a fix of a finding of `side` into the whole plan: at its path on that side, or on the network's. */
function applyToWhole(
  p: WholeProps,
  side: keyof WholeProps,
  path: string,
  value: unknown,
): WholeProps | undefined {
  const bare = path.replace(/^network\./, "");
  if (side === "network" || NETWORK_KEYS.has(bare)) {
    const network = applyToNetwork(p.network, bare, value);
    return network && { ...p, network };
  }
  const props = p[side];
  const next = props === undefined ? undefined : setAt(props, path, value);
  return next && { ...p, [side]: next };
}

/**
 * Check a whole plan at once: the network and, when given, the HAProxy appliance (and the Supervisor of
 * `options.supervisor`); every fix is re-checked with the whole plan.
 */
export function checkPlan(
  network: NetworkPlanProps,
  haproxy?: HaproxyPlanProps,
  options: EngineOptions = {},
): PlanFindings {
  const c = checkWholePlan(network, haproxy, haproxy ? options.supervisor : undefined, options);
  return { diagnostics: allOf(c), unresolved: c.unresolved };
}

/** True when any finding is an error. */
export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === Severity.ERROR);
}
