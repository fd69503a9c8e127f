/**
 * The app's real path for site files: load each file, build its stacks (and its Supervisor's), synthesize, and
 * word every problem in the site file's own terms: the file, the JSON path and the key as written there.
 */
import * as fs from "fs";
import * as path from "path";
import { AnnotationMetadataEntryType, App } from "cdktf";
import { Severity } from "../model/diagnostics";
import { cliPrintsAnnotations, removeStaleOutputs } from "../constructs/refused-synthesis";
import { loadSiteConfig, SiteConfigError } from "../site/site-config";
import { FleetError, FleetMember, fleetFindings, fleetRefusal, stackNameProblems } from "./site-fleet";
import { FLEET_REPORT, fleetReportFiles } from "./fleet-report";
import { SiteFinding } from "./site-check";
import { buildSite } from "../site/build-site";
import { TopologyStack } from "../site/topology-stack";
import { SITE_FILES_STACK } from "./refused-site-files";
import { inSiteTerms } from "./site-terms";
import { SITE_LOAD_BALANCER_ID } from "../site/site-config";
import { ISupervisorLoadBalancer, SupervisorLoadBalancerType } from "../constructs/supervisor-load-balancer";

export { buildSite, inSiteTerms };

/**
 * What a run produced: the exit code and what it printed. 0: Terraform written; 1: the plan or the site file's
 * content has problems; 2: a site file cannot be read or is not JSON (as for a usage error of the command).
 */
export interface RunResult {
  readonly code: 0 | 1 | 2;
  readonly out: string[];
  readonly err: string[];
  /** The site-file problems that stopped the run, when they did (the cdktf CLI is told them otherwise). */
  readonly siteConfigError?: SiteConfigError;
}

/** CFG-05: every stack of the run has its own name (`stackNameProblems`); the first clash stops the run. */
function assertDistinctStacks(configs: readonly FleetMember[]): void {
  const [first] = stackNameProblems(configs);
  if (first) throw new SiteConfigError(first.file, [first.problem]);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The warning annotations of a site's stacks (its own and its Supervisor's), as `[construct path] message`. */
function warningLines(app: App, stackName: string): string[] {
  const own = new Set([stackName, `${stackName}-supervisor`]);
  return app.node
    .findAll()
    .filter((c) => own.has(c.node.path.split("/")[0]))
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === AnnotationMetadataEntryType.WARN)
        .map((m) => `[${c.node.path}] ${String(m.data)}`),
    );
}

/** Options of a run. */
export interface SynthesizeOptions {
  /**
   * Run the rules across sites (FLT) when the run has more than one site, and write the fleet report
   * (`fleet.md`, a map per routing domain) beside the stacks. Off for the built-in examples: four alternative
   * plans of one site on the same addresses, not a fleet.
   * @default true
   */
  readonly acrossSites?: boolean;
}

/** Write the fleet report into the output folder; returns the page's path. */
function writeFleetReport(outdir: string, files: Record<string, string>): string {
  fs.mkdirSync(outdir, { recursive: true });
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(outdir, name), content);
  return path.join(outdir, FLEET_REPORT);
}

/** An earlier run's fleet report would describe that run's sites as current. */
function removeFleetReport(outdir: string): void {
  const names = fs.existsSync(outdir) ? fs.readdirSync(outdir) : [];
  for (const name of names.filter((n) => n === FLEET_REPORT || /^fleet-.*\.svg$/.test(n))) {
    fs.rmSync(path.join(outdir, name), { force: true });
  }
}

/** The site's load balancer in the run's summary line: the appliance's mode, or which other one; its VIPs. */
function loadBalancerSummary(stack: TopologyStack): string {
  if (stack.haproxy) {
    return `HAProxy ${stack.haproxy.mode} mode, VIPs ${stack.haproxy.virtualIpCidrs.join(",")}`;
  }
  const lb = stack.node.tryFindChild(SITE_LOAD_BALANCER_ID) as ISupervisorLoadBalancer | undefined;
  if (!lb) return "no load balancer";
  const kind =
    lb.loadBalancerType === SupervisorLoadBalancerType.VSPHERE_FOUNDATION
      ? "vSphere Foundation Load Balancer"
      : "existing HAProxy";
  return `${kind} ${JSON.stringify(lb.name)}, VIPs ${lb.virtualIpCidrs.join(",")}`;
}

/** Load, build and synthesize the site files; never throws for a problem of the input. */
export function synthesizeSites(
  files: readonly string[],
  outdir?: string,
  options: SynthesizeOptions = {},
): RunResult {
  const out: string[] = [];
  const err: string[] = [];
  const acrossSites = (options.acrossSites ?? true) && files.length > 1;
  const target = outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
  removeFleetReport(target);
  let configs: FleetMember[] = [];
  let across: SiteFinding[] = [];
  try {
    configs = files.map((file) => ({ file, config: loadSiteConfig(file) }));
    assertDistinctStacks(configs);
    if (acrossSites) {
      across = fleetFindings(configs);
      const refusal = fleetRefusal(across);
      if (refusal) throw refusal;
    }
  } catch (e) {
    if (e instanceof SiteConfigError) {
      // The app makes one plan: Terraform an earlier run wrote must not stay applicable beside a refused one.
      removeStaleOutputs(target);
      if (e instanceof FleetError) {
        // The page shows the sites and the findings across them; it is no Terraform.
        const page = writeFleetReport(target, fleetReportFiles(configs, across));
        return { code: 1, out, err: [e.message, `Fleet report: ${page}`], siteConfigError: e };
      }
      return { code: e.unreadable ? 2 : 1, out, err: [e.message], siteConfigError: e };
    }
    throw e;
  }
  // Only site files that load make an App, which creates the output folder.
  let sites: { file: string; stack: TopologyStack }[] = [];
  const app = new App(outdir ? { outdir } : {});
  try {
    sites = configs.map(({ file, config }) => ({ file, stack: buildSite(app, config) }));
    app.synth();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof SiteConfigError) {
      removeStaleOutputs(app.outdir);
      err.push(message);
      return { code: 1, out, err, siteConfigError: e };
    }
    if (message.startsWith("The IP plan has rule errors")) {
      // `[construct path] RULE-ID prop: message` lines: the errors, then (after "Warnings:") the warnings.
      const [errorPart, warningPart = ""] = message.split("\nWarnings:\n");
      const lines = errorPart.split("\n").filter((l) => /^\s*\[/.test(l));
      const inTerms = (line: string): string => {
        // `[site-9/…]` or `[site-9-supervisor/…]`: not site-96's lines.
        const name = /^\s*\[([^/\]]+)/.exec(line)?.[1];
        const site = sites.find(
          ({ stack }) => name === stack.config.stackName || name === `${stack.config.stackName}-supervisor`,
        );
        return `  ${site ? inSiteTerms(line, site.file, site.stack.config.stackName) : line.trim()}`;
      };
      err.push("The site configuration has problems (no Terraform was written):");
      const SHOWN = 200;
      err.push(...lines.slice(0, SHOWN).map(inTerms));
      if (lines.length > SHOWN) {
        err.push(
          `… and ${lines.length - SHOWN} more: every one is listed in the stack's ip-plan.md under Findings.`,
        );
      }
      const warnings = warningPart.split("\n").filter((l) => /^\s*\[/.test(l));
      if (warnings.length > 0) {
        err.push("Warnings:", ...warnings.slice(0, SHOWN).map(inTerms));
      }
      return { code: 1, out, err };
    }
    throw e;
  }
  // Under `cdktf synth` (which runs the app with CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS) a plan with errors ends
  // synth normally: the CLI prints every error and warning once, from the manifest, and fails.
  const errorsOf = (s: TopologyStack) =>
    s.planReportInput().diagnostics.some((d) => d.severity === Severity.ERROR);
  if (sites.some(({ stack }) => errorsOf(stack))) {
    return { code: 0, out, err };
  }
  // A refusal of site files by an earlier run under the CLI (its placeholder stack) is not current any more.
  if (!sites.some(({ stack }) => stack.config.stackName === SITE_FILES_STACK)) {
    fs.rmSync(path.join(app.outdir, "stacks", SITE_FILES_STACK), { recursive: true, force: true });
  }
  // The network construct wrote the IP-plan report beside each stack's Terraform; a one-line summary each,
  // then its warnings (ACK-01 included) as the TypeScript path's cdktf annotations show them, in site terms.
  for (const { file, stack } of sites) {
    const dir = path.join(app.outdir, "stacks", stack.config.stackName);
    const input = stack.planReportInput();
    const warnings = input.diagnostics.filter((d) => d.severity === Severity.WARN).length;
    out.push(
      `IP plan ${stack.config.stackName}: ${plural(input.network.portGroups.length, "port group")}, ${plural(input.network.workloadNetworks.length, "workload network")}, ${loadBalancerSummary(stack)}, ${plural(warnings, "warning")} -> ${path.join(dir, "ip-plan.md")}`,
    );
    // Under `cdktf synth` the CLI prints the warning annotations itself.
    for (const line of cliPrintsAnnotations() ? [] : warningLines(app, stack.config.stackName)) {
      out.push(`  warning: ${inSiteTerms(line, file, stack.config.stackName)}`);
    }
  }
  if (acrossSites) {
    out.push(`Fleet report: ${writeFleetReport(app.outdir, fleetReportFiles(configs, across))}`);
  }
  return { code: 0, out, err };
}
