/**
 * Rules of a site's own ("VIP CIDRs at most /26", "VLANs 100–199", "port group names start with tkg-"), run in
 * the same pass as the catalogue's, reported in the same line format, with ids in the site's own namespace.
 */
import safeRegex from "safe-regex2";
import { Severity } from "../model/diagnostics";
import { contains, formatCidr, parseCidr, quote } from "../model/ip";
import { NetworkPlan } from "../model/plan";
import { PropsError } from "../model/props-error";
import type { HaproxyPlan } from "./engine";

/**
 * Where a site rule reports a finding: the prop path of the offending value, the message (what is wrong, quoting
 * the value, then the fix) and, optionally, other values for the fix, tried in order when the first does not
 * pass. A check written in TypeScript may also call it as a function: `report(path, message)` is
 * `report.report(path, message)`; in other languages call `report`.
 */
export interface ISiteRuleReporter {
  /** TypeScript: report as a function call. */
  (path: string, message: string, alternatives?: string[]): void;
  /**
   * Report one finding of the rule.
   * @param path the prop path of the offending value, e.g. `virtualIpCidrs[0]`
   * @param message what is wrong, quoting the value, then how to fix it
   * @param alternatives other values for the fix the message proposes
   */
  report(path: string, message: string, alternatives?: string[]): void;
}

/** What every site rule declares: its id, severity and summary. */
export interface SiteRuleProps {
  /** The id, in your own namespace: `NAME-<number>` (e.g. `ACME-01`); the catalogue's prefixes are taken. */
  readonly id: string;
  /** Errors fail synthesis; warnings are printed. */
  readonly severity: Severity;
  /** One sentence: what must hold. */
  readonly summary: string;
  /**
   * Why the rule exists.
   * @default - none given
   */
  readonly why?: string;
}

/**
 * A rule of your own: the same shape as the catalogue's, checked over the parsed plan in the same pass. Override
 * `checkNetwork`, `checkHaproxy` or both; each reports its findings through the reporter it is given. In
 * TypeScript an object literal with these members is a site rule too:
 * `{ id: "ACME-10", severity: Severity.ERROR, summary: "…", checkHaproxy: (network, haproxy, report) => … }`.
 * In Python: `class NoDefaultMode(SiteRule)` calling `super().__init__(id="ACME-10", severity=…, summary=…)`.
 */
export abstract class SiteRule {
  /** The id, in your own namespace: `NAME-<number>` (e.g. `ACME-01`); the catalogue's prefixes are taken. */
  public readonly id: string;
  /** Errors fail synthesis; warnings are printed. */
  public readonly severity: Severity;
  /** One sentence: what must hold. */
  public readonly summary: string;
  /**
   * Why the rule exists.
   * @default - none given
   */
  public readonly why?: string;

  /** A rule with the given id, severity, summary and why (the id is checked when the rule is used: CFG-03). */
  constructor(props: SiteRuleProps) {
    this.id = props.id;
    this.severity = props.severity;
    this.summary = props.summary;
    this.why = props.why;
  }

  /**
   * The check on the network side of the plan (not run when not overridden).
   * @param network the parsed network plan
   * @param report where findings go
   */
  public checkNetwork?(network: NetworkPlan, report: ISiteRuleReporter): void;

  /**
   * The check on the HAProxy side of the plan (not run when not overridden).
   * @param network the parsed network plan
   * @param haproxy the parsed HAProxy plan
   * @param report where findings go
   */
  public checkHaproxy?(network: NetworkPlan, haproxy: HaproxyPlan, report: ISiteRuleReporter): void;
}

/** A ready-made rule of `SiteRules`: its checks given as functions. */
class ReadyMadeSiteRule extends SiteRule {
  constructor(
    props: SiteRuleProps,
    checks: {
      network?: (network: NetworkPlan, report: ISiteRuleReporter) => void;
      haproxy?: (network: NetworkPlan, haproxy: HaproxyPlan, report: ISiteRuleReporter) => void;
    },
  ) {
    super(props);
    if (checks.network) this.checkNetwork = checks.network;
    if (checks.haproxy) this.checkHaproxy = checks.haproxy;
  }
}

const SITE_ID = /^[A-Z][A-Z0-9]*-\d{1,4}$/;
const TAKEN = ["IP", "NET", "VIP", "HAP", "SUP", "SEC", "CFG", "ACK"];

/** Why a site rule id cannot be used, or undefined when it can. */
export function siteRuleIdProblem(id: unknown): string | undefined {
  if (typeof id !== "string" || !SITE_ID.test(id)) {
    return `site rule id ${quote(id)} is not of the form NAME-<number> (e.g. "ACME-01")`;
  }
  const prefix = id.split("-")[0];
  if (TAKEN.includes(prefix)) {
    return `site rule id ${quote(id)} uses the catalogue's prefix ${prefix}-; use your own (e.g. "ACME-01")`;
  }
  return undefined;
}

/** Why site rules cannot be used together: ids that are not site rule ids, and ids given twice (by index). */
export function siteRuleListProblems(ids: readonly unknown[]): { index: number; problem: string }[] {
  const out: { index: number; problem: string }[] = [];
  const first = new Map<string, number>();
  ids.forEach((id, index) => {
    const problem = siteRuleIdProblem(id);
    if (problem) {
      out.push({ index, problem });
      return;
    }
    const earlier = first.get(id as string);
    if (earlier !== undefined) {
      out.push({
        index,
        problem: `site rule id ${quote(id)} is already the id of site rule [${earlier}]; every site rule needs its own id (findings and acknowledgements name it). Give this one another, e.g. ${quote(freeId(id as string, ids))}`,
      });
      return;
    }
    first.set(id as string, index);
  });
  return out;
}

/** The next id of the same prefix that none of `ids` uses (`ACME-01` → `ACME-02`). */
function freeId(id: string, ids: readonly unknown[]): string {
  const [prefix, digits] = id.split("-");
  for (let n = Number(digits) + 1; ; n++) {
    const candidate = `${prefix}-${String(n).padStart(digits.length, "0")}`;
    if (!ids.includes(candidate)) return candidate;
  }
}

/** Why a `maxVipPrefix` cannot be used, or undefined when it can: a prefix length from 0 to 32. */
export function maxVipPrefixProblem(prefix: unknown): string | undefined {
  return typeof prefix === "number" && Number.isInteger(prefix) && prefix >= 0 && prefix <= 32
    ? undefined
    : `${quote(prefix)} is not a prefix length from 0 to 32, e.g. 26`;
}

/** Why a `vlanRange` cannot be used, or undefined when it can: lowest and highest VLAN ids within 0–4094. */
export function vlanRangeProblem(min: unknown, max: unknown): string | undefined {
  const vlan = (v: unknown): v is number =>
    typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 4094;
  return vlan(min) && vlan(max) && min <= max
    ? undefined
    : `${quote([min, max])} is not [lowest, highest] VLAN ids within 0–4094, e.g. [100, 199]`;
}

/**
 * Why a port group name pattern cannot be used, or undefined when it can: it must be a JavaScript regular
 * expression, and one without nested quantifiers such as `([a-z0-9]+-?)*` or `(a+)+`, on which the regular
 * expression engine can backtrack for longer than any run takes (a name of 40 characters that almost matches
 * never finishes). Refused before it is run, with the star-height check of fastify's `safe-regex2`.
 */
export function portGroupNamePatternProblem(pattern: unknown): string | undefined {
  if (typeof pattern !== "string") {
    return `${quote(pattern)} is not a regular expression, e.g. "^tkg-"`;
  }
  try {
    new RegExp(pattern);
  } catch (e) {
    const why = (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, "");
    return `${quote(pattern)} is not a regular expression (${why}), e.g. "^tkg-"`;
  }
  if (!safeRegex(pattern)) {
    const safer = saferPattern(pattern);
    return `${quote(pattern)} nests a repeated part inside another (such as \`(a+)*\`): on a name that almost matches, checking it can take longer than any run (catastrophic backtracking), so it is not run. ${safer !== undefined ? `Use a pattern without nesting, e.g. ${quote(safer)}` : 'Write it without a repeated group that holds a repetition, e.g. "^tkg-[a-z0-9-]*$"'}`;
  }
  return undefined;
}

/**
 * A pattern without the nesting: each repeated group whose content repeats too, `(…)*` or `(…)+`, becomes one
 * character class of everything the group matches, `[…]*` or `[…]+` (it accepts a little more, never less).
 * Undefined when a group holds more than character classes and plain characters.
 */
function saferPattern(pattern: string): string | undefined {
  let current = pattern;
  for (let i = 0; i < 10 && !safeRegex(current); i++) {
    const next = current.replace(/\((?:\?:)?([^()\\|]*)\)([*+])/, (whole, body: string, outer: string) => {
      if (!/[*+{]/.test(body)) return whole;
      const classes = [...body.matchAll(/\[(\^?)([^\]]*)\]/g)];
      if (classes.some((c) => c[1] === "^")) return whole;
      const literals = body.replace(/\[[^\]]*\]/g, "").replace(/[*+?]|\{\d+(,\d*)?\}/g, "");
      if (/[.^$]/.test(literals)) return whole;
      const members = [...classes.map((c) => c[2].replace(/-$/, "")), ...new Set(literals)].join("");
      const dash = /-/.test(literals) || classes.some((c) => c[2].endsWith("-")) ? "-" : "";
      return `[${members.replace(/-/g, (d, at: number, all: string) => (at > 0 && at < all.length - 1 ? d : ""))}${dash}]${outer}`;
    });
    if (next === current) return undefined;
    current = next;
  }
  return safeRegex(current) ? current : undefined;
}

/** Throw one frameless CFG-03 error for the problems of a factory's arguments. */
function refuse(factory: string, id: unknown, problems: [string, string | undefined][]): void {
  const found = problems.filter((p): p is [string, string] => p[1] !== undefined);
  if (found.length > 0) {
    throw new PropsError(
      `SiteRules.${factory}(${quote(id)}, …)`,
      found.map(([argument, problem]) => `CFG-03 ${argument}: ${problem}.`),
    );
  }
}

/** Ready-made site rules, the same ones the site file offers. */
export class SiteRules {
  /**
   * VIP CIDRs at most a /`prefix` block each (e.g. 26: no VIP CIDR larger than 64 addresses).
   * @throws PropsError (CFG-03) for an id that is not a site rule id or a prefix outside 0–32.
   */
  public static maxVipPrefix(id: string, prefix: number, severity: Severity = Severity.ERROR): SiteRule {
    refuse("maxVipPrefix", id, [
      ["id", siteRuleIdProblem(id)],
      ["prefix", maxVipPrefixProblem(prefix)],
    ]);
    return new ReadyMadeSiteRule(
      { id, severity, summary: `VIP CIDRs are /${prefix} or smaller blocks.` },
      {
        haproxy: (_network, haproxy, report) => {
          for (const v of haproxy.virtualIps) {
            if (v.cidr.prefix < prefix) {
              report(
                v.path,
                `VIP CIDR ${quote(formatCidr(v.cidr))} is a /${v.cidr.prefix}; this site allows /${prefix} or smaller. Split it into /${prefix} blocks.`,
              );
            }
          }
        },
      },
    );
  }

  /**
   * VLAN ids of created port groups from `min` to `max`.
   * @throws PropsError (CFG-03) for an id that is not a site rule id or a range that is not within 0–4094.
   */
  public static vlanRange(
    id: string,
    min: number,
    max: number,
    severity: Severity = Severity.ERROR,
  ): SiteRule {
    refuse("vlanRange", id, [
      ["id", siteRuleIdProblem(id)],
      ["min, max", vlanRangeProblem(min, max)],
    ]);
    return new ReadyMadeSiteRule(
      { id, severity, summary: `Port group VLAN ids are from ${min} to ${max}.` },
      {
        network: (network, report) => {
          for (const pg of network.portGroups) {
            const vlan = pg.props.vlanId;
            if (typeof vlan === "number" && (vlan < min || vlan > max)) {
              report(
                `${pg.path}.vlanId`,
                `VLAN id ${vlan} of port group ${quote(pg.name)} is outside this site's range ${min}–${max}. Use a VLAN of that range.`,
              );
            }
          }
        },
      },
    );
  }

  /**
   * Names of created port groups match `pattern` (a JavaScript regular expression, e.g. `^tkg-`).
   * @throws PropsError (CFG-03) for an id that is not a site rule id, a pattern that is not a regular
   * expression, or one that can backtrack catastrophically (a repeated group holding a repetition, `(a+)+`).
   */
  public static portGroupNamePattern(
    id: string,
    pattern: string,
    severity: Severity = Severity.ERROR,
  ): SiteRule {
    refuse("portGroupNamePattern", id, [
      ["id", siteRuleIdProblem(id)],
      ["pattern", portGroupNamePatternProblem(pattern)],
    ]);
    const re = new RegExp(pattern);
    return new ReadyMadeSiteRule(
      { id, severity, summary: `Names of created port groups match ${quote(pattern)}.` },
      {
        network: (network, report) => {
          for (const pg of network.portGroups) {
            if (pg.props.existingNetworkId === undefined && !re.test(pg.name)) {
              report(
                `${pg.path}.name`,
                `port group name ${quote(pg.name)} does not match this site's pattern ${quote(pattern)}.`,
              );
            }
          }
        },
      },
    );
  }

  /**
   * Every port group subnet and VIP CIDR lies inside one of `cidrs`.
   * @throws PropsError (CFG-03) for an id that is not a site rule id or an entry that is not a CIDR.
   */
  public static allowedSubnets(id: string, cidrs: string[], severity: Severity = Severity.ERROR): SiteRule {
    const parsed = (Array.isArray(cidrs) ? cidrs : []).map((c) => parseCidr(c));
    refuse("allowedSubnets", id, [
      ["id", siteRuleIdProblem(id)],
      ...(Array.isArray(cidrs)
        ? []
        : [["cidrs", `${quote(cidrs)} is not a list of CIDRs`] as [string, string]]),
      ...parsed.map((r, i): [string, string | undefined] => [
        `cidrs[${i}]`,
        r.ok ? undefined : `${quote(cidrs[i])} ${r.reason}`,
      ]),
    ]);
    const allowed = parsed.flatMap((r) => (r.ok ? [r.value] : []));
    const inside = (block: { first: number; last: number }) => allowed.some((a) => contains(a, block));
    const list = cidrs.map((c) => quote(c)).join(", ");
    return new ReadyMadeSiteRule(
      { id, severity, summary: `Subnets and VIP CIDRs lie inside ${cidrs.join(", ")}.` },
      {
        network: (network, report) => {
          for (const pg of network.portGroups) {
            if (pg.cidr && !inside(pg.cidr)) {
              report(
                `${pg.path}.cidr`,
                `CIDR ${quote(formatCidr(pg.cidr))} of port group ${quote(pg.name)} is outside this site's address space (${list}).`,
              );
            }
          }
        },
        haproxy: (_network, haproxy, report) => {
          for (const v of haproxy.virtualIps) {
            if (!inside(v.cidr)) {
              report(
                v.path,
                `VIP CIDR ${quote(formatCidr(v.cidr))} is outside this site's address space (${list}).`,
              );
            }
          }
        },
      },
    );
  }
}
