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

/**
 * The site files of a folder: every `*.json` directly in it (not in subfolders), sorted by name. Throws an Error
 * whose message is a usage error when the folder cannot be read or holds no site file.
 */
export function siteFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(
      code === "ENOENT"
        ? `the sites folder ${dir} does not exist. Give the folder of your site files, e.g. --sites-dir stacks/sites.`
        : code === "ENOTDIR"
          ? `${dir} is a file, not a folder: for one site file use --site ${dir}.`
          : `the sites folder ${dir} cannot be read (${code ?? "error"}).`,
    );
  }
  const files = names
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile());
  if (files.length === 0) {
    throw new Error(`the sites folder ${dir} holds no site file (*.json).`);
  }
  return files;
}

/** The built-in sites that deploy the HAProxy appliance (`haproxy`): T1 to T4. */
export function builtInApplianceSiteFiles(): string[] {
  return builtInSiteFiles().filter(
    (f) => (JSON.parse(fs.readFileSync(f, "utf8")) as { haproxy?: unknown }).haproxy,
  );
}
