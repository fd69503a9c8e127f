/**
 * Site files that cannot be used, under the cdktf CLI: the app tells the CLI through its manifest, as it does
 * for rule errors, so that the CLI prints each problem once and fails. Printed by the app itself, they would be
 * printed twice (the CLI logs a failing app's output as it comes, then again after "cdktf encountered an error
 * while synthesizing": see `refuseBeforeSynthesis`).
 */
import { RefusalError, refuseBeforeSynthesis } from "../constructs/refused-synthesis";
import { SiteConfigError } from "../site/site-config";
import { FleetError, problemLine } from "./site-fleet";

/** The stack of the manifest that carries the site files' problems (no Terraform is written for it). */
export const SITE_FILES_STACK = "site-files";

/**
 * The problems of a site file, each at the file: `CFG-01 haproxy.managmentIp (line 43): …`, or, for a file that
 * cannot be read or is not JSON, `not valid JSON: line 15, column 26: …` with its excerpt and caret; problems
 * across sites (FLT) each at its own file.
 */
export function siteFileRefusals(error: SiteConfigError): RefusalError[] {
  if (error instanceof FleetError) {
    // Across sites: each finding at its own file.
    return error.findings.map((f) => ({ where: f.file, message: problemLine(f) }));
  }
  const heading = error.message.slice(0, error.message.indexOf(":\n"));
  const reason = heading.replace(`The site file ${error.file} `, "").replace(/^is /, "");
  return error.problems.map((problem) => ({
    where: error.file,
    message: error.unreadable ? `${reason}: ${problem}` : problem,
  }));
}

/**
 * Write the CLI's manifest for site files that stopped the run: every Terraform file of the output folder is
 * removed, and the one stack `site-files` carries the problems as error annotations.
 *
 * @param outdir the output folder (default: the CLI's `CDKTF_OUTDIR`, else `cdktf.out`, as cdktf's `App` reads it)
 */
export function refuseSiteFiles(error: SiteConfigError, outdir?: string): void {
  refuseBeforeSynthesis(outdirOrDefault(outdir), SITE_FILES_STACK, siteFileRefusals(error));
}

/**
 * The same for a usage error (under the CLI, from `SITE_CONFIG`): one error annotation at `usage`, e.g.
 * `ERROR [usage]: SITE_CONFIG "," names no site file.`
 */
export function refuseUsage(message: string, outdir?: string): void {
  refuseBeforeSynthesis(outdirOrDefault(outdir), SITE_FILES_STACK, [{ where: "usage", message }]);
}

function outdirOrDefault(outdir: string | undefined): string {
  return outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
}
