/**
 * The catalogue is the code: it is built from the rule units found under this folder, one file per rule id,
 * grouped by family, not from a hand-kept list. A unit's file name is its id; the engine runs families in the
 * order below and, within a family, rules by number.
 */
import * as fs from "fs";
import * as path from "path";
import { Severity } from "../model/diagnostics";
import { PlanRule } from "./rule";

/** The families, in the order the engine runs them and the catalogue lists them. */
export const FAMILIES = [
  { folder: "input", prefix: "IP", title: "Input form" },
  { folder: "network", prefix: "NET", title: "Port groups and workload networks" },
  { folder: "vip", prefix: "VIP", title: "HAProxy virtual IPs" },
  { folder: "appliance", prefix: "HAP", title: "HAProxy appliance" },
  { folder: "foundation", prefix: "VFL", title: "vSphere Foundation Load Balancer" },
  { folder: "supervisor", prefix: "SUP", title: "Supervisor enablement" },
  { folder: "secrets", prefix: "SEC", title: "Secrets" },
  { folder: "fleet", prefix: "FLT", title: "Across sites" },
] as const;

const UNIT_FILE = /^([A-Z]+-\d+)\.(js|ts)$/;

function loadUnits(): PlanRule[] {
  const units: PlanRule[] = [];
  for (const family of FAMILIES) {
    const dir = path.join(__dirname, family.folder);
    if (!fs.existsSync(dir)) {
      continue;
    }
    const ids = fs
      .readdirSync(dir)
      .map((f) => UNIT_FILE.exec(f))
      .filter((m): m is RegExpExecArray => m !== null && !m[0].endsWith(".d.ts"))
      .map((m) => ({ id: m[1], file: m[0] }))
      .sort((a, b) => Number(a.id.split("-")[1]) - Number(b.id.split("-")[1]));
    for (const { id, file } of ids) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const unit = (require(path.join(dir, file)) as { default: PlanRule }).default;
      if (unit?.id !== id || !id.startsWith(`${family.prefix}-`)) {
        throw new Error(
          `internal: rule unit ${family.folder}/${file} declares id ${JSON.stringify(unit?.id)}`,
        );
      }
      units.push(unit);
    }
  }
  return units;
}

/** Every rule unit, in the order the engine runs them. */
export const RULE_UNITS: readonly PlanRule[] = loadUnits();

/** One entry of the catalogue. */
export interface RuleInfo {
  /** The rule id, e.g. `VIP-01`. */
  readonly id: string;
  /** Errors fail synthesis; warnings are printed and can be acknowledged. */
  readonly severity: Severity;
  /** True for a warning, and for an error that an acknowledgement with a reason lets through (HAP-10). */
  readonly acknowledgeable: boolean;
  /** One sentence: what must hold. */
  readonly summary: string;
  /** Why the rule exists, with its source. */
  readonly why: string;
  /** A value that breaks the rule and the nearest one that passes. */
  readonly example: RuleExample;
}

/** A value that breaks a rule and the nearest one that passes. */
export interface RuleExample {
  /** A value that breaks the rule. */
  readonly failing: string;
  /** The nearest value that passes. */
  readonly passing: string;
}

/** The catalogue of every rule the engine checks, by id. */
export const RULES: Readonly<Record<string, RuleInfo>> = Object.fromEntries(
  RULE_UNITS.map((u) => [
    u.id,
    {
      id: u.id,
      severity: u.severity,
      acknowledgeable: u.severity === Severity.WARN || u.acknowledgeable === true,
      summary: u.summary,
      why: u.why,
      example: u.example,
    },
  ]),
);

/**
 * True when an acknowledgement with a reason lets a finding through: every warning, and the errors of the
 * catalogue's rules marked acknowledgeable (a site rule's error never).
 */
export function isAcknowledgeable(finding: {
  readonly ruleId: string;
  readonly severity: Severity;
}): boolean {
  return finding.severity === Severity.WARN || RULES[finding.ruleId]?.acknowledgeable === true;
}

/** The family a rule id belongs to. */
export function familyOf(id: string): (typeof FAMILIES)[number] | undefined {
  return FAMILIES.find((f) => id.startsWith(`${f.prefix}-`));
}

/** The catalogue of every rule the engine checks, for every language of the construct library. */
export class RuleCatalogue {
  /** Every rule, in the order the engine runs them. */
  public static all(): RuleInfo[] {
    return Object.values(RULES);
  }

  /**
   * The rule of an id (`VIP-01`).
   * @returns undefined for an id that is not in the catalogue (site rules are not)
   */
  public static find(id: string): RuleInfo | undefined {
    return RULES[id];
  }

  private constructor() {}
}
