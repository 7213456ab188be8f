#!/usr/bin/env bash
# dyad's main job on the bundled example corpus: builds dyad, codes every
# article in examples/ and prints the events in a readable table.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target dyad >&2

args=(code --format table)
# Until dyad's own verb dictionary lands in data/dict, code with PETRARCH's
# Phoenix dictionaries when ../shared has them.
if ! ls data/dict 2>/dev/null | grep -qi verb && [ -d ../shared/data/petrarch/dictionaries ]; then
  echo "example: data/dict has no verb dictionary yet; using ../shared's Phoenix dictionaries" >&2
  args+=(--phoenix ../shared/data/petrarch/dictionaries)
fi
inputs=(examples/corpus.jsonl)
# The article that started the project lives in ../shared (not copied here); its date is 2025-01-20.
if [ -f ../shared/examples/russia-iran-treaty.txt ]; then
  args+=(--date 2025-01-20)
  inputs+=(../shared/examples/russia-iran-treaty.txt)
fi
status=0
build/release/tools/dyad "${args[@]}" "${inputs[@]}" || status=$?
# 2 = finished, but some input was skipped (listed on stderr): still a result.
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then exit "$status"; fi
