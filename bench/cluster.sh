#!/usr/bin/env bash
# Registrations/s and calls/s through one node and through two nodes sharing one PostgreSQL, and
# what each registration and each call costs the database (issue 11, "Performance").
#
#   bench/cluster.sh                                                   default steps (about 7 minutes)
#   REG_RATES="1000 2000" CALL_RATES="100 200" SECONDS_PER_RATE=5 bench/cluster.sh    a short run
#
# One throw-away PostgreSQL 14 (bench/sip-bench.sh, with pg_stat_statements preloaded). Node "a" on
# 127.0.0.2 runs from the start; node "b" on 127.0.0.3 (same SIPYARD_DB, its own SIPYARD_NODE_ID)
# joins for the second phase. The load generator is the same in both phases: two sipp processes,
# each sending half of the rate from its own socket over its own half of the endpoints. With one
# node both send to a; with two nodes the second sends to b. So only the number of nodes changes.
#
# Per phase (nodes=1, then nodes=2):
#  - warm-up (not scored): every registration endpoint registers twice (REG_WARMUP_RATE, 1000/s),
#    then calls at WARMUP_RATE (20/s) for WARMUP_SECONDS (10 s); lets the JIT compile both paths;
#  - idle window (IDLE_SECONDS, 10 s, no traffic): the database work the nodes do on their own
#    (shared counters, ban reload, outbox polling), per second; subtracted from every step;
#  - registrations: for each rate in REG_RATES, rate*SECONDS_PER_RATE REGISTERs with digest (sipp
#    scenario register-digest.xml, as bench/register.sh, Expires 3600, each a refresh of a live
#    binding). PASS: no failure and p99 (first REGISTER to 200 OK) < 50 ms;
#  - calls: for each rate in CALL_RATES, rate*SECONDS_PER_RATE calls of HOLD_MS (2 s), caller i to
#    callee i, 407 challenge, passthrough handler (call-uac.xml / call-uas.xml, as bench/calls.sh).
#    The callees registered over UDP through node a; through b, b sends their INVITEs straight to
#    the address a stored. PASS: no failed call and p99 PDD (INVITE to 180) < 100 ms.
# Every step prints: ok, failed, p50/p99/max, the CPU of each node and of PostgreSQL (100 % = one
# core), and per registration or call: PostgreSQL CPU, transactions (pg_stat_database xact_commit +
# xact_rollback), rows inserted/updated/deleted (tup_*), statements executed and how many of them
# are SELECTs (pg_stat_statements, reset at each step, BEGIN/COMMIT not counted), all net of the
# idle window's rate. The statements of each step are in <step>/statements.txt.
#
# Knobs: REG_RATES (1000 2000 3000 4000), CALL_RATES (100 200 300 400), SECONDS_PER_RATE (10), USERS
# (10000 registration endpoints), ENDPOINTS (1000 callers + 1000 callees), HOLD_MS, HEAP (512m),
# PHASES ("1 2": nodes per phase, in order; "2" alone still needs node a's warm-up, which it runs).
# Results go to bench/results/cluster-<timestamp>/ (summary.txt, table.txt, per-step folders).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bin/java-env.sh"

REG_RATES="${REG_RATES:-1000 2000 3000 4000}"
CALL_RATES="${CALL_RATES:-100 200 300 400}"
SECONDS_PER_RATE="${SECONDS_PER_RATE:-10}"
USERS="${USERS:-10000}"
ENDPOINTS="${ENDPOINTS:-1000}"
HOLD_MS="${HOLD_MS:-2000}"
HEAP="${HEAP:-512m}"
PHASES="${PHASES:-1 2}"
REG_WARMUP_RATE="${REG_WARMUP_RATE:-1000}"
WARMUP_RATE="${WARMUP_RATE:-20}"
WARMUP_SECONDS="${WARMUP_SECONDS:-10}"
IDLE_SECONDS="${IDLE_SECONDS:-10}"
SETTLE_SECONDS=2 # after a step: group-committed writes land, and backends report their counts (every 500 ms)
REG_P99_LIMIT_MS=50
PDD_LIMIT_MS=100
PG_OPTS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.max=1000"
out="$root/bench/results/cluster-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
for tool in sipp psql; do command -v $tool >/dev/null || { echo "$tool is missing (apt-get install sip-tester postgresql-client)" >&2; exit 1; }; done
scenarios="$root/src/test/resources/sipp"
hz=$(getconf CLK_TCK)

. "$root/bench/sip-bench.sh"

"$root/mvnw" -B -q -DskipTests package >&2
pid_a=""; pid_b=""; uas_pid=""
idle_x=0; idle_i=0; idle_u=0; idle_d=0; idle_s=0; idle_r=0; idle_pg_cpu=0 # until the first idle window
cleanup() {
  for p in $uas_pid $pid_b $pid_a; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  stop_postgres
  rm -rf "${data:-}"
}
trap cleanup EXIT

sql() { psql -X -A -t -q -F ' ' -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "$1"; }
# transactions, rows inserted, updated, deleted (whole database); statements since the last reset
# (BEGIN and COMMIT not counted), and of those the SELECTs
db_counters() {
  echo "$(sql "select xact_commit + xact_rollback, tup_inserted, tup_updated, tup_deleted from pg_stat_database where datname = 'postgres'") \
$(sql "select coalesce(sum(calls), 0), coalesce(sum(calls) filter (where query ilike 'select%'), 0)
        from pg_stat_statements where query not like '%pg_stat%' and upper(query) not in ('BEGIN', 'COMMIT')")"
}
calc() { python3 -c "print($1)"; }
load() { cut -d' ' -f1 /proc/loadavg; }

summary="$out/summary.txt"
table="$out/table.txt"
echo "uptime at start: $(uptime)" | tee -a "$summary"
printf '| nodes | kind | rate/s | ok | failed | p50 | p99 | max | node a CPU | node b CPU | PostgreSQL CPU | PG CPU per op | xacts per op | rows ins/upd/del per op | statements per op | UDP drops | load | verdict |\n' > "$table"
printf '|%s\n' "$(printf -- ' --- |%.0s' $(seq 18))" >> "$table"

data="$(mktemp -d /tmp/sipyard-bench-data.XXXXXX)"
start_postgres
pg_port=$(sed 's/.*:\([0-9]*\)\/postgres.*/\1/' <<< "$db")
start_node a 127.0.0.2
pid_a=$java_pid; sip_a=$sip; http_a=$http
# after node a's migrations: Flyway wants the schema it migrates to be empty at the first start
sql "create extension if not exists pg_stat_statements" >/dev/null

echo "== creating $USERS + $((2 * ENDPOINTS)) endpoints through node a's API" | tee -a "$summary"
total=$((USERS + 2 * ENDPOINTS))
python3 "$root/bench/create-endpoints.py" "http://127.0.0.2:$http_a" "$project" "$token" "$total" "$out/all.csv" >/dev/null
half=$((USERS / 2))
{ echo SEQUENTIAL; sed -n "2,$((half + 1))p" "$out/all.csv"; } > "$out/users-1.csv"
{ echo SEQUENTIAL; sed -n "$((half + 2)),$((USERS + 1))p" "$out/all.csv"; } > "$out/users-2.csv"
callee_first=$((USERS + 2)); caller_first=$((USERS + ENDPOINTS + 2))
{ echo SEQUENTIAL; sed -n "$callee_first,$((caller_first - 1))p" "$out/all.csv"; } > "$out/callees.csv"
# caller i calls callee i; the first half of the callers is the first sipp's, the second the second's
paste -d';' <(sed -n "$caller_first,\$p" "$out/all.csv") <(sed -n "$callee_first,$((caller_first - 1))p" "$out/all.csv" | cut -d';' -f1) > "$out/pairs.csv"
{ echo SEQUENTIAL; head -n $((ENDPOINTS / 2)) "$out/pairs.csv"; } > "$out/callers-1.csv"
{ echo SEQUENTIAL; tail -n +$((ENDPOINTS / 2 + 1)) "$out/pairs.csv"; } > "$out/callers-2.csv"
# each registration sipp keeps its socket across steps and phases: every scored REGISTER refreshes a binding
reg_port_1=$(free_port); reg_port_2=$(free_port)

# The callees register from one UDP socket through node a; a sipp UAS then answers on that socket.
uas_port=$(free_port)
mkdir -p "$out/uas"
(cd "$out/uas" && timeout 120 sipp "127.0.0.2:$sip_a" -sf "$scenarios/register-digest.xml" -inf "$out/callees.csv" \
    -i 127.0.0.1 -p "$uas_port" -t u1 -r 200 -m "$ENDPOINTS" -timeout 100s -nostdin > register.out 2>&1) || true
echo "callees registered through node a: $(sipp_count 'Successful call' "$out/uas/register.out") of $ENDPOINTS" | tee -a "$summary"
(cd "$out/uas" && exec sipp -sf "$scenarios/call-uas.xml" -i 127.0.0.1 -p "$uas_port" -t u1 -nostdin -bg -trace_err > uas.out 2>&1) || true
uas_pid=$(grep -o 'PID=\[[0-9]*\]' "$out/uas/uas.out" | grep -o '[0-9]*' || true)

# sipp_reg DIR TARGET RATE COUNT CSV PORT: one registration sipp (as bench/register.sh runs it)
sipp_reg() {
  mkdir -p "$1"
  (cd "$1" && timeout $(($4 / $3 * 3 + 40)) sipp "$2" -sf "$scenarios/register-digest.xml" -inf "$5" \
      -i 127.0.0.1 -p "$6" -t u1 -r "$3" -m "$4" -l $(($3 * 2)) -timeout $(($4 / $3 * 3 + 20))s -nostdin \
      -trace_rtt -rtt_freq 100 -buff_size 4194304 -max_recv_loops 10000 -max_sched_loops 10000 > sipp.out 2>&1)
}
# sipp_call DIR TARGET RATE COUNT CSV SECONDS: one caller sipp (as bench/calls.sh runs it)
sipp_call() {
  local limit=$(($6 + HOLD_MS / 1000 + 30))
  mkdir -p "$1"
  (cd "$1" && timeout $((limit + 15)) sipp "$2" -sf "$scenarios/call-uac.xml" -inf "$5" -i 127.0.0.1 \
      -p "$(free_port)" -t u1 -r "$3" -m "$4" -l $(($3 * (HOLD_MS / 1000 + 3))) -set hold_ms "$HOLD_MS" \
      -timeout "${limit}s" -nostdin -trace_rtt -rtt_freq 1 -trace_err -max_recv_loops 10000 \
      -max_sched_loops 10000 > sipp.out 2>&1)
}

# step NODES KIND RATE SECONDS LABEL: both sipps at RATE/2 (the second to node b when NODES=2);
# LABEL "warm-up" is printed, never scored.
step() {
  local nodes=$1 kind=$2 rate=$3 secs=$4 label=$5 second_target each count dir code1 code2
  each=$((rate / 2)); count=$((each * secs))
  second_target="127.0.0.2:$sip_a"; [ "$nodes" = 2 ] && second_target="127.0.0.3:$sip_b"
  dir="$out/nodes$nodes-$kind-$rate${label:+-$label}"
  mkdir -p "$dir"
  sql "select pg_stat_statements_reset()" >/dev/null
  read -r x0 i0 u0 d0 s0 r0 < <(db_counters)
  local c0; c0=$(date +%s.%N)
  local t0 a0 b0 p0 q0 t1 a1 b1 p1 q1
  t0=$(date +%s.%N); a0=$(cpu_ticks "$pid_a"); b0=$(cpu_ticks "${pid_b:-0}"); p0=$(pg_ticks); q0=$(udp_drops)
  set +e
  if [ "$kind" = register ]; then
    sipp_reg "$dir/1" "127.0.0.2:$sip_a" "$each" "$count" "$out/users-1.csv" "$reg_port_1" & local j1=$!
    sipp_reg "$dir/2" "$second_target" "$each" "$count" "$out/users-2.csv" "$reg_port_2" & local j2=$!
  else
    sipp_call "$dir/1" "127.0.0.2:$sip_a" "$each" "$count" "$out/callers-1.csv" "$secs" & local j1=$!
    sipp_call "$dir/2" "$second_target" "$each" "$count" "$out/callers-2.csv" "$secs" & local j2=$!
  fi
  wait "$j1"; code1=$?; wait "$j2"; code2=$?
  set -e
  t1=$(date +%s.%N); a1=$(cpu_ticks "$pid_a"); b1=$(cpu_ticks "${pid_b:-0}"); p1=$(pg_ticks); q1=$(udp_drops)
  sleep "$SETTLE_SECONDS"
  read -r x1 i1 u1 d1 s1 r1 < <(db_counters)
  local c1; c1=$(date +%s.%N)
  sql "select calls, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 160) from pg_stat_statements
       where query not like '%pg_stat%' order by calls desc limit 25" > "$dir/statements.txt"

  local ok=0 failed=0 f n p50 p99 max
  for f in "$dir"/1/sipp.out "$dir"/2/sipp.out; do
    n=$(sipp_count 'Successful call' "$f" 2>/dev/null || true); ok=$((ok + ${n:-0}))
    n=$(sipp_count 'Failed call' "$f" 2>/dev/null || true); failed=$((failed + ${n:-0}))
  done
  n=0; p50=-; p99=-; max=-
  if compgen -G "$dir/*/*_rtt.csv" >/dev/null; then read -r n p50 p99 max < <(python3 "$root/bench/p99.py" "$dir"/*/*_rtt.csv); fi
  local limit=$REG_P99_LIMIT_MS; [ "$kind" = call ] && limit=$PDD_LIMIT_MS
  local verdict=FAIL
  if [ "$code1" = 0 ] && [ "$code2" = 0 ] && [ "$failed" = 0 ] && [ "$ok" = $((2 * count)) ] \
      && python3 -c "import sys; sys.exit(0 if float('$p99') < $limit else 1)" 2>/dev/null; then verdict=PASS; fi
  # CPU over the sipp run; database counters over the run plus the settle time, less the idle rate
  local d cpu_a cpu_b cpu_pg span per_op pg_ms xacts rows stmts
  d=$(calc "$t1 - $t0"); span=$(calc "$c1 - $c0")
  cpu_a=$(calc "round(100 * ($a1 - $a0) / $hz / $d)")
  cpu_b=-; [ "$nodes" = 2 ] && cpu_b=$(calc "round(100 * ($b1 - $b0) / $hz / $d)")
  cpu_pg=$(calc "round(100 * ($p1 - $p0) / $hz / $d)")
  per_op() { calc "round(max(0, ($1) - $2 * $span) / max(1, $ok), 2)"; }
  pg_ms=$(calc "round(1000 * max(0, ($p1 - $p0) / $hz - $idle_pg_cpu * $d) / max(1, $ok), 3)")
  xacts=$(per_op "$x1 - $x0" "$idle_x")
  rows="$(per_op "$i1 - $i0" "$idle_i")/$(per_op "$u1 - $u0" "$idle_u")/$(per_op "$d1 - $d0" "$idle_d")"
  stmts="$(per_op "$s1 - $s0" "$idle_s") ($(per_op "$r1 - $r0" "$idle_r") reads)"
  local l; l=$(load)
  echo "nodes=$nodes $kind rate=$rate/s ok=$ok failed=$failed p50=${p50}ms p99=${p99}ms max=${max}ms cpu a=${cpu_a}% b=${cpu_b}% postgres=${cpu_pg}% | per op: pg_cpu=${pg_ms}ms xacts=$xacts rows_ins/upd/del=$rows statements=$stmts | udp_drops=$((q1 - q0)) load=$l $verdict${label:+ ($label, not counted)}" \
      | tee -a "$summary"
  printf '| %s | %s | %s | %s | %s | %s ms | %s ms | %s ms | %s %% | %s %% | %s %% | %s ms | %s | %s | %s | %s | %s | %s |\n' \
      "$nodes" "$kind" "$rate" "$ok" "$failed" "$p50" "$p99" "$max" "$cpu_a" "$cpu_b" "$cpu_pg" "$pg_ms" "$xacts" "$rows" \
      "$stmts" "$((q1 - q0))" "$l" "$verdict${label:+ ($label)}" >> "$table"
  [ -z "$label" ] && [ "$verdict" = PASS ] && eval "best_${kind}_$nodes=$rate"
  return 0
}

# The database's work with no traffic: per second, over IDLE_SECONDS
idle_window() {
  sql "select pg_stat_statements_reset()" >/dev/null
  sleep 1 # let the last step's backends report
  read -r x0 i0 u0 d0 s0 r0 < <(db_counters); local p0 t0; p0=$(pg_ticks); t0=$(date +%s.%N)
  sleep "$IDLE_SECONDS"
  read -r x1 i1 u1 d1 s1 r1 < <(db_counters); local p1 t1; p1=$(pg_ticks); t1=$(date +%s.%N)
  local d; d=$(calc "$t1 - $t0")
  idle_x=$(calc "($x1 - $x0) / $d"); idle_i=$(calc "($i1 - $i0) / $d"); idle_u=$(calc "($u1 - $u0) / $d")
  idle_d=$(calc "($d1 - $d0) / $d"); idle_s=$(calc "($s1 - $s0) / $d"); idle_r=$(calc "($r1 - $r0) / $d"); idle_pg_cpu=$(calc "($p1 - $p0) / $hz / $d")
  echo "nodes=$1 idle ${IDLE_SECONDS}s: per second xacts=$(calc "round($idle_x, 1)") rows ins/upd/del=$(calc "round($idle_i, 1)")/$(calc "round($idle_u, 1)")/$(calc "round($idle_d, 1)") statements=$(calc "round($idle_s, 1)") ($(calc "round($idle_r, 1)") reads) postgres_cpu=$(calc "round(100 * $idle_pg_cpu, 1)")% (subtracted below)" \
      | tee -a "$summary"
}

for nodes in $PHASES; do
  if [ "$nodes" = 2 ] && [ -z "$pid_b" ]; then
    start_node b 127.0.0.3
    pid_b=$java_pid; sip_b=$sip
    grep -q "node b (" "$out/server-b.log" || { echo "node b did not start: $out/server-b.log" >&2; exit 1; }
  fi
  echo "== $nodes node(s): $(uptime)" | tee -a "$summary"
  # warm-up: every registration endpoint twice (at REG_WARMUP_RATE in all), then calls
  step "$nodes" register "$REG_WARMUP_RATE" $((2 * USERS / REG_WARMUP_RATE)) warm-up
  [ "$WARMUP_SECONDS" -gt 0 ] && step "$nodes" call "$WARMUP_RATE" "$WARMUP_SECONDS" warm-up
  idle_window "$nodes"
  for rate in $REG_RATES; do step "$nodes" register "$rate" "$SECONDS_PER_RATE" ""; done
  for rate in $CALL_RATES; do step "$nodes" call "$rate" "$SECONDS_PER_RATE" ""; done
done
echo "uptime at end: $(uptime)" | tee -a "$summary"
echo
cat "$table"
for nodes in $PHASES; do
  r="best_register_$nodes"; c="best_call_$nodes"
  echo "nodes=$nodes: highest passing registration rate ${!r:-none}/s (p99 < $REG_P99_LIMIT_MS ms), call rate ${!c:-none}/s (p99 PDD < $PDD_LIMIT_MS ms)" | tee -a "$summary"
done
echo "results in $out"
