/* global console, process, structuredClone */
// Compare two synthesized apps' stacks (`<outdir>/stacks`), the cdktf package's and the cdktn package's: every file
// of every stack must be equal, with two differences allowed in cdk.tf.json:
// - a provider's registry source spelled another way for the same provider: Terraform reads `name`,
//   `namespace/name` and `hostname/namespace/name` (hashicorp/terraform v1.11.4 `internal/addrs/provider.go` line
//   128, `ParseProviderSourceString`, through terraform-registry-address's `ParseProviderSource`, which supplies
//   the `hashicorp` namespace and the `registry.terraform.io` host left out); the prebuilt @cdktf/provider-http
//   10.0.1 writes `http` (`lib/provider/index.js`, `terraformProviderSource: 'http'`), the binding generated for
//   hashicorp/http 3.5.0 writes `hashicorp/http`;
// - the framework's own metadata block, `//` (its name and release);
// and, in the reports, the installed package's name in links to its rule catalogue.
// Usage: node scripts/compare-stacks.mjs <cdktf stacks dir> <cdktn stacks dir>. Exit 1 with each difference's path.
import * as fs from "node:fs";
import * as path from "node:path";

const [left, right] = process.argv.slice(2);
if (!left || !right) {
  console.error("usage: node scripts/compare-stacks.mjs <cdktf stacks dir> <cdktn stacks dir>");
  process.exit(2);
}

/** The provider source Terraform reads `source` as. */
function canonicalSource(source) {
  const parts = source.toLowerCase().split("/");
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts.join("/")}`;
  return parts.join("/");
}

function normalize(config) {
  const copy = structuredClone(config);
  delete copy["//"];
  for (const requirement of Object.values(copy.terraform?.required_providers ?? {})) {
    if (typeof requirement.source === "string") requirement.source = canonicalSource(requirement.source);
  }
  return copy;
}

function differences(a, b, at, out) {
  if (JSON.stringify(a) === JSON.stringify(b)) return out;
  if (a && b && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
      differences(a[key], b[key], `${at}.${key}`, out);
  } else {
    out.push(`${at}: cdktf ${JSON.stringify(a)}, cdktn ${JSON.stringify(b)}`);
  }
  return out;
}

const found = [];
const stacks = fs.readdirSync(left).sort();
const otherStacks = fs.readdirSync(right).sort();
if (JSON.stringify(stacks) !== JSON.stringify(otherStacks)) {
  found.push(`stacks: cdktf ${stacks.join(", ")}; cdktn ${otherStacks.join(", ")}`);
}
let compared = 0;
for (const stack of stacks.filter((s) => otherStacks.includes(s))) {
  const files = fs
    .readdirSync(path.join(left, stack))
    .filter((f) => fs.statSync(path.join(left, stack, f)).isFile());
  for (const file of files) {
    const a = path.join(left, stack, file);
    const b = path.join(right, stack, file);
    if (!fs.existsSync(b)) {
      found.push(`${stack}/${file}: missing from the cdktn output`);
      continue;
    }
    compared++;
    if (file.endsWith(".json")) {
      const [x, y] = [a, b].map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
      found.push(
        ...differences(
          file === "cdk.tf.json" ? normalize(x) : x,
          file === "cdk.tf.json" ? normalize(y) : y,
          `${stack}/${file}`,
          [],
        ),
      );
    } else {
      // The reports link the rule catalogue inside the installed package, whose name differs.
      const x = fs.readFileSync(a, "utf8").split("\n");
      const y = fs
        .readFileSync(b, "utf8")
        .replaceAll("tanzu-haproxy-network-cdktn/", "tanzu-haproxy-network/")
        .split("\n");
      const line = x.findIndex((l, i) => l !== y[i]);
      if (line >= 0 || x.length !== y.length) {
        const at = line >= 0 ? line : Math.min(x.length, y.length);
        found.push(
          `${stack}/${file} line ${at + 1}: cdktf ${JSON.stringify(x[at])}, cdktn ${JSON.stringify(y[at])}`,
        );
      }
    }
  }
}
if (found.length > 0) {
  console.error(
    `compare-stacks: ${found.length} difference(s) between the cdktf and the cdktn stacks:\n  ${found.join("\n  ")}`,
  );
  process.exit(1);
}
console.log(
  `compare-stacks: ${stacks.length} stacks, ${compared} files equal (provider source spelling and framework metadata aside)`,
);
