/**
 * How constructs surface the engine's findings: errors as construct validations (so one synth lists every
 * problem of every construct, each prefixed with its construct path), warnings as warning annotations, and
 * values unknown until apply as one info annotation.
 */
import { Annotations, Token } from "cdktf";
import { Construct } from "constructs";
import { Diagnostic, formatDiagnostic, Severity } from "./diagnostics";
import { CheckOptions } from "./plan";

/** Engine options for values that may be cdktf tokens. */
export const TOKEN_AWARE: CheckOptions = { isUnresolved: (v) => Token.isUnresolved(v) };

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
  for (const d of diagnostics) {
    if (d.severity === Severity.WARN) {
      Annotations.of(scope).addWarning(formatDiagnostic(d));
    }
  }
  if (unresolved.length > 0) {
    const shown =
      unresolved.slice(0, 10).join(", ") +
      (unresolved.length > 10 ? ` and ${unresolved.length - 10} more` : "");
    Annotations.of(scope).addInfo(
      `${unresolved.length} value${unresolved.length === 1 ? " is" : "s are"} not known until apply (${shown}); the IP-plan rules that need ${unresolved.length === 1 ? "it were" : "them were"} skipped at synth.`,
    );
  }
}
