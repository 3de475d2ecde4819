#!/usr/bin/env bash
# REST API benchmark: requests/s and p50/p99 latency with wrk, plus the server's RSS.
# Loopback only; every step is bounded in time. See bench/README.md, section "REST API".
#
#   bench/api.sh                     the full run (about 5 minutes on 2 cores)
#   DURATION=5s BIG=20000 bench/api.sh   a quicker look
#   DB=postgres bench/api.sh         the same on a throw-away PostgreSQL 14 (bench/sip-bench.sh's)
#
# A load test, not an abuse test: the server runs with its request budgets off (SIPYARD_RATE_WRITES=0,
# SIPYARD_RATE_READS=0; the default write budget of 10,000 per 10 s would answer most creates with 429).
# Only 2xx answers count as throughput, and any other status or socket error stops the run with an error.
#
# Settings (environment): KEEP=1 keeps the work folder (server log, wrk output); DURATION (measured run per scenario, 12s), WARMUP (unmeasured run
# before each, 15s: the JIT is still compiling for several seconds), THREADS (wrk threads, 2), CONNS (connections, 16), SEED (endpoints before the
# first measurements, 1000), BIG (endpoints for the second round, 100000; 0 skips that round), DB (sqlite or
# postgres, sqlite), JFR (a file: the server runs with a JFR recording, settings=profile, dumped there at the end), SIPYARD_JAVA_OPTS
# (passed to the server's JVM by the launcher). Needs wrk (Debian: apt-get install -y wrk) and curl.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/bench"
DURATION=${DURATION:-12s}
WARMUP=${WARMUP:-15s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-16}
SEED=${SEED:-1000}
BIG=${BIG:-100000}
DB=${DB:-sqlite}
case "$DB" in sqlite|postgres) ;; *) echo "DB must be sqlite or postgres, not $DB" >&2; exit 2 ;; esac

for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "bench/api.sh needs $tool (Debian: apt-get install -y $tool)" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/sipyard-bench.XXXXXX")"
out="$work"
. "$here/sip-bench.sh" # start_postgres / stop_postgres: a throw-away PostgreSQL 14
server_pid=""
cleanup() {
  if [ -f "$work/wrk.pid" ]; then kill "$(cat "$work/wrk.pid")" 2>/dev/null || true; fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -INT "$server_pid" 2>/dev/null || true # it ignores SIGTERM, see below
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  stop_postgres
  if [ -n "${KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A fresh database, a port the kernel picks, nothing inherited from the caller's settings.
unset SIPYARD_DB SIPYARD_CONFIG SIPYARD_PUBLIC_URL SIPYARD_DB_USER SIPYARD_DB_PASSWORD
export SIPYARD_DATA_DIR="$work/data" SIPYARD_HTTP_ADDR="127.0.0.1:0" SIPYARD_METRICS_ADDR="127.0.0.1:0" SIPYARD_SIP_DOMAIN="sip.bench.test"
# Load-test limits, said in the summary: no request budgets (see the header).
export SIPYARD_RATE_WRITES=0 SIPYARD_RATE_READS=0
if [ "$DB" = postgres ]; then
  start_postgres
  export SIPYARD_DB="$db"
fi

log() { printf '%s  %s\n' "$(date +%T)" "$*" >&2; }
rss_mb() { awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$server_pid/status"; }
load() { cut -d' ' -f1 /proc/loadavg; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
alive() { kill -0 "$server_pid" 2>/dev/null || { echo "the server died; its log ends:" >&2; tail -20 "$work/server.err" >&2; exit 1; }; }
hz=$(getconf CLK_TCK)

log "building the jar if needed"
"$root/sipyard" --version >/dev/null
. "$root/bin/java-env.sh" # JAVA_HOME for bench/Seed.java

log "creating a project with the CLI"
json="$(timeout 120 "$root/sipyard" project create --name bench --json 2>"$work/cli.err")"
project="$(sed -n 's/.*"project_id":"\([^"]*\)".*/\1/p' <<<"$json")"
token="$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$json")"
[ -n "$project" ] && [ -n "$token" ] || { echo "project create printed: $json" >&2; cat "$work/cli.err" >&2; exit 1; }
auth_value="Basic $(printf '%s:%s' "$project" "$token" | base64 -w0)"
auth="Authorization: $auth_value"

if [ -n "${JFR:-}" ]; then
  export SIPYARD_JAVA_OPTS="${SIPYARD_JAVA_OPTS:-} -XX:StartFlightRecording=name=bench,settings=profile"
fi
log "starting the server (SIPYARD_HEAP=${SIPYARD_HEAP:-} SIPYARD_JAVA_OPTS=${SIPYARD_JAVA_OPTS:-})"
# On a shared machine another job's `pkill -f sipyard...` has stopped this benchmark's server in the
# middle of a run. So the server starts with SIGTERM and SIGHUP ignored (the JVM keeps an inherited
# "ignore"), and this script stops it with SIGINT, which runs the same clean shutdown.
(trap '' TERM HUP; exec "$root/sipyard" serve) >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
port=""
for _ in $(seq 600); do
  kill -0 "$server_pid" 2>/dev/null || { echo "the server exited:" >&2; cat "$work/server.err" >&2; exit 1; }
  port="$(sed -n 's/.*REST API listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$work/server.err" | head -1)"
  [ -n "$port" ] && break
  sleep 0.2
done
[ -n "$port" ] || { echo "the server did not start within 120 s" >&2; exit 1; }
base="http://127.0.0.1:$port"
endpoints="$base/api/fabric/resources/sip_endpoints"
log "listening on $base (pid $server_pid)"
sleep 5
rss_idle=$(rss_mb)
log "idle RSS ${rss_idle} MB"

# wrk NAME LUA PATH DURATION [ENV...]: runs wrk with bench/wrk/LUA plus the report, prints its RESULT line.
runs=0
wrk_run() {
  local name=$1 lua=$2 path=$3 duration=$4
  shift 4
  runs=$((runs + 1))
  cat "$here/wrk/report.lua" ${lua:+"$here/wrk/$lua"} >"$work/$name.lua"
  env BENCH_PREFIX="r${runs}x" "$@" timeout 900 wrk -t"$THREADS" -c"$CONNS" -d"$duration" --timeout 10s \
    -s "$work/$name.lua" -H "$auth" "$base$path" >"$work/$name.$runs.out" 2>&1 &
  echo $! >"$work/wrk.pid"
  wait $! || true
  local result
  result="$(grep '^RESULT' "$work/$name.$runs.out")" || { cat "$work/$name.$runs.out" >&2; echo "wrk printed no result" >&2; exit 1; }
  # Anything but 2xx is a failed benchmark, not a slower one: stop and say what happened.
  if [ "$(field "$result" non2xx)" != 0 ] || [ "$(field "$result" socket_errors)" != 0 ]; then
    echo "FAILED: $name got answers other than 2xx or socket errors: $result" >&2
    tail -20 "$work/server.err" >&2
    exit 1
  fi
  echo "$result"
}
field() { sed -n "s/.*\b$2=\([0-9.]*\).*/\1/p" <<<"$1"; }

declare -A R
measure() { # KEY NAME LUA PATH [ENV...]
  local key=$1 name=$2 lua=$3 path=$4
  shift 4
  local c0 c1
  log "$name: warm-up $WARMUP, then $DURATION (load before: $(load))"
  wrk_run "$key" "$lua" "$path" "$WARMUP" "$@" >/dev/null
  alive
  c0=$(cpu_ticks)
  R[$key]="$(wrk_run "$key" "$lua" "$path" "$DURATION" "$@")" || exit 1
  alive
  c1=$(cpu_ticks)
  R[$key.cpu]=$(awk -v t=$((c1 - c0)) -v hz="$hz" -v n="$(field "${R[$key]}" requests)" \
    'BEGIN { if (n > 0) printf "%.3f", 1000 * t / hz / n; else print "-" }')
  R[$key.load]=$(load)
  log "  ${R[$key]} server_cpu_ms_per_request=${R[$key.cpu]}"
}

# All ids of the project, one a line, following the next links (page_size=1000).
all_ids() {
  local url="$endpoints?page_size=1000" page
  : >"$1"
  for _ in $(seq 1000); do
    page="$(curl -sf --max-time 30 -H "$auth" "$url")"
    grep -o '"id":"[0-9a-f-]*"' <<<"$page" | cut -d'"' -f4 >>"$1"
    url="$(grep -o '"next":"[^"]*"' <<<"$page" | cut -d'"' -f4 || true)"
    [ -n "$url" ] || break
  done
  wc -l <"$1"
}

seed_to() { # TOTAL: creates endpoints through the API (bench/Seed.java, 8 parallel clients) up to TOTAL
  local have want out
  have=$(all_ids "$work/ids")
  want=$(($1 - have))
  [ "$want" -gt 0 ] || return 0
  log "seeding $want endpoints through the API ($have present)"
  runs=$((runs + 1))
  out="$(timeout 960 "$JAVA_HOME/bin/java" "$here/Seed.java" "$base" "$auth_value" "$want" 8 "s${runs}x" 900)" \
    || { echo "seeding failed: $out" >&2; exit 1; }
  log "  $out"
  R[seed]="$out"
}

seed_to "$SEED"
ids_small=$(all_ids "$work/ids")
export BENCH_IDS="$work/ids"

measure healthz "GET /api/healthz (ceiling)" "" /api/healthz
measure get "get endpoint by id" get.lua /api/fabric/resources/sip_endpoints/x BENCH_IDS="$work/ids"
measure list "list one page of 50" "" /api/fabric/resources/sip_endpoints
measure create "create endpoint" create.lua /api/fabric/resources/sip_endpoints
rss_load=$(rss_mb)
log "RSS after the first round ${rss_load} MB"

ids_big=0 rss_seeded=- rss_big=-
if [ "$BIG" -gt 0 ]; then
  seed_to "$BIG"
  ids_big=$(all_ids "$work/ids")
  rss_seeded=$(rss_mb)
  measure get_big "get endpoint by id" get.lua /api/fabric/resources/sip_endpoints/x BENCH_IDS="$work/ids"
  measure list_big "list one page of 50" "" /api/fabric/resources/sip_endpoints
  rss_big=$(rss_mb)
fi
if [ -n "${JFR:-}" ]; then
  "$JAVA_HOME/bin/jcmd" "$server_pid" JFR.dump name=bench filename="$JFR" >/dev/null && log "JFR recording in $JFR"
fi
if [ "$DB" = postgres ]; then db_mb=$(du -sm "$pg_dir/data" | cut -f1); else db_mb=$(du -sm "$work/data" | cut -f1); fi

# ---- summary ----
ceiling=$(field "${R[healthz]}" rps)
row() { # KEY LABEL
  local r=${R[$1]} rps p50 p99 non2xx errs pct
  rps=$(field "$r" rps); p50=$(field "$r" p50_ms); p99=$(field "$r" p99_ms)
  non2xx=$(field "$r" non2xx); errs=$(field "$r" socket_errors)
  pct=$(awk -v a="$rps" -v b="$ceiling" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "-" }')
  local note=""
  if [ "${non2xx:-0}" != 0 ] || [ "${errs:-0}" != 0 ]; then note="  <- non-2xx=$non2xx socket-errors=$errs"; fi
  printf '| %-38s | %8s | %7s | %7s | %10s | %9s | %5s |%s\n' "$2" "$rps" "$p50" "$p99" "$pct" "${R[$1.cpu]}" \
    "${R[$1.load]}" "$note"
}
echo
echo "sipyard REST API, $(date -u +%FT%TZ), $(nproc) cores, wrk -t$THREADS -c$CONNS -d$DURATION (warm-up $WARMUP), $DB"
echo "load-test limits: SIPYARD_RATE_WRITES=0 SIPYARD_RATE_READS=0 (no request budgets); req/s counts 2xx answers only, and every run had none other"
echo "JVM: SIPYARD_HEAP=${SIPYARD_HEAP:-(launcher default, 512m)} SIPYARD_JAVA_OPTS=${SIPYARD_JAVA_OPTS:-(none; launcher default collector ParallelGC)}; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '| %-38s | %8s | %7s | %7s | %10s | %9s | %5s |\n' "scenario" "req/s" "p50 ms" "p99 ms" "vs ceiling" \
  "CPU ms/req" "load"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "----------------------------------------" "---------:" "--------:" "--------:" \
  "-----------:" "-----------:" "------:"
row healthz "GET /api/healthz (ceiling)"
row get "get by id ($ids_small endpoints)"
row list "list page of 50 ($ids_small endpoints)"
row create "create endpoint"
if [ "$BIG" -gt 0 ]; then
  row get_big "get by id ($ids_big endpoints)"
  row list_big "list page of 50 ($ids_big endpoints)"
fi
echo
[ -n "${R[seed]:-}" ] && echo "seeding to $(( BIG > 0 ? ids_big : ids_small )) endpoints through the API (bench/Seed.java, 8 clients): $(field "${R[seed]}" created) creates in $(field "${R[seed]}" seconds) s = $(field "${R[seed]}" rate)/s"
echo "RSS: idle after start ${rss_idle} MB; after the first round ${rss_load} MB; after seeding ${rss_seeded} MB; after the ${ids_big}-endpoint round ${rss_big} MB"
echo "database folder: ${db_mb} MB"
echo "(CPU ms/req: the server's user+system CPU time during the measured run divided by its requests;"
echo " load: the 1-minute load average right after the run, wrk and the server included, about 2 when the machine is otherwise idle.)"
