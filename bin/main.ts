/**
 * The cdktf app: one stack per site file. By default the seed page's four topologies (stacks/sites/);
 * `SITE_CONFIG=path/to/site.json` (or `--site path/to/site.json`, comma-separated for several) selects others.
 */
import { RULES, Severity } from "../lib";
import { synthesizeSites } from "../stacks/run";
import { builtInSiteFiles } from "../stacks/site-config";

function siteFiles(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const flag = argv.indexOf("--site");
  const chosen = flag >= 0 ? argv[flag + 1] : env.SITE_CONFIG;
  return chosen
    ? chosen
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
    : builtInSiteFiles();
}

/** `--list-rules`: the catalogue, one line a rule, from the rule units. */
function listRules(): void {
  for (const r of Object.values(RULES)) {
    console.log(`${r.id.padEnd(7)} ${r.severity === Severity.ERROR ? "error" : "warn "}  ${r.summary}`);
  }
  console.log("\nEach rule's why and examples: docs/rules.md (also in the installed package).");
}

function main(): number {
  if (process.argv.includes("--list-rules")) {
    listRules();
    return 0;
  }
  const result = synthesizeSites(siteFiles(process.argv.slice(2), process.env));
  result.out.forEach((l) => console.log(l));
  result.err.forEach((l) => console.error(l));
  return result.code;
}

process.exitCode = main();
