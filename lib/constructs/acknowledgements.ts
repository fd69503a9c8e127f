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
import { nearestName } from "../model/nearest-name";
import { PropsError } from "../model/props-error";
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
  if (typeof ruleId !== "string" || ruleId.trim() === "") {
    return `the rule id is ${quote(ruleId)}; give the id of the finding to acknowledge, e.g. "HAP-07"`;
  }
  const rule = RULES[ruleId];
  if (rule && !rule.acknowledgeable) {
    return `${rule.id} is an error, and errors cannot be acknowledged: fix the plan instead (see docs/rules.md#${rule.id.toLowerCase()})`;
  }
  if (!rule && siteRuleIdProblem(ruleId) !== undefined) {
    const upper = ruleId.trim().toUpperCase();
    const meant =
      RULES[upper] !== undefined
        ? `: the catalogue's is ${quote(upper)} (ids are upper case)`
        : siteRuleIdProblem(upper) === undefined
          ? `: as a site rule id it is ${quote(upper)} (ids are upper case)`
          : " (NAME-<number>)";
    return `${quote(ruleId)} is neither a rule of the catalogue nor a site rule id${meant}`;
  }
  const text = typeof reason === "string" ? reason.trim() : "";
  if (text.length < 20 || text.split(/\s+/).length < 3) {
    return `the reason for acknowledging ${ruleId} is ${quote(reason)}; give at least a sentence (20 characters, three words) saying why the finding is accepted here`;
  }
  return undefined;
}

const ACK_KEYS = ["ruleId", "reason"];

/**
 * CFG-03 lines for a list of acknowledgements that cannot be accepted, each `CFG-03 <at>[i].<key>: …`: not a
 * list, an entry that is not an object, a key it does not know (with the nearest, `rule` → `ruleId`), or an
 * entry `acknowledgementProblem` refuses.
 */
export function acknowledgementListProblems(list: unknown, at: string): string[] {
  if (!Array.isArray(list)) {
    return [
      `CFG-03 ${at}: ${quote(list)} is not a list; write [{ ruleId: "HAP-07", reason: "…" }], one object per finding.`,
    ];
  }
  return list.flatMap((ack: unknown, i): string[] => {
    const here = `${at}[${i}]`;
    if (typeof ack !== "object" || ack === null || Array.isArray(ack)) {
      return [
        `CFG-03 ${here}: ${quote(ack)} is not an acknowledgement; write { ruleId: "HAP-07", reason: "…" }.`,
      ];
    }
    const unknown = Object.keys(ack).filter((k) => !ACK_KEYS.includes(k));
    if (unknown.length > 0) {
      return unknown.map((k) => {
        const near = nearestName(k, ACK_KEYS, 3);
        return `CFG-03 ${here}.${k}: unknown key ${quote(k)}.${near ? ` Did you mean ${quote(near)}?` : ` The keys are ${ACK_KEYS.join(", ")}.`}`;
      });
    }
    const problem = acknowledgementProblem(ack as { ruleId?: unknown; reason?: unknown });
    return problem ? [`CFG-03 ${here}: ${problem}.`] : [];
  });
}

/**
 * Acknowledge on a construct, refusing what cannot be accepted with one frameless `PropsError` (CFG-03) that
 * names the construct and the argument (`at`: `acknowledge` for a construct's prop).
 */
export function addAcknowledgements(scope: IConstruct, acknowledgements: unknown, at: string): void {
  const late = scope.node.findAll().find((c) => printed.has(c));
  if (late) {
    throw new PropsError(scope.node.path, [
      `CFG-03 ${at}: acknowledge before ${late.node.path} is created (its warnings are printed when it is): call PlanAcknowledgements.add on the stack first, or pass \`acknowledge\` in the construct's props.`,
    ]);
  }
  const problems = acknowledgementListProblems(acknowledgements, at);
  if (problems.length > 0) {
    throw new PropsError(scope.node.path, problems);
  }
  byScope.set(scope, [...(byScope.get(scope) ?? []), ...(acknowledgements as Acknowledgement[])]);
}

/** An acknowledgement with the construct it was made on. */
export interface ScopedAcknowledgement {
  /** The construct the acknowledgement was made on. */
  readonly scope: IConstruct;
  /** The acknowledgement. */
  readonly ack: Acknowledgement;
}

/** Acknowledge warnings (and acknowledgeable errors, HAP-10) on a construct and everything under it. */
export class PlanAcknowledgements {
  /**
   * Acknowledge warnings (and acknowledgeable errors, HAP-10) with a reason each, on a scope whose plan
   * constructs are not created yet (a stack or app, before them). Throws one `PropsError` (CFG-03, the scope's
   * path, no stack frames) for the id of an error that cannot be acknowledged, an unknown id (with the id meant,
   * `vip-06` → `VIP-06`), a reason shorter than a sentence, an unknown key (`rule` → `ruleId`), an argument that
   * is not a list of objects, or a scope whose plan constructs exist.
   *
   * @example PlanAcknowledgements.add(stack, [{ ruleId: "HAP-07", reason: "Lab site: default mode is intended." }]) // before `new HaproxyLoadBalancer(stack, …)`
   */
  public static add(scope: IConstruct, acknowledgements: Acknowledgement[]): void {
    addAcknowledgements(scope, acknowledgements, "PlanAcknowledgements.add acknowledgements");
  }

  /** The acknowledgements that cover a construct: its own and its ancestors'. */
  public static covering(scope: IConstruct): ScopedAcknowledgement[] {
    return scope.node.scopes.flatMap((s) => (byScope.get(s) ?? []).map((ack) => ({ scope: s, ack })));
  }

  /** The acknowledgements made on a construct itself. */
  public static on(scope: IConstruct): Acknowledgement[] {
    return [...(byScope.get(scope) ?? [])];
  }
}
