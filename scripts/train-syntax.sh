#!/usr/bin/env bash
# Retrains the shipped syntax model (tagger, lemmatiser, parser) from UD English
# EWT and writes data/models/en_ewt.dyadsyn. Needs ../shared (or DYAD_SHARED) and
# Debian's wordnet-base (/usr/share/wordnet). One thread, about 5 minutes.
#
#   scripts/train-syntax.sh [extra train-syntax options, e.g. --epochs 10]
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${DYAD_SHARED:-../shared}"
ewt="$shared/data/ud-english-ewt"
build=build/train-syntax
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDYAD_BUILD_TESTS=OFF -DDYAD_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" --target dyad -j 2
mkdir -p data/models
"$build/tools/dyad" train-syntax \
  --train "$ewt/en_ewt-ud-train.conllu" \
  --dev "$ewt/en_ewt-ud-dev.conllu" \
  --out data/models/en_ewt.dyadsyn \
  --epochs 15 --tagger-epochs 8 --jackknife 4 --rare-tagger-features 97 "$@"
"$build/tools/dyad" eval-syntax --model data/models/en_ewt.dyadsyn "$ewt/en_ewt-ud-test.conllu"
