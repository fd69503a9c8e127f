/**
 * The cdktf app: one stack per site file. By default the seed page's four topologies (stacks/sites/);
 * `SITE_CONFIG=path/to/site.json` (or `--site path/to/site.json`, comma-separated for several) selects others.
 */
import * as path from "path";
import { App } from "cdktf";
import { Construct } from "constructs";
import { RULES, Severity, Supervisor } from "../lib";
import { SupervisorStack, supervisorProps } from "../stacks/supervisor-stack";
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
  try {
    const app = new App();
    const stacks = siteFiles(process.argv.slice(2), process.env).map(
      (file) => new TopologyStack(app, loadSiteConfig(file)),
    );
    // A site with a Supervisor gets a second stack for it (vsphere provider 2.16.1), or, for vSphere 7
    // ("request-body"), the Supervisor in the site's stack with no resource: the report writes the request body.
    for (const site of stacks) {
      const cfg = site.config.supervisor;
      if (cfg && cfg.enablement === "request-body") {
        new Supervisor(
          site,
          "supervisor",
          supervisorProps(new Construct(site, "supervisor-lookup"), site, cfg),
        );
      } else if (cfg) {
        new SupervisorStack(app, site, cfg);
      }
    }
    app.synth();
    // The network construct wrote the IP-plan report beside each stack's Terraform; a one-line summary each.
    for (const stack of stacks) {
      const dir = path.join(app.outdir, "stacks", stack.config.stackName);
      const input = stack.planReportInput();
      const warnings = input.diagnostics.filter((d) => d.severity === Severity.WARN).length;
      console.log(
        `IP plan ${stack.config.stackName}: ${input.network.portGroups.length} port groups, ${input.network.workloadNetworks.length} workload networks, HAProxy ${stack.haproxy.mode} mode, VIPs ${stack.haproxy.virtualIpCidrs.join(",")}, ${warnings} warning(s) -> ${path.join(dir, "ip-plan.md")}`,
      );
    }
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
