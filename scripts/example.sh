#!/usr/bin/env bash
# dyad's main job on the bundled example corpus: builds dyad, codes every
# article in examples/ and prints the events in a readable table.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target dyad >&2
build/release/tools/dyad code --format table examples/*.jsonl
