/**
 * Running the app as a user's shell does, for the tests of what a process prints: plain node, and the cdktf CLI
 * (`cdktf synth`) in a temporary project or in this repository.
 */
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..");

/** A line of a stack trace. */
export const STACK_FRAME = /at .*\(.*:\d+:\d+\)/;

/** The environment of a run outside the CLI: without the variable the CLI sets, whoever runs the tests. */
export function plainEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  return env;
}

/** Every file under a folder, relative. */
export function filesUnder(dir: string): string[] {
  return fs.existsSync(dir)
    ? fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => f.split(path.sep).join("/"))
    : [];
}

/** Terraform files among them: what `terraform plan` would load, and the manifest that would name them. */
export function terraformFiles(files: readonly string[]): string[] {
  return files.filter((f) => /(\.tf|\.tf\.json)$/.test(f));
}

/** A temporary cdktf project whose app is `app` (a TypeScript file run with tsx), sharing our node_modules. */
export function cdktfProject(app: string): string {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "errors-once-cli-"));
  fs.writeFileSync(
    path.join(project, "cdktf.json"),
    JSON.stringify({
      language: "typescript",
      app: `node --import tsx ${JSON.stringify(app)}`,
      projectId: "t",
    }),
  );
  fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "t", private: true }));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"));
  return project;
}

/** `cdktf synth` in a folder, without telemetry, colours or this machine's Terraform CLI configuration. */
export function cdktfSynth(
  cwd: string,
  args: string[] = [],
  extra: Record<string, string> = {},
): SpawnSyncReturns<string> & { printed: string } {
  // No Terraform CLI configuration of this machine: its warnings would be printed too.
  const tfrc = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "errors-once-tfrc-")), "empty.tfrc");
  fs.writeFileSync(tfrc, "");
  const run = spawnSync(path.join(ROOT, "node_modules", ".bin", "cdktf"), ["synth", ...args], {
    cwd,
    env: plainEnv({ CHECKPOINT_DISABLE: "1", CI: "1", FORCE_COLOR: "0", TF_CLI_CONFIG_FILE: tfrc, ...extra }),
    encoding: "utf8",
  });
  return Object.assign(run, { printed: run.stdout + run.stderr });
}
