#!/usr/bin/env bash
# Installs every Debian package dyad needs to build, test and benchmark.
# Idempotent: when everything is present it asks no registry.
set -euo pipefail
packages=(
  cmake ninja-build g++ clang libclang-rt-14-dev   # build, sanitizers, libFuzzer
  libgtest-dev libgmock-dev libbenchmark-dev        # tests and benchmarks
  nlohmann-json3-dev libsimdjson-dev libcli11-dev   # JSON (simdjson: pre-coded ingest), command line
  libicu-dev                                        # Unicode normalisation
  libsqlite3-dev                                    # the event store (dyad ingest/query/stats/export)
  libcpp-httplib-dev wrk                            # dyad serve (HTTP server) and its load test
  chromium                                          # the dashboard's browser tests (headless)
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

# The dashboard (web/): its front-end libraries come from npm, bundled at build
# time (nothing is fetched at run time). Node.js >= 20 (the machine image's, or
# Debian's nodejs + npm when none is present); `npm ci` only when
# web/node_modules is missing or older than web/package-lock.json.
if ! command -v npm >/dev/null 2>&1; then
  echo "install-deps: installing nodejs npm" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
web="$(dirname "$0")/../web"
if [ ! -f "$web/node_modules/.package-lock.json" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
  echo "install-deps: npm ci in web/" >&2
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error) ||
    echo "install-deps: npm ci failed: dyad builds with a placeholder page instead of the dashboard" >&2
fi
