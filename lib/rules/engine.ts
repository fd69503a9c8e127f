/**
 * The engine: parse the plan once, run every rule unit of the catalogue over it (and the site's own rules),
 * and return all findings at once. Pure: no constructs. Overlap and containment checks sort once and sweep, so a
 * plan with n ranges costs n log n (plus the collisions it reports).
 */
import { Diagnostic, Severity } from "../model/diagnostics";
import { Cidr } from "../model/ip";
import {
  CheckOptions,
  HaproxyPlanProps,
  NetworkPlan,
  NetworkPlanProps,
  SupervisorPlanProps,
} from "../model/plan";
import { RULE_UNITS } from "./catalogue";
import { haproxyContext, networkContext, SupervisorContext, supervisorContext } from "./context";
import { Report } from "./rule";
import { SiteRule, siteRuleListProblems } from "./site-rules";
import { PropsError } from "../model/props-error";
import { getAt, setAt, verifySuggestions } from "./suggestions";

/** The result of checking a plan. */
export interface PlanCheck<T> {
  /** The parsed plan. */
  readonly plan: T;
  /** Every finding, errors and warnings, in catalogue order (then the site's rules). */
  readonly diagnostics: Diagnostic[];
  /** Prop paths whose values are not known until apply: the rules that need them were skipped. */
  readonly unresolved: string[];
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
  readonly virtualIps: { readonly path: string; readonly cidr: Cidr }[];
  /** Prop paths whose values are not known until apply. */
  readonly unresolved: string[];
}

/** Options of a check: tokens, and the site's own rules. */
export interface EngineOptions extends CheckOptions {
  /**
   * Rules of the site's own, run after the catalogue's on the same parsed plan.
   * @default - none
   */
  readonly siteRules?: readonly SiteRule[];
  /**
   * Check every fix a message proposes by applying it and checking again (a proposal that does not pass is
   * replaced by an alternative or left out).
   * @default true
   */
  readonly verifySuggestions?: boolean;
}

function reporter(out: Diagnostic[], ruleId: string, severity: Severity): Report {
  return (path, message, alternatives) =>
    out.push(
      alternatives ? { ruleId, severity, path, message, alternatives } : { ruleId, severity, path, message },
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
export function checkNetworkPlan(
  props: NetworkPlanProps,
  options: EngineOptions = {},
): PlanCheck<NetworkPlan> {
  const ctx = networkContext(props, options);
  const out: Diagnostic[] = [];
  for (const unit of RULE_UNITS) {
    unit.network?.(ctx, reporter(out, unit.id, unit.severity));
  }
  for (const rule of siteRulesOf(options)) {
    rule.checkNetwork?.(ctx.plan, reporter(out, rule.id, rule.severity));
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
): PlanCheck<HaproxyPlan> {
  const ctx = haproxyContext(network, props, options);
  const out: Diagnostic[] = [];
  for (const unit of RULE_UNITS) {
    unit.haproxy?.(ctx, reporter(out, unit.id, unit.severity));
  }
  const plan: HaproxyPlan = {
    props,
    workloadNetwork: ctx.workload?.name,
    workloadPortGroup: ctx.workloadPg?.name,
    virtualIps: [...ctx.virtualIps],
    unresolved: ctx.unresolved,
  };
  for (const rule of siteRulesOf(options)) {
    rule.checkHaproxy?.(network, plan, reporter(out, rule.id, rule.severity));
  }
  const diagnostics = verified(
    options,
    props,
    out,
    (p, raw) => checkHaproxyPlan(network, p, raw).diagnostics,
  );
  return { plan, diagnostics, unresolved: ctx.unresolved };
}

/** Check the Supervisor's settings against the parsed network and appliance: NET-09, SUP-01, SUP-02. */
export function checkSupervisorPlan(
  network: NetworkPlan,
  haproxy: SupervisorContext["haproxy"],
  props: SupervisorPlanProps,
  options: CheckOptions = {},
): { diagnostics: Diagnostic[]; unresolved: string[] } {
  const ctx = supervisorContext(network, haproxy, props, options);
  const out: Diagnostic[] = [];
  for (const unit of RULE_UNITS) {
    unit.supervisor?.(ctx, reporter(out, unit.id, unit.severity));
  }
  return { diagnostics: out, unresolved: ctx.unresolved };
}

/** Check a whole plan at once: the network and, when given, the HAProxy appliance. */
export function checkPlan(
  network: NetworkPlanProps,
  haproxy?: HaproxyPlanProps,
  options: EngineOptions = {},
): { diagnostics: Diagnostic[]; unresolved: string[] } {
  if (!haproxy) {
    const n = checkNetworkPlan(network, options);
    return { diagnostics: n.diagnostics, unresolved: n.unresolved };
  }
  // Both sides are known here: every proposal is checked against the whole plan.
  const raw = { ...options, verifySuggestions: false };
  const whole = (np: NetworkPlanProps, hp: HaproxyPlanProps) => {
    const nn = checkNetworkPlan(np, raw);
    return [...nn.diagnostics, ...checkHaproxyPlan(nn.plan, hp, raw).diagnostics];
  };
  const n0 = checkNetworkPlan(network, raw);
  const h0 = checkHaproxyPlan(n0.plan, haproxy, raw);
  const all = [...n0.diagnostics, ...h0.diagnostics];
  const diagnostics =
    options.verifySuggestions === false
      ? all
      : [
          ...verifySuggestions(network, n0.diagnostics, (np) => whole(np, haproxy), all, applyToNetwork),
          ...verifySuggestions(haproxy, h0.diagnostics, (hp) => whole(network, hp), all),
        ];
  return { diagnostics, unresolved: [...n0.unresolved, ...h0.unresolved] };
}

/** True when any finding is an error. */
export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === Severity.ERROR);
}
