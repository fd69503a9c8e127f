/**
 * Acknowledging a warning, in the spirit of cdk-nag's suppressions: a rule id and a reason of at least a
 * sentence, on a construct (it covers the construct and everything under it). An acknowledged warning is not
 * printed; the report lists it with its reason under "Acknowledged". Errors cannot be acknowledged, except the
 * few the catalogue marks acknowledgeable (HAP-10): acknowledged, such an error no longer blocks synthesis and
 * is listed like an acknowledged warning. An acknowledgement that matches no finding is itself a warning
 * (ACK-01), so stale ones do not rot unseen.
 */
import { IConstruct } from "constructs";
import { quote } from "../model/ip";
import { RULES } from "../rules/catalogue";
import { siteRuleIdProblem } from "../rules/site-rules";

/** One acknowledged warning (or acknowledgeable error, HAP-10). */
export interface Acknowledgement {
  /** The warning's rule id, e.g. `HAP-07`, or a site rule's id. */
  readonly ruleId: string;
  /** Why the warning is accepted here: at least a sentence (20 characters, three words). */
  readonly reason: string;
}

/** The id of the warning an acknowledgement that matches no finding (or an error) gets. */
export const STALE_ACKNOWLEDGEMENT = "ACK-01";

const byScope = new WeakMap<IConstruct, Acknowledgement[]>();
/** Constructs whose warnings are already printed: acknowledgements must come before them. */
const printed = new WeakSet<IConstruct>();

/** Mark a construct's warnings as printed (done by the constructs when they are created). */
export function markPrinted(scope: IConstruct): void {
  printed.add(scope);
}

/** Why an acknowledgement cannot be accepted, or undefined when it can. */
export function acknowledgementProblem(ack: { ruleId?: unknown; reason?: unknown }): string | undefined {
  const { ruleId, reason } = ack;
  const rule = typeof ruleId === "string" ? RULES[ruleId] : undefined;
  if (rule && !rule.acknowledgeable) {
    return `${rule.id} is an error, and errors cannot be acknowledged: fix the plan instead (see docs/rules.md#${rule.id.toLowerCase()})`;
  }
  if (!rule && siteRuleIdProblem(ruleId) !== undefined) {
    return `${quote(ruleId)} is neither a rule of the catalogue nor a site rule id`;
  }
  const text = typeof reason === "string" ? reason.trim() : "";
  if (text.length < 20 || text.split(/\s+/).length < 3) {
    return `the reason for acknowledging ${String(ruleId)} is ${quote(reason)}; give at least a sentence (20 characters, three words) saying why the finding is accepted here`;
  }
  return undefined;
}

/** Acknowledge warnings (and acknowledgeable errors, HAP-10) on a construct and everything under it. */
export class PlanAcknowledgements {
  /**
   * Acknowledge warnings (and acknowledgeable errors, HAP-10) with a reason each, on a scope whose plan
   * constructs are not created yet (a stack or app, before them); throws for the id of an error that cannot be
   * acknowledged, an unknown id, a missing reason or a construct that exists.
   *
   * @example PlanAcknowledgements.add(stack, [{ ruleId: "HAP-07", reason: "Lab site: default mode is intended." }]) // before `new HaproxyLoadBalancer(stack, …)`
   */
  public static add(scope: IConstruct, acknowledgements: readonly Acknowledgement[]): void {
    const late = scope.node.findAll().find((c) => printed.has(c));
    if (late) {
      throw new Error(
        `${scope.node.path}: acknowledge before ${late.node.path} is created (its warnings are printed when it is): call PlanAcknowledgements.add on the stack first, or pass \`acknowledge\` in the construct's props.`,
      );
    }
    for (const ack of acknowledgements) {
      const problem = acknowledgementProblem(ack);
      if (problem) {
        throw new Error(`${scope.node.path}: ${problem}.`);
      }
    }
    byScope.set(scope, [...(byScope.get(scope) ?? []), ...acknowledgements]);
  }

  /** The acknowledgements that cover a construct: its own and its ancestors'. */
  public static covering(scope: IConstruct): { readonly scope: IConstruct; readonly ack: Acknowledgement }[] {
    return scope.node.scopes.flatMap((s) => (byScope.get(s) ?? []).map((ack) => ({ scope: s, ack })));
  }

  /** The acknowledgements made on a construct itself. */
  public static on(scope: IConstruct): readonly Acknowledgement[] {
    return byScope.get(scope) ?? [];
  }
}
