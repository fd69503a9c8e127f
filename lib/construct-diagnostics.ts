/**
 * How constructs surface the engine's findings: errors as construct validations (so one synth lists every
 * problem of every construct, each prefixed with its construct path), warnings as warning annotations, and
 * values unknown until apply as one info annotation.
 */
import { AnnotationMetadataEntryType, Token } from "cdktf";
import { Construct } from "constructs";
import { Diagnostic, formatDiagnostic, Severity } from "./diagnostics";
import { CheckOptions } from "./plan";

/** Engine options for values that may be cdktf tokens. */
export const TOKEN_AWARE: CheckOptions = {
  // A string holds a token only with cdktf's marker in it: skip the full check for plain text (hot path).
  isUnresolved: (v) =>
    typeof v === "string" ? v.includes("TfToken[") && Token.isUnresolved(v) : Token.isUnresolved(v),
};

/** Attach findings to a construct. */
export function attachDiagnostics(
  scope: Construct,
  diagnostics: readonly Diagnostic[],
  unresolved: readonly string[],
): void {
  const errors = diagnostics.filter((d) => d.severity === Severity.ERROR).map(formatDiagnostic);
  if (errors.length > 0) {
    scope.node.addValidation({ validate: () => errors });
  }
  // Warnings and the info are construct annotations as cdktf prints them, without the stack trace that
  // Annotations.of() captures (with an unlimited depth): the message names the construct path already, and
  // a trace per finding is the costliest part of a synth under jest with source maps.
  for (const d of diagnostics) {
    if (d.severity === Severity.WARN) {
      scope.node.addMetadata(AnnotationMetadataEntryType.WARN, formatDiagnostic(d));
    }
  }
  if (unresolved.length > 0) {
    const shown =
      unresolved.slice(0, 10).join(", ") +
      (unresolved.length > 10 ? ` and ${unresolved.length - 10} more` : "");
    scope.node.addMetadata(
      AnnotationMetadataEntryType.INFO,
      `${unresolved.length} value${unresolved.length === 1 ? " is" : "s are"} not known until apply (${shown}); the IP-plan rules that need ${unresolved.length === 1 ? "it were" : "them were"} skipped at synth.`,
    );
  }
}
