#!/usr/bin/env bash
# dyad's main job on the bundled example corpus: builds dyad, codes every article
# of examples/ with dyad's default dictionaries, stores the events in dyad.db
# (the embedded SQLite store, rebuilt each run) and prints a report from the
# store: counts, top actors, dyads and event types, and an ASCII timeline.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target dyad >&2

dyad=build/release/tools/dyad
db=dyad.db
rm -f "$db" "$db-wal" "$db-shm"

# The article that started the project lives in ../shared (not copied here);
# its publication date is 2025-01-20.
treaty=../shared/examples/russia-iran-treaty.txt
inputs=(examples/corpus.jsonl)
[ -f "$treaty" ] && inputs+=(--date 2025-01-20 "$treaty")

status=0
"$dyad" ingest --db "$db" "${inputs[@]}" || status=$?
# 2 = finished, but some input was skipped (listed on stderr): still a result.
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then exit "$status"; fi
echo
# The overview: counts, top actors, dyads and event types, and a monthly timeline
# of the period the example articles cover.
"$dyad" stats --db "$db" --from 2022-01-01
echo
echo "Iran-Russia events, either direction (dyad query --dyad IRN,RUS):"
"$dyad" query --db "$db" --dyad IRN,RUS --format table --limit 20
