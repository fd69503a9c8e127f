/** The site files of a folder (`--sites-dir`, `SITES_DIR`). */
import * as fs from "fs";
import * as path from "path";

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
