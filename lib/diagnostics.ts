/**
 * Rule ids and diagnostics of the IP-plan checks. Pure: no constructs.
 *
 * Rule ids are API: they are quoted by error messages, docs and tests, and never renumbered or reused.
 */

/** How serious a finding is: errors fail synthesis, warnings are reported and let it continue. */
export enum Severity {
  /** The plan cannot work as written; synthesis fails. */
  ERROR = "error",
  /** The plan works but is not what vSphere or the appliance recommends. */
  WARN = "warn",
}

/** One entry of the rule catalogue. */
export interface RuleInfo {
  readonly id: string;
  readonly severity: Severity;
  readonly summary: string;
}

const E = Severity.ERROR;
const W = Severity.WARN;

/** The catalogue of every rule the engine checks, by id. */
export const RULES: Readonly<Record<string, RuleInfo>> = Object.fromEntries(
  (
    [
      ["IP-01", E, "Every address is a four-part decimal IPv4 address."],
      ["IP-02", E, "Every CIDR is a.b.c.d/n with 0 ≤ n ≤ 32 and no host bits."],
      ["IP-03", E, "Every address range is first-last, both IPv4, first ≤ last."],
      [
        "NET-01",
        E,
        "A port group's gateway lies inside its CIDR and is neither its network nor broadcast address.",
      ],
      [
        "NET-02",
        E,
        "Workload network ranges lie inside their port group's CIDR, clear of network, broadcast and gateway.",
      ],
      [
        "NET-03",
        E,
        "Different port groups have non-overlapping CIDRs (management, workload, frontend differ).",
      ],
      ["NET-04", E, "No two workload network address ranges overlap."],
      ["NET-05", E, "The primary workload network's ranges hold at least 3 addresses."],
      ["NET-06", E, "Port group definitions are consistent; VLAN 0–4094; created or existing, not both."],
      ["NET-07", E, "Workload network names are unique DNS labels."],
      [
        "NET-08",
        E,
        "The Supervisor management block lies in the management CIDR, clear of gateway, HAProxy and VIPs.",
      ],
      ["VIP-01", E, "No VIP CIDR contains a gateway of any port group."],
      ["VIP-02", E, "No VIP CIDR overlaps a workload network address range."],
      [
        "VIP-03",
        E,
        "No VIP CIDR contains an HAProxy address, a nameserver or a Supervisor management address.",
      ],
      ["VIP-04", E, "VIP CIDRs do not overlap each other."],
      ["VIP-05", W, "A VIP CIDR lies inside the subnet of the NIC that serves it."],
      [
        "VIP-06",
        W,
        "A VIP block holding a subnet's network or broadcast address is handed to the Supervisor without them.",
      ],
      ["HAP-01", E, "Frontend mode needs a frontend port group and IP; default mode takes neither."],
      [
        "HAP-02",
        E,
        "Each HAProxy address lies in its port group's CIDR, clear of reserved and workload addresses.",
      ],
      ["HAP-03", E, "The workload network named for the HAProxy workload NIC exists."],
      ["HAP-04", E, "At most 3 nameservers, each IPv4."],
      ["HAP-05", E, "Data Plane API port 1–65535; literal passwords 6–128 characters; user non-empty."],
      ["HAP-06", E, "A supplied CA has certificate and key, the key in PKCS#8 form."],
      [
        "HAP-07",
        W,
        "Frontend mode is recommended for production; the HAProxy workload network should be /24 or larger.",
      ],
      [
        "HAP-08",
        E,
        "Workload networks on other port groups than the appliance's need appliance release v0.2.0 or later.",
      ],
      ["HAP-09", E, "A provider release that needs it for OVF deploys (2.5.1 and earlier) gets a host."],
      [
        "HAP-10",
        W,
        "A provider release from 2.6.0 on recreates the OVA's NICs, so the appliance's interfaces are renamed.",
      ],
      ["SEC-01", W, "A literal password lands in plain text in the synthesized configuration."],
    ] as [string, Severity, string][]
  ).map(([id, severity, summary]) => [id, { id, severity, summary }]),
);

/** One finding about a plan. */
export interface Diagnostic {
  /** The catalogue id, e.g. `VIP-01`. */
  readonly ruleId: string;
  readonly severity: Severity;
  /** The prop path of the offending value, e.g. `virtualIpCidrs[0]`. */
  readonly path: string;
  /** What is wrong, quoting the value(s), then how to fix it. */
  readonly message: string;
}

/** Build a diagnostic with the catalogue severity of its rule. */
export function diag(ruleId: string, path: string, message: string): Diagnostic {
  const rule = RULES[ruleId];
  if (!rule) {
    throw new Error(`internal: unknown rule id ${ruleId}`);
  }
  return { ruleId, severity: rule.severity, path, message };
}

/** The one-line form every report uses: `RULE-ID path: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.ruleId} ${d.path}: ${d.message}`;
}

/** Split findings by severity. */
export function errorsOf(ds: readonly Diagnostic[]): Diagnostic[] {
  return ds.filter((d) => d.severity === Severity.ERROR);
}

/** Warnings only. */
export function warningsOf(ds: readonly Diagnostic[]): Diagnostic[] {
  return ds.filter((d) => d.severity === Severity.WARN);
}
