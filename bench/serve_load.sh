#!/usr/bin/env bash
# Load test of dyad serve (docs/api.md) with wrk on loopback, bounded in time.
#
#   bench/serve_load.sh [--db PATH] [--build DIR] [--duration 10s] [--connections 16] [--threads 2]
#
# --db      a store of 1M synthetic events (default /work/tmp/serve-1m.db, outside the repository); built
#           with bench/store_bench when missing (about 4-5 minutes), then migrated once by dyad ingest.
# --build   the build directory holding tools/dyad and bench/store_bench (default build/release).
#
# Runs `wrk -t2 -c16 -d10s --latency` against:
#   /api/events?dyad=A,B         (the store's busiest pair, 100 events a page: the API's default; then 50, the
#                                 dashboard's page, and 20)                     target >= 2000 req/s, p99 <= 50 ms
#   /api/stats/timeline?dyad=A,B (monthly, 10 years)                            target >= 1000 req/s
# once on a server with its response cache (the default: valid per store version, see docs/api.md) and once
# with --no-cache (every request runs its SQL), and prints each figure next to its target, with the server's
# CPU time per request (user+sys from /proc; independent of other load on the machine).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
db=/work/tmp/serve-1m.db
build="$here/build/release"
duration=10s
connections=16
wrk_threads=2
while (($#)); do
  case "$1" in
    --db) db="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) wrk_threads="$2"; shift 2 ;;
    *) echo "usage: $0 [--db PATH] [--build DIR] [--duration 10s] [--connections 16] [--threads 2]" >&2; exit 1 ;;
  esac
done
dyad="$build/tools/dyad"
for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "serve_load: $tool not found (scripts/install-deps.sh)" >&2; exit 1; }
done
[ -x "$dyad" ] || { echo "serve_load: no $dyad (build the dyad target)" >&2; exit 1; }

if [ ! -f "$db" ]; then
  [ -x "$build/bench/store_bench" ] || { echo "serve_load: no $build/bench/store_bench to build $db" >&2; exit 1; }
  mkdir -p "$(dirname "$db")"
  echo "serve_load: building a 1M-event store in $db (bench/store_bench)" >&2
  "$build/bench/store_bench" --events 1000000 --db "$db" --keep --skip-ingest --skip-dedup >&2
fi
# A store written by an older dyad is migrated once (the server opens it read-only).
"$dyad" ingest --db "$db" --precoded --quiet /dev/null >&2 || true

port=$((20000 + RANDOM % 20000))
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop_server EXIT

start_server() {
  "$dyad" serve --db "$db" --port "$port" --no-code --threads 32 "$@" 2>/tmp/serve_load_server.log &
  server_pid=$!
  for _ in $(seq 1 200); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "serve_load: the server did not start:" >&2
  cat /tmp/serve_load_server.log >&2
  exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }

# wrk's latency as milliseconds ("812.00us", "3.21ms", "1.02s").
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n = n * 60000; else if (v ~ /s$/) n = n * 1000
    printf "%.2f", n }'
}

# run LABEL URL MIN_RPS MAX_P99_MS(or -)
run() {
  local label="$1" url="$2" min_rps="$3" max_p99="$4"
  curl -sf "http://127.0.0.1:$port$url" >/dev/null  # warm the page cache
  local c0 out c1 rps p99 n errors verdict hz
  hz=$(getconf CLK_TCK)
  c0=$(cpu_ticks)
  out=$(wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port$url")
  c1=$(cpu_ticks)
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  n=$(awk '/requests in/ {print $1}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  verdict=ok
  awk -v r="$rps" -v m="$min_rps" 'BEGIN {exit !(r < m)}' && verdict=MISSED
  if [ "$max_p99" != "-" ]; then
    awk -v p="$p99" -v m="$max_p99" 'BEGIN {exit !(p > m)}' && verdict=MISSED
  fi
  local cpu_ms
  cpu_ms=$(awk -v t="$((c1 - c0))" -v n="$n" -v hz="$hz" 'BEGIN {printf "%.3f", n ? t * 1000 / hz / n : 0}')
  printf "  %-58s %8.0f req/s  p99 %8.2f ms  server CPU %6.3f ms/req  target >= %s req/s%s  %s %s\n" \
    "$label" "$rps" "$p99" "$cpu_ms" "$min_rps" "$([ "$max_p99" = "-" ] || echo ", p99 <= $max_p99 ms")" \
    "$verdict" "$errors"
}

echo "serve_load: wrk -t$wrk_threads -c$connections -d$duration --latency on loopback; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in cached uncached; do
  if [ "$mode" = cached ]; then start_server; else start_server --no-cache; fi
  if [ "$mode" = cached ]; then
    events=$(curl -sf "http://127.0.0.1:$port/healthz" | sed -n 's/.*"events":\([0-9]*\).*/\1/p')
    pair=$(curl -sf "http://127.0.0.1:$port/api/stats/top?by=pair&n=1" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
    echo "serve_load: $db: $events events; busiest pair $pair"
  fi
  echo "$mode responses:"
  run "/api/events?dyad=$pair ($mode)" "/api/events?dyad=$pair" 2000 50
  run "/api/events?dyad=$pair&limit=50 ($mode)" "/api/events?dyad=$pair&limit=50" 2000 50  # the dashboard's page
  run "/api/events?dyad=$pair&limit=20 ($mode)" "/api/events?dyad=$pair&limit=20" 2000 50
  run "/api/stats/timeline?dyad=$pair ($mode)" "/api/stats/timeline?dyad=$pair" 1000 -
  stop_server
done
