/**
 * `synth`: the site files as Terraform, the app a user's cdktf project runs (`"app": "npx tanzu-haproxy-network
 * synth site.json"` in its cdktf.json), so that `cdktf synth` and `cdktf deploy` take a site file made by `plan` or by
 * hand. The same path as this repository's app (bin/main.ts): one stack per site and one for its Supervisor, checked
 * across sites when there are several, nothing written for a plan with errors. cdktf itself is loaded only here.
 */
import { cliPrintsAnnotations } from "../constructs/refused-synthesis";
import { siteFilesIn } from "../site/site-files";
import { EXIT, parse, UsageError } from "./args";
import { refuseSiteFiles, refuseUsage } from "./refused-site-files";
import { synthesizeSites } from "./synth-sites";

/** What `synth` needs from the command line's runner: where to print. */
export interface SynthIo {
  out(text: string): void;
  err(text: string): void;
}

export const SYNTH_HELP = `Usage: tanzu-haproxy-network synth SITE.json... | --sites-dir DIR

Synthesizes each site file into Terraform: cdktf.out/stacks/<stackName>/cdk.tf.json (port groups, the appliance, the
report ip-plan.md) and cdktf.out/stacks/<stackName>-supervisor/ (the Supervisor), as this package's app does. Several
files (or a folder) are checked across sites first. In a cdktf project, make it the app, so that cdktf synth and
cdktf deploy take your site file:

  cdktf.json: { "language": "typescript", "app": "npx tanzu-haproxy-network synth site.json" }

Options:
  --sites-dir DIR   every *.json directly in DIR is a site file (instead of SITE.json...)
  -h, --help        print this help and exit

Environment: CDKTF_OUTDIR, where to write (default cdktf.out; cdktf synth sets it).

Exit codes: 0 Terraform written (warnings do not fail); 1 the plan or a site file's content has errors (nothing
written); 2 a usage error, or a site file that cannot be read or is not JSON. Under cdktf synth the cdktf CLI prints
each problem once and exits 1.`;

/** A usage error: under the cdktf CLI in its manifest (printed once by it), else thrown for the runner to print. */
function usage(message: string): number {
  if (cliPrintsAnnotations()) {
    refuseUsage(message);
    return EXIT.OK;
  }
  throw new UsageError(message);
}

/** Run `synth` with its arguments (after the command's name). */
export function synthCommand(argv: string[], io: SynthIo): number {
  const p = parse(
    "synth",
    argv,
    { help: { type: "boolean", short: "h" }, "sites-dir": { type: "string" } },
    true,
  );
  if (p.values.help) {
    io.out(SYNTH_HELP);
    return EXIT.OK;
  }
  const dir = p.values["sites-dir"];
  if (typeof dir === "string" && p.positionals.length > 0) {
    return usage("synth: give site files or --sites-dir, not both.");
  }
  let files = p.positionals;
  if (typeof dir === "string") {
    try {
      files = siteFilesIn(dir);
    } catch (e) {
      return usage(`synth: ${(e as Error).message}`);
    }
  }
  if (files.length === 0) {
    return usage("synth: give the site file(s) to synthesize, e.g. synth site.json, or --sites-dir DIR.");
  }
  const result = synthesizeSites(files);
  if (result.siteConfigError && cliPrintsAnnotations()) {
    // The cdktf CLI prints the problems from its manifest, once, and fails.
    refuseSiteFiles(result.siteConfigError);
    return EXIT.OK;
  }
  result.out.forEach((l) => io.out(l));
  result.err.forEach((l) => io.err(l));
  return result.code;
}
