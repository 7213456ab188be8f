#!/usr/bin/env bash
# Installs every Debian package dyad needs to build, test and benchmark.
# Idempotent: when everything is present it asks no registry.
set -euo pipefail
packages=(
  cmake ninja-build g++ clang libclang-rt-14-dev   # build, sanitizers, libFuzzer
  libgtest-dev libgmock-dev libbenchmark-dev        # tests and benchmarks
  nlohmann-json3-dev libcli11-dev                   # JSON, command line
  libicu-dev                                        # Unicode normalisation
  libsqlite3-dev                                    # the event store (dyad ingest/query/stats/export)
  wordnet-base                                      # WordNet morphology for the lemmatiser (training only)
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
