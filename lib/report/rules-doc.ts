/**
 * The rule catalogue as a document (`docs/rules.md`), generated from the rule units so that it cannot drift.
 * Pure.
 */
import { Severity } from "../model/diagnostics";
import { FAMILIES, familyOf, RULE_UNITS } from "../rules/catalogue";

/** The catalogue's path in this repository and in the installed package (package.json "files" ships it). */
export const RULES_DOCUMENT = "docs/rules.md";

/**
 * Where a rule's entry is: the catalogue's path (default: relative to the package root) and the rule's anchor,
 * `docs/rules.md#vip-01`. Every `### <ID>` heading of the catalogue is such an anchor.
 */
export function ruleLink(id: string, document: string = RULES_DOCUMENT): string {
  return `${document}#${id.toLowerCase()}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The catalogue document: every rule with its severity, summary, why and an example. */
export function renderRulesDoc(): string {
  const lines = [
    "# Rule catalogue",
    "",
    "Generated from the rule units in `lib/rules/<family>/<ID>.ts` by `npm run docs:rules`; CI fails when this",
    "file and the units disagree. Rule ids are API: never renumbered or reused. Errors fail synthesis; warnings",
    "are printed and can be acknowledged with a reason (see the README, _Acknowledging a warning_).",
    "",
  ];
  for (const family of FAMILIES) {
    const units = RULE_UNITS.filter((u) => familyOf(u.id) === family);
    if (units.length === 0) {
      continue;
    }
    lines.push(`## ${family.title}`, "", "| id | severity | rule |", "|---|---|---|");
    for (const u of units) {
      lines.push(
        `| [${u.id}](#${u.id.toLowerCase()}) | ${u.severity === Severity.ERROR ? "error" : "warning"} | ${cell(u.summary)} |`,
      );
    }
    lines.push("");
    for (const u of units) {
      lines.push(
        `### ${u.id}`,
        "",
        `**${u.severity === Severity.ERROR ? "error" : "warning"}** — ${u.summary}`,
        "",
        `Why: ${u.why}`,
        "",
        `- fails: ${u.example.failing}`,
        `- passes: ${u.example.passing}`,
        "",
      );
    }
  }
  return lines.join("\n");
}
