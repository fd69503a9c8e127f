/**
 * The cdktf app: one stack per site file. By default the seed page's four topologies (stacks/sites/);
 * `SITE_CONFIG=path/to/site.json` (or `--site path/to/site.json`, comma-separated or repeated for several) selects
 * others. `--help` prints the usage and the exit codes (0 written, 1 plan errors, 2 usage or unreadable input).
 */
import { RULES, Severity } from "../lib";
import { cliPrintsAnnotations } from "../lib/constructs/refused-synthesis";
import { refuseSiteFiles, refuseUsage } from "../stacks/refused-site-files";
import { synthesizeSites } from "../stacks/run";
import { builtInSiteFiles } from "../stacks/built-in-sites";
import { EXIT, parseCommandLine, USAGE } from "./command-line";

/** `--list-rules`: the catalogue, one line a rule, from the rule units. */
function listRules(): void {
  for (const r of Object.values(RULES)) {
    console.log(`${r.id.padEnd(7)} ${r.severity === Severity.ERROR ? "error" : "warn "}  ${r.summary}`);
  }
  console.log("\nEach rule's why and examples: docs/rules.md (also in the installed package).");
}

function main(): number {
  const command = parseCommandLine(process.argv.slice(2), process.env);
  switch (command.kind) {
    case "help":
      process.stdout.write(USAGE);
      return EXIT.OK;
    case "usage-error":
      if (cliPrintsAnnotations()) {
        refuseUsage(command.message);
        return EXIT.OK;
      }
      console.error(`error: ${command.message}`);
      console.error("Run with --help for the options, SITE_CONFIG and the exit codes.");
      return EXIT.USAGE;
    case "list-rules":
      listRules();
      return EXIT.OK;
    case "synth": {
      const result = synthesizeSites(command.files ?? builtInSiteFiles());
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
