/**
 * The cdktf app: one stack per site file. By default the seed page's four topologies (stacks/sites/);
 * `SITE_CONFIG=path/to/site.json` (or `--site path/to/site.json`, comma-separated for several) selects others.
 */
import { App } from "cdktf";
import { builtInSiteFiles, loadSiteConfig, SiteConfigError } from "../stacks/site-config";
import { TopologyStack } from "../stacks/topology-stack";

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

function main(): number {
  try {
    const app = new App();
    for (const file of siteFiles(process.argv.slice(2), process.env)) {
      new TopologyStack(app, loadSiteConfig(file));
    }
    app.synth();
    return 0;
  } catch (e) {
    // Plan and configuration problems are the user's to fix: print them, not a stack trace.
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof SiteConfigError || message.startsWith("Validation failed")) {
      console.error(message);
      return 1;
    }
    throw e;
  }
}

process.exitCode = main();
