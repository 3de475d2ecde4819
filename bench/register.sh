#!/usr/bin/env bash
# REGISTER load on loopback: sipp drives challenge + authenticated REGISTER (MD5 digest, Expires 3600)
# for 10,000 endpoints created through the API, at increasing rates, against sipyard on SQLite and
# on PostgreSQL (embedded-postgres binaries from Maven Central, started here on a free port).
#
#   bench/register.sh                      both databases, default rates
#   BACKENDS=postgres RATES="4000 5000" SECONDS_PER_RATE=10 bench/register.sh
#
# Each step runs for SECONDS_PER_RATE seconds (bounded: -m rate*seconds calls, global timeout).
# A step passes when no registration failed and p99 of the full registration (first REGISTER to
# 200 OK, sipp's RTD) is under 50 ms. Each step also reports the CPU of sipyard and of PostgreSQL
# (utime+stime from /proc, 100 % = one core) and sipyard's CPU time per registration.
# Results go to bench/results/<timestamp>/ and stdout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bin/java-env.sh"

BACKENDS="${BACKENDS:-sqlite postgres}"
RATES="${RATES:-500 1000 2000 3000 4000 4500 5000 6000}"
SECONDS_PER_RATE="${SECONDS_PER_RATE:-10}"
USERS="${USERS:-10000}"
HEAP="${HEAP:-512m}"
out="$root/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
command -v sipp >/dev/null || { echo "sipp is missing: apt-get install sip-tester" >&2; exit 1; }

. "$root/bench/sip-bench.sh"

"$root/mvnw" -B -q -DskipTests package >&2
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  stop_postgres
}
trap cleanup EXIT

summary="$out/summary.txt"
for backend in $BACKENDS; do
  data="$(mktemp -d /tmp/sipyard-bench-data.XXXXXX)"
  # not $(start_sipyard ...): that subshell would lose pg_dir and server_pid, and the server would outlive the script
  start_sipyard "$backend"
  echo "== $backend: creating $USERS endpoints through the API" | tee -a "$summary"
  python3 "$root/bench/create-endpoints.py" "http://127.0.0.1:$http" "$project" "$token" "$USERS" "$out/users.csv" >/dev/null

  # Warm-up, not scored: one pass over every endpoint at a modest rate registers all of them (and
  # lets the JIT compile the hot paths). Then, once the transactions of that pass have ended (timer J,
  # 32 s), the heap after a full GC is what 10,000 live registrations cost.
  run_sipp() { # rate calls dir
    (cd "$3" && timeout $(($2 / $1 * 3 + 40)) sipp "127.0.0.1:$sip" -sf "$root/src/test/resources/sipp/register-digest.xml" \
        -inf "$out/users.csv" -i 127.0.0.1 -p "$(free_port)" -t u1 -r "$1" -m "$2" -l $(($1 * 2)) \
        -timeout $(($2 / $1 * 3 + 20))s -nostdin -trace_rtt -rtt_freq 1000 -buff_size 4194304 \
        -max_recv_loops 10000 -max_sched_loops 10000 > sipp.out 2>&1)
  }
  mkdir -p "$out/$backend-warmup"
  run_sipp 500 "$USERS" "$out/$backend-warmup" || true
  warm_ok=$(grep -o 'Successful call *| *[0-9]* *| *[0-9]*' "$out/$backend-warmup/sipp.out" | tail -1 | awk '{print $NF}')
  echo "$backend warm-up: ${warm_ok:-?} of $USERS endpoints registered (Expires 3600)" | tee -a "$summary"
  sleep 35
  jcmd "$java_pid" GC.run >/dev/null 2>&1 || true
  sleep 1
  heap=$(jcmd "$java_pid" GC.heap_info 2>/dev/null | grep -E 'PSYoungGen|ParOldGen|garbage-first heap' \
      | grep -Eo 'used [0-9]+K' | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
  echo "$backend heap after full GC, $USERS registrations live, no traffic: $((${heap:-0} / 1024)) MB" | tee -a "$summary"

  for rate in $RATES; do
    calls=$((rate * SECONDS_PER_RATE))
    step="$out/$backend-$rate"
    mkdir -p "$step"
    set +e
    t0=$(date +%s.%N); j0=$(cpu_ticks "$java_pid"); p0=$(pg_ticks); u0=$(udp_drops)
    run_sipp "$rate" "$calls" "$step"
    code=$?
    t1=$(date +%s.%N); j1=$(cpu_ticks "$java_pid"); p1=$(pg_ticks); u1=$(udp_drops)
    set -e
    read -r jcpu pcpu < <(python3 -c "hz=$(getconf CLK_TCK); d=$t1-$t0; print(round(100*($j1-$j0)/hz/d), round(100*($p1-$p0)/hz/d))")
    ok=$(sipp_count 'Successful call' "$step/sipp.out")
    failed=$(sipp_count 'Failed call' "$step/sipp.out")
    read -r n p50 p99 max < <(python3 "$root/bench/p99.py" "$step"/*_rtt.csv)
    verdict=FAIL
    if [ "$code" = 0 ] && [ "${failed:-1}" = 0 ] && [ "${ok:-0}" = "$calls" ] \
        && python3 -c "import sys; sys.exit(0 if float('$p99') < 50 else 1)" 2>/dev/null; then verdict=PASS; fi
    per_reg=$(python3 -c "print(round(1000*($j1-$j0)/$(getconf CLK_TCK)/max(1,${ok:-0}), 3))")
    line="$backend rate=$rate/s calls=$calls ok=${ok:-?} failed=${failed:-?} p50=${p50}ms p99=${p99}ms max=${max}ms sipyard=${jcpu}% postgres=${pcpu}% sipyard_cpu_per_reg=${per_reg}ms udp_drops=$((u1 - u0)) $verdict (load $(cut -d' ' -f1 /proc/loadavg))"
    echo "$line" | tee -a "$summary"
  done

  count=$(grep -c '' "$out/server-$backend.log" || true)
  echo "$backend server log: $count line(s)" >> "$summary"
  stop_sipyard
done
echo "results in $out"
