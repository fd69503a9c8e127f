#!/usr/bin/env bash
# The API reference, docs/api/API.typescript.md and docs/api/API.python.md, generated from the jsii assembly by
# jsii-docgen (as Construct Hub renders it). With --check (npm test, CI): fail when the committed files are not
# what the current API gives.
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=1 JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
npm run --silent build
if [ "${1:-}" != --check ]; then
  npx jsii-docgen --language typescript --language python --output docs/api/API
  exit 0
fi
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
npx jsii-docgen --language typescript --language python --output "$fresh/API"
for language in typescript python; do
  if ! diff -q "docs/api/API.$language.md" "$fresh/API.$language.md" >/dev/null; then
    diff -u "docs/api/API.$language.md" "$fresh/API.$language.md" | head -n 40 >&2 || true
    echo "docs/api/API.$language.md is not the current API's reference: run \`npm run docs:api\` and commit it." >&2
    exit 1
  fi
done
echo "docs/api: the API reference is current (TypeScript, Python)"
