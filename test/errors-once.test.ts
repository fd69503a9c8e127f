/**
 * What a user sees when their TypeScript stack's IP plan is broken, as a process prints it: the app of
 * test/fixtures/broken-app (VIP-02 errors and a VIP-08 warning) run with plain node calling `app.synth()`, and
 * once through the cdktf CLI.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cdktfProject, cdktfSynth, filesUnder, plainEnv, ROOT, STACK_FRAME } from "./cli-process";

const app = path.join(__dirname, "fixtures", "broken-app", "main.ts");

/** The findings printed, each from its rule id on. */
function findings(output: string): string[] {
  return output
    .split("\n")
    .map((l) => /\b((?:VIP|HAP|NET|IP)-\d\d .*)$/.exec(l)?.[1])
    .filter((f): f is string => f !== undefined);
}

function expectEachFindingOnce(output: string): void {
  const printed = findings(output);
  expect(printed.filter((f) => f.startsWith("VIP-02 virtualIpCidrs[0]: "))).toHaveLength(2);
  expect(printed.filter((f) => f.startsWith("VIP-08 virtualIpCidrs[1]: "))).toHaveLength(1);
  expect(printed.length).toBeGreaterThan(0);
  expect(new Set(printed).size).toBe(printed.length);
}

describe("a broken TypeScript stack says each finding once, without a stack trace", () => {
  test("plain node running the app's app.synth(): every finding once, the warning beside the errors, exit 1, no Terraform", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "errors-once-"));
    const run = spawnSync(process.execPath, ["--import", "tsx", app], {
      cwd: ROOT,
      env: plainEnv({ CDKTF_OUTDIR: outdir }),
      encoding: "utf8",
    });
    const output = run.stdout + run.stderr;
    expect(run.status).not.toBe(0);
    expectEachFindingOnce(output);
    expect(output).toContain(
      '[site-a/haproxy] VIP-02 virtualIpCidrs[0]: VIP CIDR "192.168.120.32/27" overlaps range "192.168.120.31-192.168.120.40"',
    );
    expect(output).toMatch(
      /\nWarnings:\n(?: {2}.*\n)* {2}\[site-a\/haproxy\] VIP-08 virtualIpCidrs\[1\]: VIP CIDR "10\.0\.0\.128\/25"/,
    );
    // Links name the catalogue as a path from where the command runs.
    expect(output).toContain("[docs/rules.md#vip-02]");
    expect(output.split("\n").filter((l) => STACK_FRAME.test(l))).toEqual([]);
    expect(output).not.toMatch(/skipValidation|CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS/);
    const files = filesUnder(outdir);
    expect(files).toContain("stacks/site-a/ip-plan.md");
    expect(files.filter((f) => /(^|\/)(cdk\.tf\.json|cdk\.tf|manifest\.json)$/.test(f))).toEqual([]);
  });

  test("cdktf synth: the CLI prints each annotation once, warnings beside errors, fails, and no Terraform is written", () => {
    const project = cdktfProject(app);
    const run = cdktfSynth(project);
    const output = run.stdout + run.stderr;
    expect(run.status).not.toBe(0);
    expectEachFindingOnce(output);
    expect(output).toMatch(/^ERROR \[site-a\/haproxy\]: VIP-02 virtualIpCidrs\[0\]: /m);
    expect(output).toMatch(/^WARN \[site-a\/haproxy\]: VIP-08 virtualIpCidrs\[1\]: /m);
    expect(output.split("\n").filter((l) => STACK_FRAME.test(l))).toEqual([]);
    expect(output).not.toMatch(/skipValidation|CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS/);
    const files = filesUnder(path.join(project, "cdktf.out"));
    expect(files).toEqual(
      expect.arrayContaining(["stacks/site-a/ip-plan.md", "stacks/site-a/plan-errors.json", "manifest.json"]),
    );
    expect(files.filter((f) => /\.tf(\.json)?$/.test(f))).toEqual([]);
    // What the manifest names for the stack is no Terraform: the CLI's deploy and diff stop at its annotations.
    const manifest = JSON.parse(
      fs.readFileSync(path.join(project, "cdktf.out", "manifest.json"), "utf8"),
    ) as {
      stacks: Record<string, { synthesizedStackPath: string; annotations: { level: string }[] }>;
    };
    expect(manifest.stacks["site-a"].synthesizedStackPath).toBe("stacks/site-a/plan-errors.json");
    expect(manifest.stacks["site-a"].annotations.map((a) => a.level)).toEqual(
      expect.arrayContaining(["@cdktf/error", "@cdktf/warn"]),
    );
  });
});
