#!/usr/bin/env bash
# The construct library as a Python user meets it: build the jsii assembly and the wheel (dist/python), install
# the wheel into a virtual environment with the exact cdktf and provider wheels of test/python/requirements.txt
# from PyPI, and run the pytest suite of test/python. Node.js runs the library underneath, as for every jsii
# library.
#
# Cached, so `npm test` stays fast: the wheel is rebuilt only when the compiled library or package.json changed,
# the environment (.venv-python) only when requirements.txt changed. PYTHON_TEST_FRESH=1 (CI) starts from a new
# environment and a new wheel.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=1 JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
venv="$root/.venv-python"
python=${PYTHON:-python3}

npm run --silent build
stamp() { cat "$@" | sha256sum | cut -d' ' -f1; }
wheel_key=$(stamp .jsii package.json $(find dist/lib -name '*.js' | sort))
wheel=$(ls dist/python/tanzu_haproxy_network-*.whl 2>/dev/null | head -n 1 || true)
if [ "${PYTHON_TEST_FRESH:-}" = 1 ] || [ -z "$wheel" ] || [ "$(cat dist/python/.key 2>/dev/null)" != "$wheel_key" ]; then
  rm -rf dist/python
  npx jsii-pacmak --targets python
  echo "$wheel_key" > dist/python/.key
  wheel=$(ls dist/python/tanzu_haproxy_network-*.whl)
fi

env_key=$(stamp test/python/requirements.txt)
if [ "${PYTHON_TEST_FRESH:-}" = 1 ] || [ "$(cat "$venv/.key" 2>/dev/null)" != "$env_key" ]; then
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r test/python/requirements.txt
  echo "$env_key" > "$venv/.key"
fi
if [ "$(cat "$venv/.wheel" 2>/dev/null)" != "$wheel_key" ]; then
  # The wheel's own requirements are the pinned ones above: nothing else may come in.
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --force-reinstall "$wheel"
  "$venv/bin/pip" check
  echo "$wheel_key" > "$venv/.wheel"
fi

cd test/python
CHECKPOINT_DISABLE=1 "$venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
