/**
 * Rules of a site's own ("VIP CIDRs at most /26", "VLANs 100–199", "port group names start with tkg-"), run in
 * the same pass as the catalogue's, reported in the same line format, with ids in the site's own namespace.
 */
import { Severity } from "../model/diagnostics";
import { contains, formatCidr, parseCidr, quote } from "../model/ip";
import { NetworkPlan } from "../model/plan";
import type { HaproxyPlan } from "./engine";
import { Report } from "./rule";

/** A rule of your own: the same shape as the catalogue's, checked over the parsed plan. */
export interface SiteRule {
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
  /** The check on the network side of the plan. */
  readonly checkNetwork?: (network: NetworkPlan, report: Report) => void;
  /** The check on the HAProxy side of the plan. */
  readonly checkHaproxy?: (network: NetworkPlan, haproxy: HaproxyPlan, report: Report) => void;
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

/** Ready-made site rules, the same ones the site file offers. */
export class SiteRules {
  /** VIP CIDRs at most a /`prefix` block each (e.g. 26: no VIP CIDR larger than 64 addresses). */
  public static maxVipPrefix(id: string, prefix: number, severity: Severity = Severity.ERROR): SiteRule {
    return {
      id,
      severity,
      summary: `VIP CIDRs are /${prefix} or smaller blocks.`,
      checkHaproxy: (_network, haproxy, report) => {
        for (const v of haproxy.virtualIps) {
          if (v.cidr.prefix < prefix) {
            report(
              v.path,
              `VIP CIDR ${quote(formatCidr(v.cidr))} is a /${v.cidr.prefix}; this site allows /${prefix} or smaller. Split it into /${prefix} blocks.`,
            );
          }
        }
      },
    };
  }

  /** VLAN ids of created port groups from `min` to `max`. */
  public static vlanRange(
    id: string,
    min: number,
    max: number,
    severity: Severity = Severity.ERROR,
  ): SiteRule {
    return {
      id,
      severity,
      summary: `Port group VLAN ids are from ${min} to ${max}.`,
      checkNetwork: (network, report) => {
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
    };
  }

  /** Names of created port groups match `pattern` (a regular expression, e.g. `^tkg-`). */
  public static portGroupNamePattern(
    id: string,
    pattern: string,
    severity: Severity = Severity.ERROR,
  ): SiteRule {
    const re = new RegExp(pattern);
    return {
      id,
      severity,
      summary: `Names of created port groups match ${quote(pattern)}.`,
      checkNetwork: (network, report) => {
        for (const pg of network.portGroups) {
          if (pg.props.existingNetworkId === undefined && !re.test(pg.name)) {
            report(
              `${pg.path}.name`,
              `port group name ${quote(pg.name)} does not match this site's pattern ${quote(pattern)}.`,
            );
          }
        }
      },
    };
  }

  /** Every port group subnet and VIP CIDR lies inside one of `cidrs`. */
  public static allowedSubnets(
    id: string,
    cidrs: readonly string[],
    severity: Severity = Severity.ERROR,
  ): SiteRule {
    const allowed = cidrs.map((c) => {
      const r = parseCidr(c);
      if (!r.ok) {
        throw new Error(`SiteRules.allowedSubnets(${JSON.stringify(id)}): ${JSON.stringify(c)} ${r.reason}.`);
      }
      return r.value;
    });
    const inside = (block: { first: number; last: number }) => allowed.some((a) => contains(a, block));
    const list = cidrs.map((c) => quote(c)).join(", ");
    return {
      id,
      severity,
      summary: `Subnets and VIP CIDRs lie inside ${cidrs.join(", ")}.`,
      checkNetwork: (network, report) => {
        for (const pg of network.portGroups) {
          if (pg.cidr && !inside(pg.cidr)) {
            report(
              `${pg.path}.cidr`,
              `CIDR ${quote(formatCidr(pg.cidr))} of port group ${quote(pg.name)} is outside this site's address space (${list}).`,
            );
          }
        }
      },
      checkHaproxy: (_network, haproxy, report) => {
        for (const v of haproxy.virtualIps) {
          if (!inside(v.cidr)) {
            report(
              v.path,
              `VIP CIDR ${quote(formatCidr(v.cidr))} is outside this site's address space (${list}).`,
            );
          }
        }
      },
    };
  }
}
