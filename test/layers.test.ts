/** The folders of lib/ are layers, and imports go one way: model → rules → report → constructs → site (the site-file reader) → cli (the command line); index. */
import * as fs from "fs";
import * as path from "path";

const LIB = path.join(__dirname, "..", "lib");
const RANK: Record<string, number> = { model: 0, rules: 1, report: 2, constructs: 3, site: 4, cli: 5 };

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

const layerOf = (file: string) => path.relative(LIB, file).split(path.sep)[0];

describe("lib/ layers", () => {
  test("every file lives in a layer folder, index.ts alone at the top", () => {
    const top = files(LIB)
      .filter((f) => path.dirname(f) === LIB)
      .map((f) => path.basename(f));
    expect(top).toEqual(["index.ts"]);
    for (const f of files(LIB).filter((f) => path.dirname(f) !== LIB)) {
      expect(Object.keys(RANK)).toContain(layerOf(f));
    }
  });

  test("no file imports from a higher layer, and only index.ts is the public door", () => {
    const wrong: string[] = [];
    for (const f of files(LIB).filter((f) => path.dirname(f) !== LIB)) {
      const text = fs.readFileSync(f, "utf8");
      for (const m of text.matchAll(/from "(\.[^"]+)"/g)) {
        const target = path.resolve(path.dirname(f), m[1]);
        if (target === path.join(LIB, "index")) {
          wrong.push(`${path.relative(LIB, f)} imports the package index`);
          continue;
        }
        if (RANK[layerOf(target)] > RANK[layerOf(f)]) {
          wrong.push(`${path.relative(LIB, f)} imports ${m[1]}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  test("lib/ imports nothing from the app around it (stacks/, bin/): the package's command line imports lib/site", () => {
    // The cdktn package's build points provider imports at the bindings it ships (scripts/build-cdktn.ts).
    const shipped = path.join(path.dirname(LIB), "providers", "gen");
    const outside = files(LIB).flatMap((f) =>
      [...fs.readFileSync(f, "utf8").matchAll(/from "(\.[^"]+)"/g)]
        .map((m) => path.resolve(path.dirname(f), m[1]))
        .filter(
          (target) => path.relative(LIB, target).startsWith("..") && !target.startsWith(shipped + path.sep),
        )
        .map((target) => `${path.relative(LIB, f)} imports ${path.relative(path.dirname(LIB), target)}`),
    );
    expect(outside).toEqual([]);
  });
});
