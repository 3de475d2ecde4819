#!/usr/bin/env bash
# Call load on loopback: sipp UAC -> sipyard -> sipp UAS, endpoint to endpoint in one project, with
# the 407 digest challenge on every call, calls of HOLD_MS (default 2 s), at increasing rates, against
# sipyard on SQLite and on PostgreSQL (embedded-postgres binaries, as bench/register.sh does it).
#
#   bench/calls.sh                                            both databases, default rates
#   BACKENDS=sqlite RATES="5 10" SECONDS_PER_RATE=5 ENDPOINTS=100 bench/calls.sh   a short smoke run
#   HANDLER=cxml bench/calls.sh                              every call first fetches a cXML document
#   WARMUP_SECONDS=0 bench/calls.sh                          no warm-up step (default: 45 s at WARMUP_RATE=200, not counted)
#
# HANDLER=cxml: the callers' handler is a cXML webhook (through the SIP profile's default `resource`)
# served by bench/cxml-webhook.py on loopback, which answers <Dial><Sip>{To}</Sip></Dial>; so each
# call adds a signed document fetch and a document run to the same endpoint-to-endpoint call.
#
# ENDPOINTS callees are registered (digest) from one sipp socket, then a sipp UAS answers on that
# socket (180, 100 ms of ringing, 200, ACK, BYE, 200); ENDPOINTS callers take turns placing the
# calls (caller i calls callee i). Each step places rate*SECONDS_PER_RATE calls and is bounded by
# `timeout`. Per step: calls attempted, failed, p50/p99/max post-dial delay (first INVITE sent to
# 180 received, both transactions: sipp's RTD "pdd"), the CPU of sipyard, of PostgreSQL and of the
# whole machine over the step (100 % = one core) and the UDP
# datagrams the kernel dropped for a full receive buffer (whole machine: sipyard and both sipps,
# which get 4 MB buffers as the Kamailio anchor's do). A step
# PASSES when no call failed and p99 PDD < 100 ms; the result is the highest passing rate.
# Results go to bench/results/calls-<timestamp>/ and stdout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bin/java-env.sh"

BACKENDS="${BACKENDS:-sqlite postgres}"
RATES="${RATES:-20 50 100 200 400}"
SECONDS_PER_RATE="${SECONDS_PER_RATE:-10}"
ENDPOINTS="${ENDPOINTS:-1000}"
HOLD_MS="${HOLD_MS:-2000}"
HEAP="${HEAP:-512m}"
HANDLER="${HANDLER:-passthrough}"
# A first step that lets the JIT compile the call path; reported, never counted. 9,000 calls: after
# 2,000 (the old default) the next 6,000 still cost about 30 % more CPU per call than the ones after.
WARMUP_RATE="${WARMUP_RATE:-200}"
WARMUP_SECONDS="${WARMUP_SECONDS:-45}"   # 0: no warm-up (the first counted step then meets a cold server)
PDD_LIMIT_MS=100
SIPP_BUFFER=4194304   # sipp's socket buffers, as ../shared/anchors/kamailio-calls gives its sipp (sipp's default is 64 kB)
out="$root/bench/results/calls-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
command -v sipp >/dev/null || { echo "sipp is missing: apt-get install sip-tester" >&2; exit 1; }
scenarios="$root/src/test/resources/sipp"

. "$root/bench/sip-bench.sh"

"$root/mvnw" -B -q -DskipTests package >&2
server_pid=""
uas_pid=""
webhook_pid=""
cleanup() {
  [ -n "$webhook_pid" ] && kill "$webhook_pid" 2>/dev/null && wait "$webhook_pid" 2>/dev/null || true
  [ -n "$uas_pid" ] && kill "$uas_pid" 2>/dev/null && wait "$uas_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  stop_postgres
}
trap cleanup EXIT

# One step: rate calls/s for secs seconds; label "warm-up" steps are reported but never count.
run_step() {
  local backend="$1" rate="$2" secs="$3" label="$4"
  calls=$((rate * secs))
  step="$out/$backend-$rate${label:+-$label}"
  mkdir -p "$step"
  limit=$(( secs + HOLD_MS / 1000 + 30 ))
  before=$(cpu_ticks "$java_pid"); pg0=$(pg_ticks); busy0=$(busy_ticks); drops0=$(udp_drops); started=$(date +%s.%N)
  set +e
  (cd "$step" && timeout $((limit + 15)) sipp "127.0.0.1:$sip" -sf "$scenarios/call-uac.xml" \
      -inf "$out/callers.csv" -i 127.0.0.1 -p "$(free_port)" -t u1 -r "$rate" -m "$calls" \
      -l $((rate * (HOLD_MS / 1000 + 3))) -set hold_ms "$HOLD_MS" -timeout "${limit}s" -nostdin \
      -buff_size "$SIPP_BUFFER" -trace_rtt -rtt_freq 1 -trace_err -max_recv_loops 10000 -max_sched_loops 10000 \
      > sipp.out 2>&1)
  code=$?
  set -e
  after=$(cpu_ticks "$java_pid"); pg1=$(pg_ticks); busy1=$(busy_ticks); drops=$(( $(udp_drops) - drops0 ))
  ended=$(date +%s.%N)
  read -r cpu pg_cpu busy < <(python3 -c "t = $(getconf CLK_TCK) * ($ended - $started)
print(round(100 * ($after - $before) / t), round(100 * ($pg1 - $pg0) / t), round(100 * ($busy1 - $busy0) / t))")
  attempted=$(sipp_count 'Outgoing calls created' "$step/sipp.out")
  failed=$(sipp_count 'Failed call' "$step/sipp.out")
  ok=$(sipp_count 'Successful call' "$step/sipp.out")
  n=0; p50=-; p99=-; max=-
  if compgen -G "$step/*_rtt.csv" >/dev/null; then
    read -r n p50 p99 max < <(python3 "$root/bench/p99.py" "$step"/*_rtt.csv)
  fi
  verdict=FAIL
  if [ "$code" = 0 ] && [ "${failed:-1}" = 0 ] && [ "${ok:-0}" = "$calls" ] \
      && python3 -c "import sys; sys.exit(0 if float('$p99') < $PDD_LIMIT_MS else 1)" 2>/dev/null; then
    verdict=PASS
    [ -z "$label" ] && eval "best_$backend=$rate"
  fi
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo "$backend rate=$rate/s attempted=${attempted:-?} failed=${failed:-?} pdd p50=${p50}ms p99=${p99}ms max=${max}ms cpu=${cpu}% postgres=${pg_cpu}% busy=${busy}% load=$load udp-drops=$drops $verdict${label:+ ($label, not counted)}" \
      | tee -a "$summary"
  printf '| %s (%s) | %s | %s | %s | %s ms | %s ms | %s ms | %s %% | %s %% | %s %% | %s | %s | %s |\n' "$backend" "$HANDLER" \
      "$rate" "${attempted:-?}" "${failed:-?}" "$p50" "$p99" "$max" "$cpu" "$pg_cpu" "$busy" "$load" "$drops" "$verdict${label:+ ($label)}" >> "$table"
}

summary="$out/summary.txt"
table="$out/table.txt"
printf '| database (handler) | rate/s | attempted | failed | p50 PDD | p99 PDD | max PDD | sipyard CPU | PostgreSQL CPU | machine busy | load | UDP drops | verdict |\n' > "$table"
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n' >> "$table"
for backend in $BACKENDS; do
  data="$(mktemp -d /tmp/sipyard-bench-data.XXXXXX)"
  # not $(start_sipyard ...): that subshell would lose pg_dir and server_pid, and the server would outlive the script
  start_sipyard "$backend"

  # 2 x ENDPOINTS endpoints: the first half are callees, the second half callers (caller i -> callee i).
  echo "== $backend: creating $((2 * ENDPOINTS)) endpoints through the API" | tee -a "$summary"
  python3 "$root/bench/create-endpoints.py" "http://127.0.0.1:$http" "$project" "$token" $((2 * ENDPOINTS)) \
      "$out/all.csv" >/dev/null
  { echo SEQUENTIAL; sed -n "2,$((ENDPOINTS + 1))p" "$out/all.csv"; } > "$out/callees.csv"
  if [ "$HANDLER" = cxml ]; then
    hook_port=$(free_port)
    python3 "$root/bench/cxml-webhook.py" "$hook_port" & webhook_pid=$!
    resource=$(curl -sf -u "$project:$token" -H 'Content-Type: application/json' \
        "http://127.0.0.1:$http/api/fabric/resources/cxml_webhooks" \
        -d "{\"name\": \"bench\", \"primary_request_url\": \"http://127.0.0.1:$hook_port/voice\"}" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    curl -sf -u "$project:$token" -X PUT -H 'Content-Type: application/json' \
        "http://127.0.0.1:$http/api/relay/rest/sip_profile" \
        -d "{\"default_call_handler\": \"resource\", \"default_calling_handler_resource_id\": \"$resource\"}" \
        >/dev/null
    echo "$backend: callers' handler is the cXML webhook $resource (bench/cxml-webhook.py on :$hook_port)" \
        | tee -a "$summary"
  fi
  { echo SEQUENTIAL; paste -d';' <(sed -n "$((ENDPOINTS + 2)),\$p" "$out/all.csv") \
      <(sed -n "2,$((ENDPOINTS + 1))p" "$out/all.csv" | cut -d';' -f1); } > "$out/callers.csv"

  # Every callee registers from one UDP socket; then the answering sipp takes over that socket
  # (the proxy sends each INVITE to the address and port the binding registered from).
  uas_port=$(free_port)
  mkdir -p "$out/$backend-uas"
  (cd "$out/$backend-uas" && timeout 120 sipp "127.0.0.1:$sip" -sf "$scenarios/register-digest.xml" \
      -inf "$out/callees.csv" -i 127.0.0.1 -p "$uas_port" -t u1 -r 200 -m "$ENDPOINTS" -timeout 100s -buff_size "$SIPP_BUFFER" \
      -nostdin > register.out 2>&1) || true
  registered=$(sipp_count 'Successful call' "$out/$backend-uas/register.out")
  echo "$backend: ${registered:-?} of $ENDPOINTS callees registered" | tee -a "$summary"
  (cd "$out/$backend-uas" && exec sipp -sf "$scenarios/call-uas.xml" -i 127.0.0.1 -p "$uas_port" -t u1 \
      -buff_size "$SIPP_BUFFER" -nostdin -bg -trace_err > uas.out 2>&1) || true
  uas_pid=$(grep -o 'PID=\[[0-9]*\]' "$out/$backend-uas/uas.out" | grep -o '[0-9]*' || true)

  if [ "$WARMUP_SECONDS" -gt 0 ]; then
    run_step "$backend" "$WARMUP_RATE" "$WARMUP_SECONDS" warm-up
  fi
  for rate in $RATES; do
    run_step "$backend" "$rate" "$SECONDS_PER_RATE" ""
  done

  [ -n "$uas_pid" ] && kill "$uas_pid" 2>/dev/null || true
  uas_pid=""
  [ -n "$webhook_pid" ] && kill "$webhook_pid" 2>/dev/null || true
  webhook_pid=""
  stop_sipyard
done
echo
cat "$table"
for backend in $BACKENDS; do
  var="best_$backend"
  echo "$backend: highest rate with no failed call and p99 PDD < $PDD_LIMIT_MS ms: ${!var:-none} calls/s" | tee -a "$summary"
done
echo "results in $out"
