/**
 * `npm run build:cdktn`: the CDK Terrain package, `tanzu-haproxy-network-cdktn`, from the same source as the cdktf
 * package. Two outputs under build/cdktn/ (git-ignored):
 * - `tree/`: this repository as a cdktn project, every TypeScript file of lib/, test/, stacks/, bin/ and bench/
 *   rewritten (the core module `cdktf` → `cdktn`; `@cdktf/provider-*` imports → the bindings generated for the
 *   exact releases we pin, providers/gen/); `npm run test:cdktn` runs the jest suite there.
 * - `package/`: the npm package compiled from tree/lib and tree/providers/gen (the bindings ship inside it, so the
 *   `.d.ts` files resolve at `require`), with its own package.json: peer dependencies `cdktn` and `constructs` only.
 *
 * Which vsphere release a file's resources belong to is declared in providers/releases.json (`files`); a file that
 * imports a provider with two pinned releases and is not listed stops the build.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  bindingFolder,
  committedSchema,
  generateBinding,
  genDir,
  IMPORT_HEAD,
  PinnedRelease,
  pinnedReleases,
  rewriteCoreModule,
} from "./generate-bindings";

const root = path.resolve(__dirname, "..");
const out = path.join(root, "build", "cdktn");
const tree = path.join(out, "tree");
const pkg = path.join(out, "package");

/** The cdktn package's name; the cdktf package keeps `tanzu-haproxy-network`. */
export const CDKTN_PACKAGE = "tanzu-haproxy-network-cdktn";
/** cdktn 0.24's own peer range for constructs (`npm view cdktn@0.24.0 peerDependencies`). */
const CONSTRUCTS_RANGE = ">=10.6.0 <10.8.0";

/** Places where the source names its own package; each must match exactly once. */
const PACKAGE_NAME_SITES: { file: string; from: string; to: string }[] = [
  {
    file: "lib/constructs/rules-document.ts",
    from: 'const PACKAGE = "tanzu-haproxy-network";',
    to: `const PACKAGE = "${CDKTN_PACKAGE}";`,
  },
  {
    file: "lib/cli/commands.ts",
    from: '"./node_modules/tanzu-haproxy-network/schema/site.schema.json"',
    to: `"./node_modules/${CDKTN_PACKAGE}/schema/site.schema.json"`,
  },
];

const REWRITTEN = /^(lib|test|stacks|bin|bench)\/.*\.(ts|mts|js|mjs)$/;

/** The binding a file's import of `@cdktf/provider-<name>` goes to. */
function releaseFor(file: string, name: string, releases: PinnedRelease[]): PinnedRelease {
  const candidates = releases.filter((r) => r.name === name);
  if (candidates.length === 0) {
    throw new Error(`${file} imports @cdktf/provider-${name}, which providers/releases.json does not pin`);
  }
  if (candidates.length === 1) return candidates[0];
  const listed = candidates.filter((r) => r.files?.includes(file));
  const fallback = candidates.filter((r) => r.files === undefined);
  const chosen =
    listed.length === 1 ? listed[0] : listed.length === 0 && fallback.length === 1 ? fallback[0] : undefined;
  if (!chosen) {
    throw new Error(
      `${file} imports @cdktf/provider-${name}, pinned at ${candidates.map((r) => r.version).join(" and ")}: list it in the "files" of one of them in providers/releases.json`,
    );
  }
  return chosen;
}

/** One source file as the cdktn tree has it. */
export function rewriteForCdktn(file: string, text: string, releases: PinnedRelease[]): string {
  let result = rewriteCoreModule(text, "cdktf", "cdktn");
  result = result.replace(
    new RegExp(`(${IMPORT_HEAD})(["'])@cdktf/provider-([a-z0-9-]+)(?:/lib/([^"']+)|/lib)?\\2`, "g"),
    (_all, head: string, quote: string, name: string, sub: string | undefined) => {
      const release = releaseFor(file, name, releases);
      const target = path.posix.join("providers/gen", bindingFolder(release), sub ?? "index");
      let relative = path.posix.relative(path.posix.dirname(file), target);
      if (!relative.startsWith(".")) relative = `./${relative}`;
      return `${head}${quote}${relative}${quote}`;
    },
  );
  for (const site of PACKAGE_NAME_SITES.filter((s) => s.file === file)) {
    const hits = result.split(site.from).length - 1;
    if (hits !== 1) {
      throw new Error(`${file}: expected ${JSON.stringify(site.from)} once, found it ${hits} times`);
    }
    result = result.replace(site.from, site.to);
  }
  return result;
}

function copyTree(releases: PinnedRelease[]): void {
  fs.rmSync(tree, { recursive: true, force: true });
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], {
    cwd: root,
    encoding: "utf8",
  })
    .split("\0")
    .filter((f) => f !== "" && !f.startsWith("build/") && fs.existsSync(path.join(root, f)));
  for (const file of files) {
    const target = path.join(tree, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (REWRITTEN.test(file)) {
      fs.writeFileSync(
        target,
        rewriteForCdktn(file, fs.readFileSync(path.join(root, file), "utf8"), releases),
      );
    } else {
      fs.copyFileSync(path.join(root, file), target);
    }
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(tree, "package.json"), "utf8")) as Record<
    string,
    unknown
  >;
  fs.writeFileSync(
    path.join(tree, "package.json"),
    JSON.stringify({ ...manifest, name: CDKTN_PACKAGE }, null, 2) + "\n",
  );
  fs.cpSync(genDir, path.join(tree, "providers", "gen"), { recursive: true });
  linkNodeModules();
}

/** The framework the cdktn package is built against: tools/cdktn (cdktn 0.24 and the constructs release it takes). */
const framework = path.join(root, "tools", "cdktn", "node_modules");

/**
 * tree/node_modules: the repository's packages, with `cdktn` and `constructs` from tools/cdktn (the repository's own
 * constructs stays at the cdktf package's lowest peer release, 10.4.2, below cdktn's >=10.6.0). Node.js and jest
 * resolve a symlinked package by its real path, so the library, the tests and cdktn share one `constructs`.
 */
function linkNodeModules(): void {
  for (const name of ["cdktn", "constructs"]) {
    if (!fs.existsSync(path.join(framework, name, "package.json"))) {
      throw new Error(`tools/cdktn has no ${name}: run \`npm ci --prefix tools/cdktn\` first`);
    }
  }
  const modules = path.join(tree, "node_modules");
  fs.mkdirSync(modules);
  for (const entry of fs.readdirSync(path.join(root, "node_modules"))) {
    if (entry === "cdktn" || entry === "constructs") continue;
    fs.symlinkSync(path.join(root, "node_modules", entry), path.join(modules, entry));
  }
  for (const name of ["cdktn", "constructs"]) {
    fs.symlinkSync(path.join(framework, name), path.join(modules, name), "dir");
  }
}

/** Generate any binding providers/gen lacks (from the committed schemas), and say where each came from. */
async function ensureBindings(releases: PinnedRelease[]): Promise<void> {
  const manifestFile = path.join(genDir, "manifest.json");
  const manifest = fs.existsSync(manifestFile)
    ? (JSON.parse(fs.readFileSync(manifestFile, "utf8")) as {
        source: string;
        version: string;
        from: string;
      }[])
    : [];
  for (const release of releases) {
    const have = manifest.find((m) => m.source === release.source && m.version === release.version);
    if (have && fs.existsSync(path.join(genDir, bindingFolder(release), "index.ts"))) {
      console.log(`build:cdktn: ${release.source} ${release.version} binding from ${have.from}`);
      continue;
    }
    await generateBinding(
      release,
      committedSchema(release),
      path.join(genDir, bindingFolder(release)),
      "cdktn",
    );
    const from = `providers/schemas/${release.schema} (committed)`;
    console.log(`build:cdktn: ${release.source} ${release.version} binding generated from ${from}`);
    manifest.push({ source: release.source, version: release.version, from });
  }
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + "\n");
}

function writePackage(): void {
  fs.rmSync(pkg, { recursive: true, force: true });
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  const config = {
    extends: path.join(root, "tsconfig.jsii.json"),
    compilerOptions: { rootDir: tree, outDir: pkg, noUnusedLocals: false, skipLibCheck: true },
    include: [path.join(tree, "lib/**/*.ts"), path.join(tree, "providers/gen/**/*.ts")],
  };
  const configFile = path.join(out, "tsconfig.package.json");
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  execFileSync(process.execPath, [tsc, "-p", configFile], { stdio: "inherit" });
  const source = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    version: string;
    license: string;
    author: unknown;
    repository: unknown;
    engines: unknown;
    dependencies: Record<string, string>;
  };
  const cdktnVersion = (
    JSON.parse(fs.readFileSync(path.join(framework, "cdktn", "package.json"), "utf8")) as {
      version: string;
    }
  ).version;
  const manifest = {
    name: CDKTN_PACKAGE,
    version: source.version,
    description:
      "CDK Terrain (cdktn) constructs for vSphere with Tanzu networking on the HAProxy load balancer: the same constructs and rules as tanzu-haproxy-network, with provider bindings generated from the exact releases the stacks pin.",
    license: source.license,
    author: source.author,
    repository: source.repository,
    main: "lib/index.js",
    types: "lib/index.d.ts",
    bin: { "tanzu-haproxy-network": "lib/cli/main.js" },
    // The bindings for the pinned releases are the user's too: `<package>/providers/gen/<source>-<version>/<resource>`.
    exports: {
      ".": { types: "./lib/index.d.ts", default: "./lib/index.js" },
      "./providers/gen/*": { types: "./providers/gen/*/index.d.ts", default: "./providers/gen/*/index.js" },
      "./package.json": "./package.json",
      "./schema/site.schema.json": "./schema/site.schema.json",
    },
    files: [
      "lib/**/*.js",
      "lib/**/*.d.ts",
      "providers/gen/**/*.js",
      "providers/gen/**/*.d.ts",
      "providers/gen/manifest.json",
      "schema/site.schema.json",
      "docs/rules.md",
      "README.md",
    ],
    engines: source.engines,
    peerDependencies: {
      cdktn: `~${cdktnVersion.split(".").slice(0, 2).join(".")}.0`,
      constructs: CONSTRUCTS_RANGE,
    },
    dependencies: source.dependencies,
  };
  fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
  for (const file of [
    "schema/site.schema.json",
    "docs/rules.md",
    "README.md",
    "LICENSE",
    "providers/gen/manifest.json",
  ]) {
    if (fs.existsSync(path.join(root, file))) {
      fs.mkdirSync(path.dirname(path.join(pkg, file)), { recursive: true });
      fs.copyFileSync(path.join(root, file), path.join(pkg, file));
    }
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const releases = pinnedReleases();
  await ensureBindings(releases);
  copyTree(releases);
  const onlyTree = process.argv.includes("--tree-only");
  if (!onlyTree) writePackage();
  console.log(
    `build:cdktn: ${onlyTree ? "" : `package ${path.relative(root, pkg)}, `}tree ${path.relative(root, tree)} (${Date.now() - started} ms)`,
  );
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`build:cdktn: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
