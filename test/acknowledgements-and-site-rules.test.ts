import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import {
  assertValidPlan,
  checkNetworkPlan,
  HaproxyLoadBalancer,
  HaproxyPlan,
  ISiteRuleReporter,
  NetworkPlan,
  HaproxyLoadBalancerProps,
  PlanAcknowledgements,
  planReportFiles,
  Severity,
  SiteRule,
  SiteRules,
  SupervisorWorkloadNetwork,
  SupervisorWorkloadNetworkProps,
} from "../lib";
import { PropsError } from "../lib/constructs/construct-props";
import { builtInSiteFiles } from "../stacks/built-in-sites";
import { checkSiteConfig, loadSiteConfig } from "../lib/site/site-config";
import { synthesizeSites } from "../lib/cli/synth-sites";
import { TopologyStack } from "../lib/site/topology-stack";
import { ruleLines, s13ApplianceProps, s13Network, stackWithProviders, validationError } from "./fixtures";

const REASON = "Lab site: default mode is what we run here, on purpose.";

const t1 = () => JSON.parse(fs.readFileSync(builtInSiteFiles()[0], "utf8")) as Record<string, unknown>;
const write = (value: unknown) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "site-")), "site.json");
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
};

function build(
  net: Partial<SupervisorWorkloadNetworkProps> = {},
  hap: Partial<HaproxyLoadBalancerProps> = {},
  before: (stack: TerraformStack) => void = () => undefined,
) {
  const stack = stackWithProviders();
  before(stack);
  const network = new SupervisorWorkloadNetwork(stack, "network", {
    distributedSwitchUuid: "dvs",
    ...s13Network(),
    ...net,
  });
  const haproxy = new HaproxyLoadBalancer(stack, "haproxy", s13ApplianceProps(network, hap));
  return { stack, network, haproxy };
}

const warningsOf = (c: { node: { metadata: { type: string; data: unknown }[] } }) =>
  c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));

describe("acknowledging a warning", () => {
  test("on the stack, before the constructs: not printed, listed with its reason in the report", () => {
    const { stack, haproxy } = build({}, {}, (s) =>
      PlanAcknowledgements.add(s, [{ ruleId: "HAP-07", reason: REASON }]),
    );
    expect(validationError(stack)).toBe("");
    expect(warningsOf(haproxy).map((w) => w.split(" ")[0])).toEqual(["VIP-06"]);
    expect(haproxy.acknowledged.map((a) => [a.diagnostic.ruleId, a.reason])).toEqual([["HAP-07", REASON]]);
    const md = planReportFiles(stack)["ip-plan.md"];
    expect(md).toContain("## Acknowledged");
    expect(md).toContain(`  - reason: ${REASON}`);
    expect(md.split("## Acknowledged")[0]).not.toContain("HAP-07 mode:");
  });

  test("in the construct's props", () => {
    const { haproxy } = build(
      {},
      {
        acknowledge: [
          { ruleId: "VIP-06", reason: "The Supervisor gets the range without .255, as planned." },
        ],
      },
    );
    expect(warningsOf(haproxy).map((w) => w.split(" ")[0])).toEqual(["HAP-07"]);
  });

  test.each([
    [
      "an error",
      { ruleId: "VIP-01", reason: REASON },
      /VIP-01 is an error, and errors cannot be acknowledged/,
    ],
    ["a reason that is not a sentence", { ruleId: "HAP-07", reason: "ok" }, /give at least a sentence/],
    [
      "an unknown id",
      { ruleId: "nope", reason: REASON },
      /"nope" is neither a rule of the catalogue nor a site rule id/,
    ],
  ])("%s is refused, naming the id", (_what, ack, message) => {
    expect(() => PlanAcknowledgements.add(stackWithProviders(), [ack])).toThrow(message);
  });

  test("after the construct exists, it is refused with the way to do it", () => {
    const { haproxy } = build();
    expect(() => PlanAcknowledgements.add(haproxy, [{ ruleId: "HAP-07", reason: REASON }])).toThrow(
      /acknowledge before test\/haproxy is created/,
    );
  });

  test("an acknowledgement that matches no finding is itself a warning (ACK-01), counted and listed in the report", () => {
    const { stack } = build({}, {}, (s) =>
      PlanAcknowledgements.add(s, [
        { ruleId: "VIP-08", reason: "Our routers route the VIPs back, we checked." },
      ]),
    );
    expect(validationError(stack)).toBe("");
    expect(warningsOf(stack)).toEqual([
      expect.stringMatching(
        /^ACK-01 acknowledge\[0\]: VIP-08 is acknowledged here .* no plan under test has that finding any more/,
      ),
    ]);
    const md = planReportFiles(stack)["ip-plan.md"];
    const findings = md.split("## Findings")[1].split("\n## ")[0];
    expect(findings).toContain("- **warning** ACK-01 acknowledge[0]: VIP-08 is acknowledged here");
    expect(findings).not.toContain("No errors or warnings");
  });
});

describe("ACK-01 from a site file, as from TypeScript", () => {
  test("printed with the warnings in site terms, counted in the summary, listed in the report", () => {
    const cfg = t1();
    cfg.acknowledge = [{ rule: "VIP-08", reason: "Our routers route the VIPs back, we checked." }];
    const file = write(cfg);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "out-")), "o");
    const result = synthesizeSites([file], out);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    // T1's own warnings are VIP-06 and HAP-07; the stale acknowledgement makes a third.
    expect(result.out[0]).toMatch(/^IP plan t1-single-workload-network: .*, 3 warnings -> /);
    expect(result.out.slice(1)).toContain(
      `  warning: ${file}: ACK-01 acknowledge[0]: VIP-08 is acknowledged here ("Our routers route the VIPs back, we checked."), but no plan under t1-single-workload-network has that finding any more. Remove the acknowledgement.`,
    );
    const md = fs.readFileSync(path.join(out, "stacks", "t1-single-workload-network", "ip-plan.md"), "utf8");
    expect(md.split("## Findings")[1].split("\n## ")[0]).toContain(
      "- **warning** ACK-01 acknowledge[0]: VIP-08",
    );
    // The TypeScript path: the same line as a cdktf warning annotation on the stack.
    const stack = new TopologyStack(Testing.app(), loadSiteConfig(file));
    expect(validationError(stack)).toBe("");
    expect(warningsOf(stack)).toEqual([result.out[1].replace(`  warning: ${file}: `, "")]);
  });
});

describe("HAP-10, an error an acknowledgement with a reason lets through", () => {
  const HAP10 = "Checked on this release: ip link shows management, workload.";

  test("unacknowledged, it blocks synthesis and says how to acknowledge it", () => {
    const { stack } = build({}, { vsphereProviderVersion: "2.15.0" });
    expect(ruleLines(validationError(stack))).toEqual([
      expect.stringMatching(
        /^\[test\/haproxy\] HAP-10 vsphereProviderVersion: .*acknowledge HAP-10 with the reason/,
      ),
    ]);
    expect(planReportFiles(stack)["ip-plan.md"]).toContain("This plan has 1 error");
  });

  test.each([
    [
      "on the stack",
      (s: TerraformStack) => PlanAcknowledgements.add(s, [{ ruleId: "HAP-10", reason: HAP10 }]),
      {},
    ],
    ["in the appliance's props", () => undefined, { acknowledge: [{ ruleId: "HAP-10", reason: HAP10 }] }],
  ] as [string, (s: TerraformStack) => void, Partial<HaproxyLoadBalancerProps>][])(
    "acknowledged %s, it blocks nothing and the report lists it with its reason",
    (_where, before, props) => {
      const { stack, haproxy } = build({}, { vsphereProviderVersion: "2.15.0", ...props }, before);
      expect(validationError(stack)).toBe("");
      expect(() => assertValidPlan(stack)).not.toThrow();
      expect(haproxy.acknowledged.map((a) => [a.diagnostic.ruleId, a.reason])).toEqual([["HAP-10", HAP10]]);
      expect(warningsOf(haproxy).map((w) => w.split(" ")[0])).not.toContain("HAP-10");
      expect(warningsOf(stack)).toEqual([]); // no ACK-01: it matched
      const md = planReportFiles(stack)["ip-plan.md"];
      expect(md).not.toContain("This plan has");
      const acknowledged = md.split("## Acknowledged")[1].split("\n## ")[0];
      expect(acknowledged).toContain("- **error, acknowledged** HAP-10 vsphereProviderVersion:");
      expect(acknowledged).toContain(`  - reason: ${HAP10}`);
    },
  );

  test("from a site file, the same: unacknowledged an error at synth, acknowledged a finding of the report", () => {
    const cfg = t1();
    (cfg.vsphere as Record<string, unknown>).providerVersion = "2.15.0";
    const refused = synthesizeSites(
      [write(cfg)],
      path.join(fs.mkdtempSync(path.join(os.tmpdir(), "out-")), "o"),
    );
    expect(refused.code).toBe(1);
    expect(refused.err.slice(0, 3)).toEqual([
      "The site configuration has problems (no Terraform was written):",
      expect.stringMatching(
        /site\.json: HAP-10 vsphere\.providerVersion: .*acknowledge HAP-10 with the reason: "acknowledge": \[\{ "rule": "HAP-10", "reason": "…" \}\] in the site file\./,
      ),
      "Warnings:",
    ]);
    expect(refused.err.filter((l) => l.includes("HAP-10"))).toHaveLength(1);
    cfg.acknowledge = [{ rule: "HAP-10", reason: HAP10 }];
    expect(checkSiteConfig(cfg)).toEqual([]);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "out-")), "o");
    const accepted = synthesizeSites([write(cfg)], out);
    expect(accepted.err).toEqual([]);
    expect(accepted.code).toBe(0);
    const md = fs.readFileSync(path.join(out, "stacks", "t1-single-workload-network", "ip-plan.md"), "utf8");
    expect(md.split("## Acknowledged")[1]).toContain("HAP-10 vsphereProviderVersion:");
  });
});

describe("rules of the site's own", () => {
  test("ready-made rules run in the same pass and fail synth in the same line format", () => {
    const { stack } = build({
      siteRules: [
        SiteRules.maxVipPrefix("ACME-01", 26),
        SiteRules.vlanRange("ACME-02", 200, 299),
        SiteRules.portGroupNamePattern("ACME-03", "^tkg-"),
        SiteRules.allowedSubnets("ACME-04", ["192.168.0.0/16"]),
      ],
    });
    expect(ruleLines(validationError(stack)).sort()).toEqual([
      '[test/haproxy] ACME-01 virtualIpCidrs[0]: VIP CIDR "192.168.120.128/25" is a /25; this site allows /26 or smaller. Split it into /26 blocks.',
      '[test/network] ACME-02 managementNetwork.vlanId: VLAN id 10 of port group "mgmt" is outside this site\'s range 200–299. Use a VLAN of that range.',
      '[test/network] ACME-02 primaryWorkloadNetwork.portGroup.vlanId: VLAN id 120 of port group "wl-120" is outside this site\'s range 200–299. Use a VLAN of that range.',
      '[test/network] ACME-03 managementNetwork.name: port group name "mgmt" does not match this site\'s pattern "^tkg-".',
      '[test/network] ACME-03 primaryWorkloadNetwork.portGroup.name: port group name "wl-120" does not match this site\'s pattern "^tkg-".',
      '[test/network] ACME-04 managementNetwork.cidr: CIDR "10.0.0.0/24" of port group "mgmt" is outside this site\'s address space ("192.168.0.0/16").',
    ]);
  });

  test("a rule object of your own, and the test helper that catches it", () => {
    const noDefaultMode: SiteRule = {
      id: "ACME-10",
      severity: Severity.ERROR,
      summary: "Production sites run the appliance in frontend mode.",
      checkHaproxy: (_network, haproxy, report) => {
        if (haproxy.props.mode !== "frontend")
          report("mode", `mode "${haproxy.props.mode}" is not allowed on this site.`);
      },
    };
    const { stack } = build({ siteRules: [noDefaultMode] });
    expect(() => assertValidPlan(stack)).toThrow(
      /\[test\/haproxy\] ACME-10 mode: mode "default" is not allowed on this site\./,
    );
    const passing = build({ siteRules: [SiteRules.maxVipPrefix("ACME-01", 25)] });
    expect(() => assertValidPlan(passing.stack)).not.toThrow();
  });

  test("a site rule subclass reports through the reporter, called or by its report method", () => {
    class VlanCeiling extends SiteRule {
      constructor(private readonly ceiling: number) {
        super({ id: "ACME-20", severity: Severity.ERROR, summary: "VLAN ids are at most the ceiling." });
      }
      public checkNetwork(network: NetworkPlan, report: ISiteRuleReporter): void {
        for (const pg of network.portGroups) {
          if ((pg.props.vlanId ?? 0) > this.ceiling)
            report(`${pg.path}.vlanId`, `VLAN id ${pg.props.vlanId} is above ${this.ceiling}.`);
        }
      }
      public checkHaproxy(_network: NetworkPlan, haproxy: HaproxyPlan, report: ISiteRuleReporter): void {
        if (haproxy.virtualIps.length > 0)
          report.report(haproxy.virtualIps[0].path, "no VIPs above the ceiling.");
      }
    }
    const { stack } = build({ siteRules: [new VlanCeiling(100)] });
    expect(ruleLines(validationError(stack)).filter((l) => l.includes("ACME-20"))).toEqual([
      "[test/network] ACME-20 primaryWorkloadNetwork.portGroup.vlanId: VLAN id 120 is above 100.",
      "[test/haproxy] ACME-20 virtualIpCidrs[0]: no VIPs above the ceiling.",
    ]);
  });

  test("a check installed as a read-only method (another language's, through jsii) gets the reporter as an object", () => {
    const given: unknown[] = [];
    const rule = new (class extends SiteRule {})({
      id: "ACME-30",
      severity: Severity.WARN,
      summary: "The reporter's form.",
    });
    Object.defineProperty(rule, "checkNetwork", {
      writable: false,
      value: (_network: NetworkPlan, report: ISiteRuleReporter) => {
        given.push(report);
        report.report("managementNetwork.name", "reported by method.");
      },
    });
    const check = checkNetworkPlan(s13Network(), { siteRules: [rule] });
    expect(typeof given[0]).toBe("object");
    expect(check.diagnostics.filter((d) => d.ruleId === "ACME-30")).toEqual([
      {
        ruleId: "ACME-30",
        severity: Severity.WARN,
        path: "managementNetwork.name",
        message: "reported by method.",
      },
    ]);
  });

  test("a site rule id in the catalogue's namespace is refused", () => {
    expect(() => build({ siteRules: [SiteRules.maxVipPrefix("VIP-99", 26)] })).toThrow(
      /uses the catalogue's prefix VIP-/,
    );
  });
});

describe("in the site file", () => {
  test("acknowledge and siteRules work through the app's real path", () => {
    const cfg = t1();
    cfg.acknowledge = [{ rule: "HAP-07", reason: REASON }];
    cfg.siteRules = [{ id: "ACME-01", maxVipPrefix: 26 }];
    const stack = new TopologyStack(Testing.app(), loadSiteConfig(write(cfg)));
    expect(ruleLines(validationError(stack))).toEqual([
      expect.stringMatching(
        /^\[t1-single-workload-network\/haproxy\] ACME-01 virtualIpCidrs\[0\]: VIP CIDR "192\.168\.120\.128\/25" is a \/25/,
      ),
    ]);
    expect(stack.haproxy!.acknowledged.map((a) => a.diagnostic.ruleId)).toEqual(["HAP-07"]);
  });

  test("an error's id, a short reason and a malformed site rule are CFG-03 errors at load", () => {
    const cfg = t1();
    cfg.acknowledge = [
      { rule: "VIP-01", reason: REASON },
      { rule: "HAP-07", reason: "fine" },
    ];
    cfg.siteRules = [{ id: "NET-77", vlanRange: [300, 200] }, { id: "ACME-02" }];
    expect(checkSiteConfig(cfg)).toEqual([
      "CFG-03 acknowledge[0]: VIP-01 is an error, and errors cannot be acknowledged: fix the plan instead (see docs/rules.md#vip-01).",
      'CFG-03 acknowledge[1]: the reason for acknowledging HAP-07 is "fine"; give at least a sentence (20 characters, three words) saying why the finding is accepted here.',
      'CFG-03 siteRules[0].id: site rule id "NET-77" uses the catalogue\'s prefix NET-; use your own (e.g. "ACME-01").',
      "CFG-03 siteRules[0].vlanRange: [300,200] is not [lowest, highest] VLAN ids within 0–4094, e.g. [100, 199].",
      "CFG-03 siteRules[1]: give exactly one of maxVipPrefix, vlanRange, portGroupNamePattern, allowedSubnets (found none).",
    ]);
  });
});

describe("the site-rules example (examples/site-rules/site.json)", () => {
  const EXAMPLE = path.join(__dirname, "..", "examples", "site-rules", "site.json");
  const example = () => JSON.parse(fs.readFileSync(EXAMPLE, "utf8")) as Record<string, unknown>;
  const write = (value: unknown) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "site-rules-")), "site.json");
    fs.writeFileSync(file, JSON.stringify(value));
    return file;
  };

  test("loads with its four rules, which pass on it; it is not among the examples synthesized by default", () => {
    const stack = new TopologyStack(Testing.app(), loadSiteConfig(EXAMPLE));
    expect(stack.network.siteRules.map((r) => r.id)).toEqual(["ACME-01", "ACME-02", "ACME-03", "ACME-04"]);
    expect(validationError(stack)).toBe("");
    expect(warningsOf(stack.network).filter((w) => w.startsWith("ACME-"))).toEqual([]);
    expect(builtInSiteFiles().map((f) => path.resolve(f))).not.toContain(path.resolve(EXAMPLE));
  });

  test("its rules fire on a /25 of VIPs, a VLAN outside 100-199 and a port group not named tkg-", () => {
    const cfg = example() as {
      haproxy: { virtualIpCidrs: string[] };
      workloadNetworks: { portGroup: { name: string; vlanId: number } }[];
    };
    cfg.haproxy.virtualIpCidrs = ["192.168.130.0/25"];
    cfg.workloadNetworks[0].portGroup.vlanId = 250;
    cfg.workloadNetworks[0].portGroup.name = "wl-ns-dev";
    const stack = new TopologyStack(Testing.app(), loadSiteConfig(write(cfg)));
    const site = stack.config.stackName;
    expect(ruleLines(validationError(stack)).filter((l) => / ACME-\d\d /.test(l))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^\\[${site}/network\\] ACME-02 workloadNetworks\\[0\\]\\.portGroup\\.vlanId: VLAN id 250 of port group "wl-ns-dev" is outside this site's range 100–199\\.`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^\\[${site}/haproxy\\] ACME-01 virtualIpCidrs\\[0\\]: VIP CIDR "192\\.168\\.130\\.0/25" is a /25; this site allows /26 or smaller\\.`,
        ),
      ),
    ]);
    expect(warningsOf(stack.network)).toContainEqual(
      expect.stringMatching(
        /^ACME-03 workloadNetworks\[0\]\.portGroup\.name: port group name "wl-ns-dev" does not match this site's pattern "\^tkg-"/,
      ),
    );
  });

  test("the production example T4 carries no site rules", () => {
    const t4 = builtInSiteFiles().find((f) => path.basename(f).startsWith("t4-"))!;
    expect(loadSiteConfig(t4).siteRules).toBeUndefined();
  });
});

describe("a port group name pattern that can backtrack catastrophically", () => {
  const NAME = "tkgworkloadnetworkprimaryvlan120zonea_";
  const NESTED = "^([a-z0-9]+-?)*$";
  /** The error a call throws (fails the test when it throws none). */
  const thrown = (f: () => unknown): Error => {
    try {
      f();
    } catch (e) {
      return e as Error;
    }
    throw new Error("nothing was thrown");
  };

  test("from TypeScript, SiteRules.portGroupNamePattern refuses it before it runs: CFG-03, frameless, with a safe form", () => {
    for (const [pattern, safe] of [
      [NESTED, "^[a-z0-9-]*$"],
      ["^(a+)+$", "^[a]+$"],
    ]) {
      const e = thrown(() => SiteRules.portGroupNamePattern("ACME-03", pattern));
      expect(e).toBeInstanceOf(PropsError);
      expect(e.message).toBe(
        `[SiteRules.portGroupNamePattern("ACME-03", …)] CFG-03 pattern: ${JSON.stringify(pattern)} nests a repeated part inside another (such as \`(a+)*\`): on a name that almost matches, checking it can take longer than any run (catastrophic backtracking), so it is not run. Use a pattern without nesting, e.g. ${JSON.stringify(safe)}.`,
      );
      expect(e.stack).not.toMatch(/\n\s+at /);
      // The safe form is accepted, and runs on the name at once.
      const rule = SiteRules.portGroupNamePattern("ACME-03", safe);
      const { stack } = build({
        primaryWorkloadNetwork: {
          ...s13Network().primaryWorkloadNetwork,
          portGroup: { ...s13Network().primaryWorkloadNetwork.portGroup, name: NAME },
        },
        siteRules: [rule],
      });
      expect(ruleLines(validationError(stack))).toContainEqual(
        expect.stringContaining(`ACME-03 primaryWorkloadNetwork.portGroup.name: port group name "${NAME}"`),
      );
    }
  }, 10_000);

  test("in a site file it is CFG-03 at its line, with the safe form, and nothing is run", () => {
    const cfg = t1() as { primaryWorkloadNetwork: { portGroup: { name: string } }; siteRules?: unknown };
    cfg.primaryWorkloadNetwork.portGroup.name = NAME;
    cfg.siteRules = [{ id: "ACME-03", portGroupNamePattern: NESTED }];
    const result = synthesizeSites([write(cfg)], fs.mkdtempSync(path.join(os.tmpdir(), "redos-")));
    expect(result.code).toBe(1);
    expect(result.err.join("\n")).toContain(
      `CFG-03 siteRules[0].portGroupNamePattern (line 1): ${JSON.stringify(NESTED)} nests a repeated part inside another`,
    );
    expect(result.err.join("\n")).toContain('Use a pattern without nesting, e.g. "^[a-z0-9-]*$".');
  }, 10_000);
});

describe("acknowledgements that cannot be accepted, from TypeScript", () => {
  const R = "We accept this on purpose for a lab.";
  const refusal = (f: () => unknown): PropsError => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(PropsError);
      expect((e as Error).stack).not.toMatch(/\n\s+at /);
      return e as PropsError;
    }
    throw new Error("nothing was thrown");
  };
  const AT = "[test] CFG-03 PlanAcknowledgements.add acknowledgements";

  test.each([
    [
      "an error's id",
      [{ ruleId: "VIP-01", reason: R }],
      `${AT}[0]: VIP-01 is an error, and errors cannot be acknowledged: fix the plan instead (see docs/rules.md#vip-01).`,
    ],
    [
      "a reason of one word",
      [{ ruleId: "HAP-07", reason: "ok" }],
      `${AT}[0]: the reason for acknowledging HAP-07 is "ok"; give at least a sentence (20 characters, three words) saying why the finding is accepted here.`,
    ],
    [
      "an id in lower case",
      [{ ruleId: "vip-06", reason: R }],
      `${AT}[0]: "vip-06" is neither a rule of the catalogue nor a site rule id: the catalogue's is "VIP-06" (ids are upper case).`,
    ],
    [
      "`rule` instead of `ruleId`",
      [{ rule: "VIP-06", reason: R }],
      `${AT}[0].rule: unknown key "rule". Did you mean "ruleId"?`,
    ],
    [
      "one object instead of a list",
      { ruleId: "VIP-06", reason: R },
      `${AT}: {"ruleId":"VIP-06","reason":"We accept this on purpose for a lab."} is not a list; write [{ ruleId: "HAP-07", reason: "…" }], one object per finding.`,
    ],
    [
      "a null entry",
      [null],
      `${AT}[0]: null is not an acknowledgement; write { ruleId: "HAP-07", reason: "…" }.`,
    ],
  ])("PlanAcknowledgements.add with %s: one frameless CFG-03 error", (_name, acknowledgements, message) => {
    const stack = stackWithProviders();
    expect(refusal(() => PlanAcknowledgements.add(stack, acknowledgements as never)).message).toBe(message);
  });

  test("the acknowledge prop with an error's id names the construct and the prop", () => {
    const e = refusal(() => build({}, { acknowledge: [{ ruleId: "VIP-01", reason: R }] }));
    expect(e.message).toBe(
      "[test/haproxy] CFG-03 acknowledge[0]: VIP-01 is an error, and errors cannot be acknowledged: fix the plan instead (see docs/rules.md#vip-01).",
    );
  });

  test("SiteRules factories: a bad pattern, an id of the catalogue and a prefix over 32 are CFG-03 with factory and argument", () => {
    expect(refusal(() => SiteRules.portGroupNamePattern("ACME-03", "^(tkg-")).message).toBe(
      '[SiteRules.portGroupNamePattern("ACME-03", …)] CFG-03 pattern: "^(tkg-" is not a regular expression (Unterminated group), e.g. "^tkg-".',
    );
    expect(refusal(() => SiteRules.maxVipPrefix("VIP-99", 26)).message).toBe(
      '[SiteRules.maxVipPrefix("VIP-99", …)] CFG-03 id: site rule id "VIP-99" uses the catalogue\'s prefix VIP-; use your own (e.g. "ACME-01").',
    );
    expect(refusal(() => SiteRules.maxVipPrefix("ACME-01", 40)).message).toBe(
      '[SiteRules.maxVipPrefix("ACME-01", …)] CFG-03 prefix: 40 is not a prefix length from 0 to 32, e.g. 26.',
    );
    expect(() => SiteRules.maxVipPrefix("ACME-01", 32)).not.toThrow();
  });
});

describe("ids given twice and ids that never existed", () => {
  const R = "We accept this on purpose for a lab.";

  test("two site rules ACME-01 in a site file: CFG-03 at the second, with a free id", () => {
    const cfg = t1();
    cfg.siteRules = [
      { id: "ACME-01", maxVipPrefix: 26 },
      { id: "ACME-01", vlanRange: [100, 199] },
    ];
    expect(checkSiteConfig(cfg)).toEqual([
      'CFG-03 siteRules[1].id: site rule id "ACME-01" is already the id of site rule [0]; every site rule needs its own id (findings and acknowledgements name it). Give this one another, e.g. "ACME-02".',
    ]);
  });

  test("two site rules ACME-01 from TypeScript: one frameless CFG-03 error on the network", () => {
    let error: unknown;
    try {
      build({ siteRules: [SiteRules.maxVipPrefix("ACME-01", 26), SiteRules.vlanRange("ACME-01", 100, 199)] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PropsError);
    expect((error as Error).message).toBe(
      '[test/network] CFG-03 siteRules[1].id: site rule id "ACME-01" is already the id of site rule [0]; every site rule needs its own id (findings and acknowledgements name it). Give this one another, e.g. "ACME-02".',
    );
  });

  test("ACK-01 says unknown rule id for XYZ-99 and acknowledged twice for a repeat, not stale", () => {
    const cfg = t1();
    cfg.acknowledge = [
      { rule: "XYZ-99", reason: R },
      { rule: "HAP-07", reason: R },
      { rule: "HAP-07", reason: R },
    ];
    const result = synthesizeSites([write(cfg)], fs.mkdtempSync(path.join(os.tmpdir(), "ack-ids-")));
    const warnings = result.out.filter((l) => l.includes("ACK-01"));
    expect(warnings).toEqual([
      expect.stringContaining(
        'ACK-01 acknowledge[0]: "XYZ-99" is an unknown rule id: no rule of the catalogue and no site rule of this stack has it',
      ),
      expect.stringContaining(
        "ACK-01 acknowledge[2]: HAP-07 is acknowledged twice here (also at acknowledge[1]); the first one covers it. Remove this one.",
      ),
    ]);
    expect(warnings.join("\n")).not.toContain("no plan");
  });
});
