import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Lazy, TerraformStack, Testing } from "cdktf";
import { assertValidPlan, HaproxyLoadBalancer, SupervisorWorkloadNetwork } from "../lib";
import { planReportFiles } from "../lib/constructs/plan-report-synthesizer";
import { ruleLines, s13ApplianceProps, s13Network, stackWithProviders } from "./fixtures";

/** A user's stack in its own app: the S-13 plan, VIPs as given. */
function userStack(app: App, vips: string[], managementIp = "10.0.0.10"): TerraformStack {
  const stack = stackWithProviders("site-a", app);
  const network = new SupervisorWorkloadNetwork(stack, "network", {
    distributedSwitchUuid: "dvs",
    ...s13Network(),
  });
  new HaproxyLoadBalancer(
    stack,
    "haproxy",
    s13ApplianceProps(network, { virtualIpCidrs: vips, managementIp }),
  );
  return stack;
}

const outdir = () => fs.mkdtempSync(path.join(os.tmpdir(), "report-"));
const stackDir = (dir: string) => path.join(dir, "stacks", "site-a");
const OVER_GATEWAY = ["192.168.120.0/25"];

describe("the report belongs to the constructs", () => {
  test("a user's stack gets cdk.tf.json, ip-plan.md and address-map.svg on synth, with no code of theirs", () => {
    const dir = outdir();
    const app = new App({ outdir: dir });
    userStack(app, ["192.168.120.128/25"]);
    app.synth();
    expect(fs.readdirSync(stackDir(dir)).sort()).toEqual(["address-map.svg", "cdk.tf.json", "ip-plan.md"]);
    const md = fs.readFileSync(path.join(stackDir(dir), "ip-plan.md"), "utf8");
    expect(md).toContain("# IP plan: site-a");
    expect(md).toContain("| Load Balancer | Virtual IP Ranges | 192.168.120.128-192.168.120.254 |");
    expect(md).toContain("site-a/haproxy: caCertificatePem");
  });

  test("a plan with errors writes a report that lists them and removes the older Terraform file", () => {
    const dir = outdir();
    const good = new App({ outdir: dir });
    userStack(good, ["192.168.120.128/25"]);
    good.synth();
    expect(fs.existsSync(path.join(stackDir(dir), "cdk.tf.json"))).toBe(true);

    const bad = new App({ outdir: dir });
    userStack(bad, OVER_GATEWAY);
    expect(() => bad.synth()).toThrow(/VIP-01 virtualIpCidrs\[0\]/);
    expect(fs.existsSync(path.join(stackDir(dir), "cdk.tf.json"))).toBe(false);
    const md = fs.readFileSync(path.join(stackDir(dir), "ip-plan.md"), "utf8");
    expect(md).toContain("This plan has");
    expect(md).toContain("no Terraform file was written");
    expect(md).toMatch(
      /\*\*error\*\* VIP-01 virtualIpCidrs\[0\]: VIP CIDR "192\.168\.120\.0\/25" contains gateway/,
    );
  });

  test("values unknown until apply read 'known at apply' in the report, never as token text", () => {
    const app = new App({ outdir: outdir() });
    const stack = userStack(app, ["192.168.120.128/25"], Lazy.stringValue({ produce: () => "10.0.0.10" }));
    const report = planReportFiles(stack)["ip-plan.md"];
    expect(report).toContain("| Load Balancer | Data Plane API Address(es) | (known at apply):5556 |");
    expect(report).not.toMatch(/TfToken|\$\{/);
  });
});

describe("no silent bypass of rule errors", () => {
  const expectRuleLines = (run: () => unknown) => {
    let message = "";
    try {
      run();
    } catch (e) {
      message = String((e as Error).message);
    }
    expect(ruleLines(message)).toContainEqual(
      expect.stringMatching(
        /^\[site-a\/haproxy\] VIP-01 virtualIpCidrs\[0\]: VIP CIDR "192\.168\.120\.0\/25"/,
      ),
    );
    return message;
  };

  test("new App({ skipValidation: true }) writes no Terraform file", () => {
    const dir = outdir();
    const app = new App({ outdir: dir, skipValidation: true });
    userStack(app, OVER_GATEWAY);
    expect(expectRuleLines(() => app.synth())).toContain("no Terraform is written");
    expect(fs.existsSync(path.join(stackDir(dir), "cdk.tf.json"))).toBe(false);
    expect(fs.readFileSync(path.join(stackDir(dir), "ip-plan.md"), "utf8")).toContain("VIP-01");
  });

  test("Testing.synth(stack) without validations fails with the rule lines", () => {
    const stack = userStack(Testing.app(), OVER_GATEWAY);
    expectRuleLines(() => Testing.synth(stack));
  });

  test("Testing.synth(stack, true) and Testing.fullSynth fail with the rule lines", () => {
    expectRuleLines(() => Testing.synth(userStack(Testing.app(), OVER_GATEWAY), true));
    expectRuleLines(() => Testing.fullSynth(userStack(Testing.app(), OVER_GATEWAY)));
  });

  test("Testing.synthScope fails with the rule lines", () => {
    let message = "";
    try {
      Testing.synthScope((scope) => {
        const network = new SupervisorWorkloadNetwork(scope, "network", {
          distributedSwitchUuid: "dvs",
          ...s13Network(),
          supervisorManagementStartIp: "10.0.0.1",
        });
        expect(network.diagnostics.some((d) => d.ruleId === "NET-08")).toBe(true);
      });
    } catch (e) {
      message = String((e as Error).message);
    }
    expect(ruleLines(message)).toContainEqual(
      expect.stringMatching(/^\[stack\/network\] NET-08 supervisorManagementStartIp:/),
    );
  });

  test("a valid plan still synthesizes every way", () => {
    const stack = stackWithProviders();
    const network = new SupervisorWorkloadNetwork(stack, "network", {
      distributedSwitchUuid: "dvs",
      ...s13Network(),
    });
    expect(network.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(() => Testing.synth(stack)).not.toThrow();
  });
});

describe("assertValidPlan, for users' tests", () => {
  test("passes on a valid plan and fails with the rule lines on a broken one, from the stack or the app", () => {
    expect(() => assertValidPlan(userStack(Testing.app(), ["192.168.120.128/25"]))).not.toThrow();
    const app = Testing.app();
    userStack(app, OVER_GATEWAY);
    for (const scope of [app, app.node.findChild("site-a")]) {
      expect(() => assertValidPlan(scope)).toThrow(/\[site-a\/haproxy\] VIP-01 virtualIpCidrs\[0\]/);
    }
  });
});
