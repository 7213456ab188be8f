#!/usr/bin/env bash
# Prints every figure a syntax model is judged on (docs/syntax.md, "what was
# tried"), one table row per model: EWT dev and test UPOS / UAS / LAS, the
# coder's gold set precision / recall, PETRARCH unit-test records coded
# exactly, the seed article test and the news subjects / objects. The coder
# tests read the model through $DYAD_DATA, so each model gets a data directory
# of its own (symlinks to data/ except models/). A model change is judged on
# all of them, not only on the asserted bars: the coder's rules were written
# against the shipped model's parses.
#
#   scripts/judge-syntax-model.sh [--build DIR] MODEL.dyadsyn...
#
# DIR defaults to build/release (cmake --preset release); the needed targets
# are built there. Needs ../shared (or DYAD_SHARED). One thread; about 15 s a
# model. A failing coder test is a figure here, not an error.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/release
if [ "${1:-}" = "--build" ]; then
  build=$2
  shift 2
fi
[ $# -ge 1 ] || { echo "usage: $0 [--build DIR] MODEL.dyadsyn..." >&2; exit 1; }
shared="${DYAD_SHARED:-../shared}"
ewt="$shared/data/ud-english-ewt"
[ -d "$ewt" ] || { echo "$0: $ewt not found (set DYAD_SHARED)" >&2; exit 1; }
[ -f "$build/CMakeCache.txt" ] ||
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDYAD_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j 2 --target dyad gold_set_eval dyad_code_quality_test dyad_places_pipeline_test \
  dyad_syntax_quality_test >/dev/null
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| model | dev UPOS | dev UAS | dev LAS | test UPOS | test UAS | test LAS | records | gold P / R | seed | news |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for model in "$@"; do
  [ -f "$model" ] || { echo "$0: $model not found" >&2; exit 1; }
  data="$work/$(basename "$model" .dyadsyn)"
  mkdir -p "$data/models"
  for d in cameo dict geo tone; do ln -s "$root/data/$d" "$data/$d"; done
  ln -s "$(readlink -f "$model")" "$data/models/en_ewt.dyadsyn"
  scores() { "$build/tools/dyad" eval-syntax --model "$model" "$1" | tail -1 | awk '{print $2 " | " $8 " | " $10}'; }
  dev=$(scores "$ewt/en_ewt-ud-dev.conllu")
  test=$(scores "$ewt/en_ewt-ud-test.conllu")
  gold=$("$build/bench/gold_set_eval" --no-phoenix --model "$model" 2>&1 |
         sed -n 's/^dyad:.*precision \([0-9.]*\) recall \([0-9.]*\).*/\1 \/ \2/p' || true)
  records=$(DYAD_DATA="$data" "$build/src/code/dyad_code_quality_test" 2>&1 |
            sed -n 's/.*records exact: \([0-9]*\)\/.*/\1/p' | tail -1 || true)
  if DYAD_DATA="$data" "$build/src/extract/dyad_places_pipeline_test" --gtest_filter='SeedArticle.*' >/dev/null 2>&1
  then seed=ok; else seed=fail; fi
  news=$(DYAD_DATA="$data" "$build/src/syntax/dyad_syntax_quality_test" 2>&1 |
         sed -n 's/^news_svo:.*subject \([0-9.]*\)%, object \([0-9.]*\)%.*/\1 \/ \2/p' || true)
  echo "| $(basename "$model") | $dev | $test | $records | $gold | $seed | $news |"
done
