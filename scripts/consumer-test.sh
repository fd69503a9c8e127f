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
if tar tzf "$work/$tarball" | grep -E '^package/(test|bench|scripts|stacks|bin|\.ci)/'; then
  echo "consumer: the tarball ships files a user does not need" >&2
  exit 1
fi

app="$work/site-a-infrastructure"
mkdir "$app"
cp "$root/examples/consumer-app/"{package.json,tsconfig.json,cdktf.json,main.ts,main.test.ts} "$app/"
cd "$app"
npm install --no-audit --no-fund --prefer-offline --loglevel=error "$work/$tarball"
npm run build
npx cdktf synth
for f in cdk.tf.json ip-plan.md address-map.svg; do
  test -s "cdktf.out/stacks/site-a/$f" || { echo "consumer: cdktf.out/stacks/site-a/$f is missing" >&2; exit 1; }
done
npx jest --ci
echo "consumer: installed, composed, synthesized and tested in $app"
