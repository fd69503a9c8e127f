/**
 * `report`: the IP-plan report and the address map of a site file, made by the constructs themselves (the same
 * files a synth writes beside the Terraform) in an app that is never synthesized: no Terraform is written.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { Severity } from "../model/diagnostics";
import { planReportFiles } from "../constructs/plan-report-synthesizer";
import { buildSite } from "../site/build-site";
import { SiteConfig } from "../site/site-config";

/** The report files of a site, their links to the rule catalogue made from `dir`, and its error count. */
export function reportFilesOf(
  config: SiteConfig,
  dir: string,
): { files: Record<string, string>; errors: number } {
  // The app is never synthesized; its output folder is a temporary one, removed again.
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "tanzu-haproxy-network-report-"));
  try {
    const stack = buildSite(new App({ outdir, skipValidation: true }), config);
    const errors = stack.planReportInput().diagnostics.filter((d) => d.severity === Severity.ERROR).length;
    return { files: planReportFiles(stack, dir), errors };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
