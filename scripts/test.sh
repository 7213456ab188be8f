#!/usr/bin/env bash
# Builds dyad and runs every test: the release build (unit tests, golden records,
# quality suites, fuzz-corpus replays), then the whole suite again under
# AddressSanitizer + UBSan. Tests that need ../shared skip cleanly without it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)
# The dashboard's browser tests skip without its npm packages; here they must run.
[ -f web/node_modules/.package-lock.json ] || { echo "test.sh: web/node_modules missing (npm ci failed?)" >&2; exit 1; }
echo "== dictionary lint (PETRARCH-format files, SVO gold)" >&2
python3 tools/dictgen/check.py
for preset in release asan-ubsan; do
  echo "== $preset" >&2
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  if [ "$preset" = release ]; then
    echo "== dyad dict check (the default dictionaries)" >&2
    "build/$preset/tools/dyad" dict check
  fi
  ctest --preset "$preset" -j "$jobs"
done
