/**
 * The built-in sites, as site files in `stacks/sites/`: the seed page's four topologies on the HAProxy appliance
 * (T1 to T4), and sites on the Supervisor's other load balancers (the vSphere Foundation Load Balancer, an
 * existing HAProxy).
 */
import * as fs from "fs";
import * as path from "path";

/** The folder of the built-in site files. */
export const BUILT_IN_SITES_DIR = fs.existsSync(path.join(__dirname, "sites"))
  ? path.join(__dirname, "sites")
  : // Compiled into dist/stacks (the benchmark): the JSON files stay in the sources.
    path.join(__dirname, "..", "..", "stacks", "sites");

/** Paths of the built-in site files, by name: T1 to T4 on the appliance, then the others. */
export function builtInSiteFiles(): string[] {
  return fs
    .readdirSync(BUILT_IN_SITES_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => path.join(BUILT_IN_SITES_DIR, f));
}

/** The built-in sites that deploy the HAProxy appliance (`haproxy`): T1 to T4. */
export function builtInApplianceSiteFiles(): string[] {
  return builtInSiteFiles().filter(
    (f) => (JSON.parse(fs.readFileSync(f, "utf8")) as { haproxy?: unknown }).haproxy,
  );
}

export { siteFilesIn } from "../lib/site/site-files";
