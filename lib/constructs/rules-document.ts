/**
 * Where the rule catalogue (`docs/rules.md`, shipped in the package by package.json "files") is on the machine
 * that synthesizes, so that a message's or a report's link resolves in the user's own project: from the
 * project folder `node_modules/tanzu-haproxy-network/docs/rules.md`, from `cdktf.out/stacks/<stack>/`
 * `../../../node_modules/tanzu-haproxy-network/docs/rules.md` (in this repository `docs/rules.md` and
 * `../../../docs/rules.md`).
 */
import * as fs from "fs";
import * as path from "path";
import { RULES_DOCUMENT } from "../report/rules-doc";

const PACKAGE = "tanzu-haproxy-network";
/** The catalogue named within the package, where no path from the folder at hand can be given. */
export const PACKAGE_RULES_DOCUMENT = `${PACKAGE}/${RULES_DOCUMENT}`;

let found: string | null | undefined;

/** The catalogue file: `docs/rules.md` of the package folder above this module (`lib/…` or `dist/lib/…`). */
export function rulesDocumentFile(): string | undefined {
  if (found === undefined) {
    found = null;
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
      const manifest = path.join(dir, "package.json");
      if (fs.existsSync(manifest)) {
        const name = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: unknown }).name;
        const doc = path.join(dir, RULES_DOCUMENT);
        if (name === PACKAGE && fs.existsSync(doc)) {
          found = doc;
        }
        break;
      }
      if (path.dirname(dir) === dir) {
        break;
      }
    }
  }
  return found ?? undefined;
}

function posix(p: string): string {
  return p.split(path.sep).join("/");
}

function inside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** The catalogue as a path from the folder the command runs in (messages), e.g. `node_modules/tanzu-haproxy-network/docs/rules.md`. */
export function rulesDocumentFromCwd(): string {
  const file = rulesDocumentFile();
  return file ? posix(path.relative(process.cwd(), file)) : PACKAGE_RULES_DOCUMENT;
}

/**
 * The catalogue as a link from a folder of the output (a report beside a stack's Terraform). Relative when the
 * folder and the catalogue both lie in the project (the folder the command runs in), so that the link moves with
 * it and names no path of this machine; otherwise the package-relative `tanzu-haproxy-network/docs/rules.md`.
 */
export function rulesDocumentFrom(dir: string): string {
  const file = rulesDocumentFile();
  const project = process.cwd();
  return file && inside(project, file) && inside(project, path.resolve(dir))
    ? posix(path.relative(path.resolve(dir), file))
    : PACKAGE_RULES_DOCUMENT;
}
