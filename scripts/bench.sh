#!/usr/bin/env bash
# Builds the release preset and runs every benchmark in bench/ (each prints its
# figures beside the recorded baselines; those that need ../shared say so and skip).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release -DDYAD_BUILD_BENCH=ON >/dev/null
cmake --build --preset release -j "$(nproc)"
status=0
for bin in $(find build/release/bench -maxdepth 1 -type f -executable | sort); do
  echo "== $(basename "$bin")"
  "$bin" || { echo "$(basename "$bin") failed with status $?" >&2; status=1; }
  echo
done
exit "$status"
