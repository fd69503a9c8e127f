/**
 * The command line against the app's synth path, each spawned as a user runs it (compiled JavaScript, from process
 * start to exit): `check` of an example site file against a synth of the same file, and `plan` from one block
 * against a synth of the file it proposes. Prints the times; asserts nothing.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const DIST = path.join(__dirname, "..");
const CLI = path.join(DIST, "lib", "cli", "main.js");
const APP = path.join(DIST, "bin", "main.js");
const EXAMPLE = path.join(DIST, "..", "stacks", "sites", "t4-frontend-multiple-workload-networks.json");

/** Median wall time of `runs` spawns, in ms, and the last run's stdout. */
function timed(
  args: string[],
  runs: number,
  env: NodeJS.ProcessEnv = process.env,
): { ms: number; stdout: string } {
  const times: number[] = [];
  let stdout = "";
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: "utf8", env });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    stdout = r.stdout;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], stdout };
}

export function cliVsSynth(log: (line: string) => void): void {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-cli-"));
  const env = { ...process.env, CDKTF_OUTDIR: path.join(out, "cdktf.out"), CHECKPOINT_DISABLE: "1" };
  const check = timed([CLI, "check", EXAMPLE], 5);
  const synth = timed([APP, "--site", EXAMPLE], 3, env);
  log(
    `check ${path.basename(EXAMPLE)}: ${check.ms.toFixed(0)} ms; synth of the same file (bin/main.js --site): ${synth.ms.toFixed(0)} ms (medians, from process start)`,
  );
  const plan = timed(
    [
      CLI,
      "plan",
      "--cidr",
      "10.20.0.0/22",
      "--topology",
      "t4",
      "--frontend-cidr",
      "10.30.0.0/24",
      "--supervisor",
      "--dns",
      "10.20.0.2",
    ],
    5,
  );
  const proposed = path.join(out, "site.json");
  fs.writeFileSync(proposed, plan.stdout);
  const synthPlan = timed([APP, "--site", proposed], 3, env);
  log(
    `plan --cidr 10.20.0.0/22 --topology t4 (checked): ${plan.ms.toFixed(0)} ms; synth of the file it proposes: ${synthPlan.ms.toFixed(0)} ms`,
  );
  fs.rmSync(out, { recursive: true, force: true });
}
