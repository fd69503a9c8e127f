/**
 * The cdktf app: one stack per site file. By default the seed page's four topologies (stacks/sites/);
 * `SITE_CONFIG=path/to/site.json` (or `--site path/to/site.json`, comma-separated or repeated for several) selects
 * others, `SITES_DIR=dir` (or `--sites-dir dir`) every site file of a folder; several sites are checked across
 * sites before synthesis. `--help` prints the usage and the exit codes (0 written, 1 plan errors, 2 usage or unreadable input).
 */
import { RULES, Severity } from "../lib";
import { cliPrintsAnnotations } from "../lib/constructs/refused-synthesis";
import { refuseSiteFiles, refuseUsage } from "../lib/cli/refused-site-files";
import { synthesizeSites } from "../lib/cli/synth-sites";
import { builtInSiteFiles, siteFilesIn } from "../stacks/built-in-sites";
import { EXIT, parseCommandLine, USAGE } from "./command-line";

/** `--list-rules`: the catalogue, one line a rule, from the rule units. */
function listRules(): void {
  for (const r of Object.values(RULES)) {
    console.log(`${r.id.padEnd(7)} ${r.severity === Severity.ERROR ? "error" : "warn "}  ${r.summary}`);
  }
  console.log("\nEach rule's why and examples: docs/rules.md (also in the installed package).");
}

/** A usage error: under the cdktf CLI in its manifest (printed once), else on stderr with exit code 2. */
function usageError(message: string): number {
  if (cliPrintsAnnotations()) {
    refuseUsage(message);
    return EXIT.OK;
  }
  console.error(`error: ${message}`);
  console.error("Run with --help for the options, SITE_CONFIG and the exit codes.");
  return EXIT.USAGE;
}

function main(): number {
  const command = parseCommandLine(process.argv.slice(2), process.env);
  switch (command.kind) {
    case "help":
      process.stdout.write(USAGE);
      return EXIT.OK;
    case "usage-error":
      return usageError(command.message);
    case "list-rules":
      listRules();
      return EXIT.OK;
    case "synth": {
      let files = command.files;
      if (command.dir !== undefined) {
        try {
          files = siteFilesIn(command.dir);
        } catch (e) {
          return usageError((e as Error).message);
        }
      }
      // The built-in examples are four alternative plans of one site on the same addresses, not a fleet.
      const result = synthesizeSites(files ?? builtInSiteFiles(), undefined, {
        acrossSites: files !== undefined,
      });
      if (result.siteConfigError && cliPrintsAnnotations()) {
        // The CLI prints the problems from its manifest, once, and fails; what the app prints it prints twice.
        refuseSiteFiles(result.siteConfigError);
        return EXIT.OK;
      }
      result.out.forEach((l) => console.log(l));
      result.err.forEach((l) => console.error(l));
      return result.code;
    }
  }
}

// A reader that stops early (`--list-rules | head`) closes the pipe: that ends the output, it is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") {
    process.exit(process.exitCode ?? 0);
  }
  throw e;
});
process.exitCode = main();
