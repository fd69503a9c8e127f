/**
 * What a rule is: one unit per rule id, with its severity, a one-sentence summary, why it exists (with its
 * source), an example of a failing and a passing value, and its check over the parsed plan. The engine runs
 * every unit over one parse of the plan; a unit reports findings through `report(path, message)`.
 */
import { Severity } from "../model/diagnostics";
import { NetworkContext, HaproxyContext, SupervisorContext } from "./context";
import type { FleetContext } from "./fleet-context";
import { FoundationContext } from "./foundation-context";

/**
 * Where a rule reports: the prop path of the offending value and the message; optionally other values for the
 * fix the message proposes, tried when the first does not pass.
 */
export type Report = (path: string, message: string, alternatives?: readonly string[]) => void;

/** One rule of the catalogue. */
export interface PlanRule {
  /** The rule id, e.g. `VIP-01`: API, never renumbered or reused. */
  readonly id: string;
  readonly severity: Severity;
  /**
   * An error that an acknowledgement with a reason lets through (the plan is then synthesized, and the report
   * lists the finding with its reason). Unset: errors cannot be acknowledged; warnings always can.
   */
  readonly acknowledgeable?: boolean;
  /** One sentence: what must hold. */
  readonly summary: string;
  /** Why the rule exists, with its source (vSphere, the appliance's or the provider's code, the seed page). */
  readonly why: string;
  /** A value that breaks the rule and the nearest one that passes, for the catalogue document. */
  readonly example: { readonly failing: string; readonly passing: string };
  /** The check on the network side of the plan, when the rule has one. */
  readonly network?: (ctx: NetworkContext, report: Report) => void;
  /** The check on the HAProxy side of the plan, when the rule has one. */
  readonly haproxy?: (ctx: HaproxyContext, report: Report) => void;
  /**
   * True for a rule about the HAProxy appliance this plan deploys (its VM, its routing, its secrets): it does not
   * run for a load balancer the plan does not deploy (`HaproxyPlanProps.deployed` false). Every HAP rule is.
   */
  readonly deployedApplianceOnly?: boolean;
  /**
   * True for a rule about an existing HAProxy (`HaproxyPlanProps.existingHaproxy`): it runs although that
   * HAProxy is not deployed by the plan.
   */
  readonly existingHaproxy?: boolean;
  /** The check on the vSphere Foundation Load Balancer's side of the plan, when the rule has one. */
  readonly foundation?: (ctx: FoundationContext, report: Report) => void;
  /** The check on the Supervisor's settings, when the rule has one. */
  readonly supervisor?: (ctx: SupervisorContext, report: Report) => void;
  /** The check across many sites' plans (`checkFleet`), when the rule has one. */
  readonly fleet?: (ctx: FleetContext, report: Report) => void;
}

/** Declare a rule unit (typed identity: the unit's file default-exports it). */
export function planRule(rule: PlanRule): PlanRule {
  return rule;
}
