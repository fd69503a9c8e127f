/** The built-in sites: the seed page's four topologies, as site files in `stacks/sites/`. */
import * as fs from "fs";
import * as path from "path";

/** The folder of the built-in site files. */
export const BUILT_IN_SITES_DIR = fs.existsSync(path.join(__dirname, "sites"))
  ? path.join(__dirname, "sites")
  : // Compiled into dist/stacks (the benchmark): the JSON files stay in the sources.
    path.join(__dirname, "..", "..", "stacks", "sites");

/** Paths of the built-in site files, T1 to T4. */
export function builtInSiteFiles(): string[] {
  return fs
    .readdirSync(BUILT_IN_SITES_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => path.join(BUILT_IN_SITES_DIR, f));
}
