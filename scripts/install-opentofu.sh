#!/usr/bin/env bash
# Prints the folder that holds OpenTofu v1.6.3's `tofu`, building it once from the Go module proxy into a cache
# CI reuses (about 5 minutes the first time on 2 cores). v1.6.3: later tags carry a `replace` directive that
# `go install module@version` refuses. The configuration tests load every stack with it beside `terraform`.
set -euo pipefail
dir="${TOFU_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tanzu-haproxy-network/opentofu-v1.6.3}"
if [ ! -x "$dir/tofu" ]; then
  mkdir -p "$dir"
  GOBIN="$dir" GOFLAGS=-mod=mod go install github.com/opentofu/opentofu/cmd/tofu@v1.6.3 >&2
fi
"$dir/tofu" version >&2
echo "$dir"
