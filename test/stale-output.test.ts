/**
 * Nothing applicable is left behind by a refused run, whatever refused it: a site file that does not load, props
 * a construct cannot be built from, a plan with rule errors; and a refusal of an earlier run does not stay beside
 * the Terraform of a run that passed.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { HaproxyLoadBalancer, SupervisorWorkloadNetwork } from "../lib";
import { synthesizeSites } from "../lib/cli/synth-sites";
import { s13ApplianceProps, s13Network, stackWithProviders } from "./fixtures";

const T1 = "stacks/sites/t1-single-workload-network.json";

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** What an earlier run wrote that would read as current: Terraform, reports, request bodies. */
function staleOutputs(outdir: string): string[] {
  const stacks = path.join(outdir, "stacks");
  return fs.existsSync(stacks)
    ? fs
        .readdirSync(stacks, { recursive: true })
        .map(String)
        .filter((f) =>
          /(^|\/)(cdk\.tf(\.json)?|ip-plan\.md|address-map\.svg|supervisor-enable-request.*\.json)$/.test(f),
        )
    : [];
}

function terraformFiles(outdir: string): string[] {
  const stacks = path.join(outdir, "stacks");
  return fs.existsSync(stacks)
    ? fs
        .readdirSync(stacks, { recursive: true })
        .map(String)
        .filter((f) => /(^|\/)cdk\.tf(\.json)?$/.test(f))
    : [];
}

describe("a refused run leaves no Terraform of an earlier run", () => {
  test("a site file with a duplicate key (CFG-06) after a run that passed", () => {
    const dir = tempDir("stale-site-");
    const out = path.join(dir, "out");
    expect(synthesizeSites([T1], out).code).toBe(0);
    expect(terraformFiles(out)).toEqual(expect.arrayContaining([expect.stringMatching(/cdk\.tf\.json$/)]));
    const text = fs.readFileSync(T1, "utf8").replace('"stackName"', '"description": "again",\n  "stackName"');
    const file = path.join(dir, "dup.json");
    fs.writeFileSync(file, text.replace('"description"', '"description": "first",\n  "description"'));
    const refused = synthesizeSites([file], out);
    expect(refused.code).toBe(1);
    expect(refused.err.join("\n")).toMatch(/CFG-06 description/);
    expect(terraformFiles(out)).toEqual([]);
    expect(fs.existsSync(path.join(out, "manifest.json"))).toBe(false);
  });

  test("a site file that is not JSON after a run that passed", () => {
    const dir = tempDir("stale-syntax-");
    const out = path.join(dir, "out");
    expect(synthesizeSites([T1], out).code).toBe(0);
    const file = path.join(dir, "broken.json");
    expect(staleOutputs(out)).toEqual(
      expect.arrayContaining([
        "t1-single-workload-network/ip-plan.md",
        "t1-single-workload-network/supervisor-enable-request.json",
      ]),
    );
    fs.writeFileSync(file, fs.readFileSync(T1, "utf8").replace(/\}\s*$/, ",}"));
    expect(synthesizeSites([file], out).code).toBe(2);
    expect(staleOutputs(out)).toEqual([]);
  });

  test("props a construct cannot be built from (a PropsError) after a run that passed", () => {
    const outdir = path.join(tempDir("stale-props-"), "out");
    const build = (props: Record<string, unknown>) => {
      const app = new App({ outdir });
      const stack = stackWithProviders("site-a", app);
      const network = new SupervisorWorkloadNetwork(stack, "network", {
        distributedSwitchUuid: "dvs-uuid",
        ...s13Network(),
      });
      new HaproxyLoadBalancer(stack, "haproxy", { ...s13ApplianceProps(network), ...props });
      app.synth();
    };
    build({});
    expect(terraformFiles(outdir)).toEqual(["site-a/cdk.tf.json"]);
    expect(staleOutputs(outdir)).toContain("site-a/ip-plan.md");
    expect(() => build({ managmentIp: "10.0.0.10" })).toThrow(/CFG-01 managmentIp/);
    expect(staleOutputs(outdir)).toEqual([]);
  });
});

describe("a refusal does not outlive the run that wrote it", () => {
  const saved = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  afterEach(() => {
    if (saved === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = saved;
  });

  test("under the cdktf CLI, plan-errors.json of a failed synth is gone after the next synth passes", () => {
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "true";
    const dir = tempDir("stale-refusal-");
    const out = path.join(dir, "out");
    const file = path.join(dir, "site.json");
    const good = fs.readFileSync(T1, "utf8");
    fs.writeFileSync(file, good.replace('"192.168.120.128/25"', '"192.168.120.0/26"'));
    synthesizeSites([file], out);
    const refusal = path.join(out, "stacks", "t1-single-workload-network", "plan-errors.json");
    expect(fs.existsSync(refusal)).toBe(true);
    expect(terraformFiles(out)).toEqual([]);
    fs.writeFileSync(file, good);
    expect(synthesizeSites([file], out).code).toBe(0);
    expect(fs.existsSync(refusal)).toBe(false);
    expect(terraformFiles(out)).toContain("t1-single-workload-network/cdk.tf.json");
  });
});
