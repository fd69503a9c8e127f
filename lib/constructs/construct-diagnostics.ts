/**
 * How constructs surface the engine's findings: as cdktf annotations, errors at level ERROR, warnings at WARN and
 * values unknown until apply as one INFO, each with its construct path. `cdktf synth` prints every annotation of
 * every stack once, errors beside warnings, and fails; `app.synth()` elsewhere fails with them
 * (plan-report-synthesizer.ts). Errors are not construct validations: cdktf throws those from inside its stack
 * synthesizer, with a stack trace, before any annotation is printed.
 */
import { AnnotationMetadataEntryType, Token } from "cdktf";
import { Construct } from "constructs";
import { Diagnostic, formatDiagnostic, Severity } from "../model/diagnostics";
import { ruleLink } from "../report/rules-doc";
import { isAcknowledgeable, RULES } from "../rules/catalogue";
import { rulesDocumentFromCwd } from "./rules-document";
import { markPrinted, PlanAcknowledgements } from "./acknowledgements";
import { CheckOptions } from "../model/plan";

/** Engine options for values that may be cdktf tokens. */
export const TOKEN_AWARE: CheckOptions = {
  // A string is a token, or holds one, exactly when cdktf's marker is in it: "${TfToken[…]}" for strings,
  // "#{TfToken[…]}" for an element of a list token, "&{TfToken[…]}" for maps. Numbers and lists are asked.
  isUnresolved: (v) => (typeof v === "string" ? v.includes("TfToken[") : Token.isUnresolved(v)),
};

/**
 * A finding as synth prints it: `RULE-ID path: message`, then where the rule's entry is, as a path from the folder
 * the command runs in (`[node_modules/tanzu-haproxy-network/docs/rules.md#vip-01]` in a user's project).
 */
export function diagnosticLine(d: Diagnostic): string {
  return RULES[d.ruleId]
    ? `${formatDiagnostic(d)} [${ruleLink(d.ruleId, rulesDocumentFromCwd())}]`
    : formatDiagnostic(d);
}

/**
 * Attach findings to a construct: errors as error annotations, warnings as warning annotations, less the ones
 * acknowledged on it or above it (warnings, and errors the catalogue marks acknowledgeable), which come back
 * (with their reasons) for the report.
 */
export function attachDiagnostics(
  scope: Construct,
  diagnostics: readonly Diagnostic[],
  unresolved: readonly string[],
): { readonly diagnostic: Diagnostic; readonly reason: string }[] {
  const covering = PlanAcknowledgements.covering(scope);
  const acknowledged: { diagnostic: Diagnostic; reason: string }[] = [];
  const shown = diagnostics.filter((d) => {
    const hit = isAcknowledgeable(d) ? covering.find((c) => c.ack.ruleId === d.ruleId) : undefined;
    if (hit) {
      acknowledged.push({ diagnostic: d, reason: hit.ack.reason.trim() });
    }
    return !hit;
  });
  // Annotations as cdktf prints them, without the stack trace Annotations.of() captures (with an unlimited
  // depth): the message names the construct path already, the cdktf CLI prints an error annotation's trace under
  // it (cli-core synth.ts, printAnnotations), and a trace per finding is the costliest part of a synth under jest
  // with source maps.
  for (const d of shown) {
    if (d.severity === Severity.ERROR) {
      scope.node.addMetadata(AnnotationMetadataEntryType.ERROR, diagnosticLine(d));
    }
  }
  for (const d of shown) {
    if (d.severity === Severity.WARN) {
      scope.node.addMetadata(AnnotationMetadataEntryType.WARN, diagnosticLine(d));
    }
  }
  markPrinted(scope);
  if (unresolved.length > 0) {
    const shown =
      unresolved.slice(0, 10).join(", ") +
      (unresolved.length > 10 ? ` and ${unresolved.length - 10} more` : "");
    scope.node.addMetadata(
      AnnotationMetadataEntryType.INFO,
      `${unresolved.length} value${unresolved.length === 1 ? " is" : "s are"} not known until apply (${shown}); the IP-plan rules that need ${unresolved.length === 1 ? "it were" : "them were"} skipped at synth.`,
    );
  }
  return acknowledged;
}

/**
 * Replace findings of a construct by the same findings checked against more of the plan (the appliance and the
 * Supervisor are built after the network): a proposed fix that another side refuses is replaced or left out. The
 * list is changed in place (the report holds it), and so is the annotation each finding was attached as.
 * Acknowledged findings stay as they were.
 */
export function reviseDiagnostics(
  scope: Construct,
  current: Diagnostic[],
  revised: readonly Diagnostic[],
  acknowledged: readonly { readonly diagnostic: Diagnostic }[],
): void {
  const kept = new Set(acknowledged.map((a) => a.diagnostic));
  current.forEach((d, i) => {
    const r = revised[i];
    if (!r || kept.has(d) || r.ruleId !== d.ruleId || r.path !== d.path || r.message === d.message) {
      return;
    }
    const line = diagnosticLine(d);
    // constructs 10 hands out its metadata entries themselves (Node.metadata copies the array, not the entries).
    const entry = scope.node.metadata.find((m) => m.data === line) as { data: unknown } | undefined;
    if (entry) {
      entry.data = diagnosticLine(r);
    }
    current[i] = r;
  });
}
