/**
 * Errors that stop the app before synthesis, as a process prints them: props a construct cannot be built from
 * (test/fixtures/props-error-app, `managmentIp` for `managementIp`) and site files that cannot be used (a CFG-01
 * typo, a trailing comma). Under the cdktf CLI each is printed once, as the CLI prints an error annotation, the
 * CLI fails and no Terraform is left; run by plain node, the app still throws.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  cdktfProject,
  cdktfSynth,
  filesUnder,
  plainEnv,
  ROOT,
  STACK_FRAME,
  terraformFiles,
} from "./cli-process";

const propsApp = path.join(__dirname, "fixtures", "props-error-app", "main.ts");
const t1 = fs.readFileSync(path.join(ROOT, "stacks", "sites", "t1-single-workload-network.json"), "utf8");

const CFG_01_PROP =
  '[site-a/haproxy]: CFG-01 managmentIp: unknown prop "managmentIp". Did you mean "managementIp"?';
const CFG_01_KEY =
  'CFG-01 haproxy.managmentIp (line 44): unknown key "managmentIp". Did you mean "managementIp"?';
const TRAILING_COMMA =
  "not valid JSON: line 16, column 26: a trailing comma before `}`: JSON allows no comma after the last entry of an object. Remove it.";

/** What the CLI and Node print when an app crashes, none of which may be printed. */
function expectNoCrashReport(output: string): void {
  expect(output.split("\n").filter((l) => STACK_FRAME.test(l))).toEqual([]);
  expect(output).not.toMatch(
    /Node\.js v\d|triggerUncaughtException|cdktf encountered an error|Command output on/,
  );
}

/** How often a text occurs in the output. */
function count(output: string, text: string): number {
  return output.split(text).length - 1;
}

/** The lines that name a CFG id: every problem the run printed. */
function cfgLines(output: string): string[] {
  return output.split("\n").filter((l) => /\bCFG-\d\d /.test(l));
}

/** An output folder holding what a successful synth of two stacks left there. */
function outdirWithEarlierTerraform(stacks: string[]): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "errors-once-out-"));
  for (const s of stacks) {
    fs.mkdirSync(path.join(outdir, "stacks", s), { recursive: true });
    fs.writeFileSync(path.join(outdir, "stacks", s, "cdk.tf.json"), '{"resource": {}}\n');
  }
  fs.writeFileSync(path.join(outdir, "manifest.json"), '{"version": "0.21.0", "stacks": {}}\n');
  return outdir;
}

/** A copy of the T1 site file with one edit, in a temporary folder. */
function siteFile(name: string, from: string, to: string): string {
  expect(t1).toContain(from);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "errors-once-site-")), name);
  fs.writeFileSync(file, t1.replace(from, to));
  return file;
}

describe("props a construct cannot be built from", () => {
  test("cdktf synth: the PropsError's problems once, as ERROR annotations, the CLI fails, and no Terraform is left", () => {
    const project = cdktfProject(propsApp);
    const outdir = outdirWithEarlierTerraform(["site-a", "site-b"]);
    const run = cdktfSynth(project, ["--output", outdir]);
    expect(run.status).not.toBe(0);
    expect(cfgLines(run.printed)).toEqual([`ERROR ${CFG_01_PROP}`]);
    expect(run.printed).toContain("While synthesizing one or more error annotations have been encountered.");
    expectNoCrashReport(run.printed);
    const files = filesUnder(outdir);
    expect(terraformFiles(files)).toEqual([]);
    expect(files).toContain("stacks/site-a/plan-errors.json");
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")) as {
      stacks: Record<
        string,
        { synthesizedStackPath: string; annotations: { level: string; stacktrace?: string[] }[] }
      >;
    };
    expect(Object.keys(manifest.stacks)).toEqual(["site-a"]);
    expect(manifest.stacks["site-a"].synthesizedStackPath).toBe("stacks/site-a/plan-errors.json");
    expect(manifest.stacks["site-a"].annotations.map((a) => [a.level, a.stacktrace])).toEqual([
      ["@cdktf/error", undefined],
    ]);
  });

  test("plain node: the app still throws the PropsError, exits non-zero and writes no manifest", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "errors-once-out-"));
    const run = spawnSync(process.execPath, ["--import", "tsx", propsApp], {
      cwd: ROOT,
      env: plainEnv({ CDKTF_OUTDIR: outdir }),
      encoding: "utf8",
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      'PropsError: [site-a/haproxy] CFG-01 managmentIp: unknown prop "managmentIp". Did you mean "managementIp"?',
    );
    expect(count(run.stderr, "CFG-01 managmentIp")).toBe(1);
    expect(filesUnder(outdir)).not.toContain("manifest.json");
  });
});

describe("site files that cannot be used, under cdktf synth of this repository", () => {
  test("a CFG-01 typo: each problem once at the file, the CLI fails, and no Terraform is left", () => {
    const file = siteFile("typo.json", '"managementIp"', '"managmentIp"');
    const outdir = outdirWithEarlierTerraform(["t1-single-workload-network"]);
    const run = cdktfSynth(ROOT, ["--output", outdir], { SITE_CONFIG: file });
    expect(run.status).not.toBe(0);
    // One mistake, one line: the key CFG-01 proposes is not also reported missing.
    expect(cfgLines(run.printed)).toEqual([`ERROR [${file}]: ${CFG_01_KEY}`]);
    expectNoCrashReport(run.printed);
    const files = filesUnder(outdir);
    expect(terraformFiles(files)).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(["manifest.json", "stacks/site-files/plan-errors.json"]));
  });

  test("a trailing comma: the syntax problem once with its excerpt and caret, the CLI fails, and no Terraform is left", () => {
    const file = siteFile("comma.json", '"gateway": "10.0.0.1"', '"gateway": "10.0.0.1",');
    const outdir = outdirWithEarlierTerraform(["t1-single-workload-network"]);
    const run = cdktfSynth(ROOT, ["--output", outdir], { SITE_CONFIG: file });
    expect(run.status).not.toBe(0);
    expect(count(run.printed, `ERROR [${file}]: ${TRAILING_COMMA}`)).toBe(1);
    expect(count(run.printed, "a trailing comma")).toBe(1);
    expect(run.printed).toContain(`${TRAILING_COMMA}\n        "gateway": "10.0.0.1",\n${" ".repeat(29)}^\n`);
    expectNoCrashReport(run.printed);
    expect(terraformFiles(filesUnder(outdir))).toEqual([]);
  });

  test("SITE_CONFIG naming no file: the usage error once, the CLI fails, and no Terraform is left", () => {
    const outdir = outdirWithEarlierTerraform(["t1-single-workload-network"]);
    const run = cdktfSynth(ROOT, ["--output", outdir], { SITE_CONFIG: "," });
    expect(run.status).not.toBe(0);
    expect(count(run.printed, 'ERROR [usage]: SITE_CONFIG "," names no site file.')).toBe(1);
    expect(count(run.printed, "names no site file")).toBe(1);
    expectNoCrashReport(run.printed);
    expect(terraformFiles(filesUnder(outdir))).toEqual([]);
  });
});
