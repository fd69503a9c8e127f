#!/usr/bin/env bash
# The cdktn package as a CDK Terrain user meets it: build and pack tanzu-haproxy-network-cdktn (scripts/build-cdktn.ts),
# install the tarball into a fresh copy of examples/cdktn-consumer-app (cdktn, constructs and cdktn-cli from the
# registry), build it, run its jest tests (the machine's Node.js), `cdktn synth` it with Node.js 22 from
# tools/node22 (cdktn-cli 0.24 needs >=22.19), then synthesize examples/consumer-app with the cdktf package and
# compare the two projects' stacks: equal except the spelling of a provider's registry source and the
# framework's own metadata. Fails when any step fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CHECKPOINT_DISABLE=1

cd "$root"
npm run build:cdktn
tarball=$(cd build/cdktn/package && npm pack --silent --pack-destination "$work" | tail -n 1)
echo "consumer-cdktn: packed $tarball ($(tar tzf "$work/$tarball" | wc -l) files)"
# Every .d.ts of the package resolves what it imports inside the package or from its peers.
if tar tzf "$work/$tarball" | grep -E '^package/(test|bench|scripts|stacks|bin|\.ci)/|\.ts$' | grep -v '\.d\.ts$'; then
  echo "consumer-cdktn: the tarball ships files a user does not need" >&2
  exit 1
fi

(cd tools/node22 && npm ci --no-audit --no-fund --loglevel=error)
node22="$root/tools/node22/node_modules/.bin/node"
"$node22" -e 'const [a, b] = process.versions.node.split(".").map(Number); if (a < 22 || (a === 22 && b < 19)) process.exit(1)' \
  || { echo "consumer-cdktn: tools/node22 gives Node.js $("$node22" --version), the cdktn CLI needs >=22.19" >&2; exit 1; }

app="$work/site-a-infrastructure-cdktn"
mkdir "$app"
cp "$root/examples/cdktn-consumer-app/"{package.json,tsconfig.json,cdktf.json,main.ts,main.test.ts} "$app/"
cd "$app"
npm install --no-audit --no-fund --prefer-offline --loglevel=error --engine-strict=false "$work/$tarball"
node -e 'JSON.parse(require("fs").readFileSync(require.resolve("tanzu-haproxy-network-cdktn/schema/site.schema.json"), "utf8"))' \
  || { echo "consumer-cdktn: schema/site.schema.json is not in the installed package" >&2; exit 1; }
npm run build
npx jest --ci
npx tanzu-haproxy-network explain VIP-01 >/dev/null
# The CLI on Node.js 22, first on its PATH: the CLI checks the `node` it finds there (>=22) and starts the app
# (`node dist/main.js`, cdktf.json) with it.
PATH="$(dirname "$node22"):$PATH" npx --no-install cdktn synth 2>&1 | tee "$work/synth.log"
if grep -qE "__type: '|Error: " "$work/synth.log"; then
  echo "consumer-cdktn: the cdktn CLI reported an error" >&2
  exit 1
fi
# The warnings' links to the rule catalogue resolve from the project folder (the package ships docs/rules.md).
links=$(grep -oE '\[node_modules/tanzu-haproxy-network-cdktn/docs/rules\.md#[a-z0-9-]+\]' "$work/synth.log" | sort -u)
test -n "$links" || { echo "consumer-cdktn: the synth printed no rule catalogue link" >&2; exit 1; }
for link in $links; do
  file=${link#[}; file=${file%%#*}; anchor=${link##*#}; anchor=${anchor%]}
  grep -qx "### ${anchor^^}" "$file" || { echo "consumer-cdktn: $link does not resolve" >&2; exit 1; }
done
for f in cdk.tf.json ip-plan.md address-map.svg; do
  test -s "cdktf.out/stacks/site-a/$f" || { echo "consumer-cdktn: cdktf.out/stacks/site-a/$f is missing" >&2; exit 1; }
done
test -s cdktf.out/stacks/site-a-supervisor/cdk.tf.json || { echo "consumer-cdktn: the Supervisor's stack was not synthesized" >&2; exit 1; }

# The same user project on cdktf (the cdktf package, packed from this checkout), synthesized by its app directly.
cd "$root"
cdktf_tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
cdktf_app="$work/site-a-infrastructure"
mkdir "$cdktf_app"
cp "$root/examples/consumer-app/"{package.json,tsconfig.json,cdktf.json,main.ts} "$cdktf_app/"
cd "$cdktf_app"
npm install --no-audit --no-fund --prefer-offline --loglevel=error "$work/$cdktf_tarball"
npx tsc -p tsconfig.json
CDKTF_OUTDIR=cdktf.out node dist/main.js
node "$root/scripts/compare-stacks.mjs" "$cdktf_app/cdktf.out/stacks" "$app/cdktf.out/stacks"
echo "consumer-cdktn: installed, composed, synthesized and tested in $app; its stacks equal the cdktf project's"
