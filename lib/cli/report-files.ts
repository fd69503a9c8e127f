/**
 * `report`: the IP-plan report and the address map of a site file, made by the constructs themselves (the same
 * files a synth writes beside the Terraform) in an app that is never synthesized: no Terraform is written.
 */
import { App } from "cdktf";
import { Severity } from "../model/diagnostics";
import { planReportFiles } from "../constructs/plan-report-synthesizer";
import { buildSite } from "../../stacks/run";
import { SiteConfig } from "../../stacks/site-config";

/** The report files of a site, their links to the rule catalogue made from `dir`, and its error count. */
export function reportFilesOf(
  config: SiteConfig,
  dir: string,
): { files: Record<string, string>; errors: number } {
  const stack = buildSite(new App({ outdir: dir, skipValidation: true }), config);
  const errors = stack.planReportInput().diagnostics.filter((d) => d.severity === Severity.ERROR).length;
  return { files: planReportFiles(stack, dir), errors };
}
