/**
 * Findings about a plan. Pure: no constructs. The rules that produce them, with their ids and severities, are
 * the units under `rules/`; rule ids are API: quoted by messages, docs and tests, never renumbered or reused.
 */

/** How serious a finding is: errors fail synthesis, warnings are reported and let it continue. */
export enum Severity {
  /** The plan cannot work as written; synthesis fails. */
  ERROR = "error",
  /** The plan works but is not what vSphere or the appliance recommends. */
  WARN = "warn",
}

/** What a check found, before the catalogue gives it its severity. */
export interface Finding {
  /** The rule id, e.g. `VIP-01`. */
  readonly ruleId: string;
  /** The prop path of the offending value, e.g. `virtualIpCidrs[0]`. */
  readonly path: string;
  /** What is wrong, quoting the value(s), then how to fix it. */
  readonly message: string;
  /** Other values for the fix the message proposes, tried in order when it does not pass the rules. */
  readonly alternatives?: string[];
}

/** One finding about a plan, with the severity of its rule. */
export interface Diagnostic extends Finding {
  /** The rule's severity. */
  readonly severity: Severity;
}

/** A warning (or acknowledgeable error) let through by an acknowledgement, with its reason. */
export interface AcknowledgedDiagnostic {
  /** The finding. */
  readonly diagnostic: Diagnostic;
  /** The reason given with the acknowledgement. */
  readonly reason: string;
}

/** A finding of a rule. */
export function finding(ruleId: string, path: string, message: string): Finding {
  return { ruleId, path, message };
}

/** The one-line form every report uses: `RULE-ID path: message`. */
export function formatDiagnostic(d: Finding): string {
  return `${d.ruleId} ${d.path}: ${d.message}`;
}
