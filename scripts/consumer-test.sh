#!/usr/bin/env bash
# The library as a user meets it: pack this checkout, install the tarball into a fresh copy of
# examples/consumer-app (dependencies from the registry, as a user's `npm install` gets them), build it,
# `cdktf synth` it and run its jest tests. Fails when any step fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CHECKPOINT_DISABLE=1

cd "$root"
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
echo "consumer: packed $tarball ($(tar tzf "$work/$tarball" | wc -l) files)"
# The example site files (stacks/sites/*.json and the CA one names) ship: the command line's hints point at them.
if tar tzf "$work/$tarball" | grep -E '^package/(test|bench|scripts|stacks|bin|\.ci)/' | grep -vE '^package/stacks/sites/[^/]+\.(json|pem)$'; then
  echo "consumer: the tarball ships files a user does not need" >&2
  exit 1
fi

app="$work/site-a-infrastructure"
mkdir "$app"
cp "$root/examples/consumer-app/"{package.json,tsconfig.json,cdktf.json,main.ts,main.test.ts} "$app/"
cd "$app"
npm install --no-audit --no-fund --prefer-offline --loglevel=error "$work/$tarball"
# Editors read site files' "$schema" from the installed package (README, "Editor support").
node -e 'JSON.parse(require("fs").readFileSync(require.resolve("tanzu-haproxy-network/schema/site.schema.json"), "utf8"))' \
  || { echo "consumer: schema/site.schema.json is not in the installed package" >&2; exit 1; }
npm run build
# The command line from the user's project: a plan from one block, checked (exit 0 only with no error).
npx tanzu-haproxy-network plan --cidr 10.20.0.0/22 --topology t1 > "$work/proposed-site.json"
npx tanzu-haproxy-network check "$work/proposed-site.json"
npx tanzu-haproxy-network explain VIP-01 >/dev/null
# The shipped examples are site files the installed command reads (T6 with the CA file beside it).
npx tanzu-haproxy-network check node_modules/tanzu-haproxy-network/stacks/sites/t6-existing-haproxy.json
npx cdktf synth | tee "$work/synth.log"
for f in cdk.tf.json ip-plan.md address-map.svg; do
  test -s "cdktf.out/stacks/site-a/$f" || { echo "consumer: cdktf.out/stacks/site-a/$f is missing" >&2; exit 1; }
done
# Links to the rule catalogue resolve in the user's project: the warnings' [path#id] from the project folder,
# the report's from cdktf.out/stacks/site-a (docs/rules.md ships in the package, each rule an "### ID" heading).
node - "$work/synth.log" <<'JS'
const fs = require("fs");
const path = require("path");
const resolves = (from, link) => {
  const [file, anchor] = link.split("#");
  const target = path.resolve(from, file);
  return fs.existsSync(target) && fs.readFileSync(target, "utf8").split("\n").some((l) => l === `### ${anchor.toUpperCase()}`);
};
const report = "cdktf.out/stacks/site-a";
const fromReport = [...fs.readFileSync(`${report}/ip-plan.md`, "utf8").matchAll(/\]\(([^)]*rules\.md#[a-z0-9-]+)\)/g)].map((m) => m[1]);
const fromLog = [...fs.readFileSync(process.argv[2], "utf8").matchAll(/\[([^\]\s]*rules\.md#[a-z0-9-]+)\]/g)].map((m) => m[1]);
const broken = [...fromReport.filter((l) => !resolves(report, l)), ...fromLog.filter((l) => !resolves(".", l))];
if (fromReport.length === 0 || fromLog.length === 0 || broken.length > 0) {
  console.error(`consumer: rule catalogue links (report ${fromReport.length}, synth ${fromLog.length}) do not resolve: ${broken.join(", ")}`);
  process.exit(1);
}
console.log(`consumer: ${fromReport.length + fromLog.length} rule catalogue links resolve, e.g. ${fromLog[0]} and ${fromReport[0]}`);
JS
test -s cdktf.out/stacks/site-a-supervisor/cdk.tf.json || { echo "consumer: the Supervisor's stack was not synthesized" >&2; exit 1; }
npx jest --ci
# Terraform's and OpenTofu's configuration loading on what the user's project wrote: with an empty provider
# mirror, `init` may fail only at provider installation, never on the configuration.
mirror="$work/empty-mirror"
mkdir -p "$mirror"
printf 'provider_installation {\n  filesystem_mirror { path = "%s" }\n}\n' "$mirror" > "$work/empty.tfrc"
# The HCL exit of the same project, beside the JSON.
npx cdktf synth --hcl --output cdktf.out.hcl >/dev/null
test -s cdktf.out.hcl/stacks/site-a/cdk.tf || { echo "consumer: cdktf synth --hcl wrote no cdk.tf" >&2; exit 1; }
for engine in terraform tofu; do
  command -v "$engine" >/dev/null || { echo "consumer: $engine not on PATH, not loaded with it"; continue; }
  for syntax in json hcl; do
  copy="$work/load-$engine-$syntax"
  mkdir -p "$copy"
  if [ "$syntax" = json ]; then cp cdktf.out/stacks/site-a/cdk.tf.json "$copy/"; else cp cdktf.out.hcl/stacks/site-a/cdk.tf "$copy/"; fi
  out=$(cd "$copy" && TF_CLI_CONFIG_FILE="$work/empty.tfrc" "$engine" init -backend=false -input=false -no-color 2>&1 || true)
  other=$(printf '%s\n' "$out" | grep -E '^(Error|Warning): ' | grep -vE 'Failed to query available provider packages|encountered problems during initiali[sz]ation' || true)
  if [ -n "$other" ] || ! printf '%s\n' "$out" | grep -q 'Failed to query available provider packages'; then
    printf 'consumer: %s does not load the configuration:\n%s\n' "$engine" "$out" >&2
    exit 1
  fi
  echo "consumer: $engine loaded the $syntax output (stopped only at provider installation)"
  done
done
echo "consumer: installed, composed, synthesized and tested in $app"
