#!/usr/bin/env bash
# Many live registrations, each refreshing on its own: PHONES phones (endpoints created through the
# API) register with digest and then refresh every REFRESH_MS on the same Call-ID, REFRESHES times,
# from one sipp. Over UDP all phones share one socket; over TCP (TRANSPORT=tcp) each phone keeps its
# own connection open for its whole life, so PHONES connections are open at once. TLS
# (TRANSPORT=tls): sipp has no TLS, so each phone's TCP connection goes through stunnel (client
# mode, on this machine; apt-get install stunnel4), which opens one TLS connection to sipyard's
# TLS listener per phone; the Via and Contact say TLS, the digest uri names sipyard's TLS
# listener (not stunnel's port), and stunnel's CPU is reported beside sipyard's.
#
#   bench/live-registrations.sh                                   100,000 phones, UDP, 300 MB heap
#   TRANSPORT=tcp PHONES=10000 bench/live-registrations.sh        10,000 TCP connections
#   TRANSPORT=tls PHONES=10000 bench/live-registrations.sh        10,000 TLS connections
#
# The first registrations are spread over one refresh interval (rate PHONES*1000/REFRESH_MS), so the
# refreshes that follow arrive at that same steady rate. Reported: registrations and refreshes that
# failed, sipp's retransmissions (a refresh answered later than T1 = 500 ms is retransmitted, so 0
# means none was late by its retransmission interval), register and refresh times (p50/p99/max),
# sipyard's CPU, and its heap after a full GC with every phone registered, under HEAP.
# Results go to bench/results/live-<timestamp>/ and stdout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bin/java-env.sh"

BACKEND="${BACKEND:-sqlite}"
TRANSPORT="${TRANSPORT:-udp}"
PHONES="${PHONES:-100000}"
REFRESH_MS="${REFRESH_MS:-60000}"
EXPIRES="${EXPIRES:-$(( REFRESH_MS * 2 / 1000 > 60 ? REFRESH_MS * 2 / 1000 : 60 ))}"   # sipyard's Min-Expires is 60
REFRESHES="${REFRESHES:-2}"
HEAP="${HEAP:-300m}"
# the snapshot (heap, connections) is taken between the last first registration and the first phone's end
[ "$REFRESHES" -ge 2 ] || { echo "REFRESHES must be at least 2" >&2; exit 2; }
case "$TRANSPORT" in
  udp) sipp_transport=u1 ;;
  tcp) sipp_transport=tn ;;
  tls) sipp_transport=tn; export SIP_TLS=1
       command -v stunnel >/dev/null || { echo "stunnel is missing: apt-get install stunnel4" >&2; exit 1; } ;;
  *) echo "TRANSPORT is udp, tcp or tls" >&2; exit 2 ;;
esac
out="$root/bench/results/live-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
command -v sipp >/dev/null || { echo "sipp is missing: apt-get install sip-tester" >&2; exit 1; }
# sipp's sockets, and over TLS stunnel's two per phone (stunnel refuses clients past about half its limit)
per_phone=2; [ "$TRANSPORT" = tls ] && per_phone=5
fds=$(( PHONES * per_phone + 4096 ))
ulimit -Hn "$fds" 2>/dev/null || true   # raising the hard limit needs root
ulimit -n "$fds" 2>/dev/null || ulimit -n "$(ulimit -Hn)"

. "$root/bench/sip-bench.sh"
"$root/mvnw" -B -q -DskipTests package >&2
server_pid=""
stunnel_pid=""
trap '[ -n "$stunnel_pid" ] && kill "$stunnel_pid" 2>/dev/null; stop_sipyard' EXIT

summary="$out/summary.txt"
data="$(mktemp -d /tmp/sipyard-bench-data.XXXXXX)"
export SIPYARD_SIP_MAX_CONNECTIONS=$(( PHONES + 1000 ))   # the default (4096) would close the idlest phones' connections
export SIPYARD_SIP_IDLE_TIMEOUT=$(( REFRESH_MS / 1000 + 60 ))
export SIPYARD_RATE_WRITES=0   # request budgets off: creating the phones is set-up, not the measure
start_sipyard "$BACKEND"
echo "== $BACKEND, $TRANSPORT: creating $PHONES endpoints through the API" | tee -a "$summary"
python3 "$root/bench/create-endpoints.py" "http://127.0.0.1:$http" "$project" "$token" "$PHONES" "$out/users.csv" >/dev/null
sed -e "s/@EXPIRES@/$EXPIRES/g" -e "s/@REFRESH_MS@/$REFRESH_MS/g" -e "s/@REFRESHES@/$REFRESHES/g" \
    "$root/bench/sipp/phone-life.xml" > "$out/phone-life.xml"

target="127.0.0.1:$sip"; listener=$sip; auth_uri=()
if [ "$TRANSPORT" = tls ]; then
  sed -i -e 's#SIP/2.0/\[transport\]#SIP/2.0/TLS#' -e 's#transport=\[transport\]#transport=tls#' "$out/phone-life.xml"
  relay=$(free_port)
  printf 'foreground = yes\npid =\noutput = %s\ndebug = 4\n[sip]\nclient = yes\naccept = 127.0.0.1:%s\nconnect = 127.0.0.1:%s\nverifyChain = no\n' \
      "$out/stunnel.log" "$relay" "$tls" > "$out/stunnel.conf"
  stunnel "$out/stunnel.conf" &
  stunnel_pid=$!
  for _ in $(seq 1 50); do ss -Hltn "( sport = :$relay )" | grep -q . && break; sleep 0.1; done
  target="127.0.0.1:$relay"; listener=$tls; auth_uri=(-auth_uri "127.0.0.1:$tls")
fi

rate=$(( PHONES * 1000 / REFRESH_MS )); [ "$rate" -gt 0 ] || rate=1
life_s=$(( PHONES / rate + (REFRESHES + 1) * REFRESH_MS / 1000 + 60 ))
echo "$PHONES phones at $rate/s, Expires $EXPIRES, a refresh every $REFRESH_MS ms, $REFRESHES refreshes each; heap $HEAP; load before: $(cut -d' ' -f1-3 /proc/loadavg)" \
    | tee -a "$summary"
t0=$(date +%s.%N); j0=$(cpu_ticks "$java_pid"); s0=$([ -n "$stunnel_pid" ] && cpu_ticks "$stunnel_pid" || echo 0)
(cd "$out" && timeout $(( life_s + 30 )) sipp "$target" "${auth_uri[@]}" -sf "$out/phone-life.xml" -inf "$out/users.csv" \
    -i 127.0.0.1 -p "$(free_port)" -t "$sipp_transport" -max_socket $(( PHONES + 100 )) -r "$rate" -m "$PHONES" \
    -l "$PHONES" -timeout "${life_s}s" -nostdin -buff_size 4194304 -trace_rtt -rtt_freq 1 -trace_stat -fd 10 \
    -max_recv_loops 10000 -max_sched_loops 10000 > sipp.out 2>&1) &
sipp_pid=$!

# Once every phone has registered and before the last refreshes end: a full GC, then the live heap.
sleep $(( PHONES / rate + REFRESH_MS / 2000 ))
jcmd "$java_pid" GC.run >/dev/null 2>&1 || true
sleep 1
heap=$(jcmd "$java_pid" GC.heap_info 2>/dev/null | grep -E 'PSYoungGen|ParOldGen|garbage-first heap' \
    | grep -Eo 'used [0-9]+K' | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
conns=$(ss -Htn state established "( sport = :$listener )" 2>/dev/null | wc -l)
rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/"$java_pid"/status)
echo "heap after a full GC with the phones registered: $((heap / 1024)) MB (limit $HEAP); RSS $rss MB; TCP connections open to sipyard: $conns" \
    | tee -a "$summary"

code=0; wait "$sipp_pid" || code=$?
t1=$(date +%s.%N); j1=$(cpu_ticks "$java_pid"); s1=$([ -n "$stunnel_pid" ] && cpu_ticks "$stunnel_pid" || echo 0)
count() { grep -o "$1 *| *[0-9]* *| *[0-9]*" "$out/sipp.out" | tail -1 | awk '{print $NF}'; }
ok=$(count 'Successful call'); failed=$(count 'Failed call')
retrans=$(awk -F';' 'NR==1 { for (i=1;i<=NF;i++) if ($i ~ /Retransmissions\(C\)/) c[i]=1; next }
    { s=0; for (i in c) s+=$i; last=s } END { print last+0 }' "$out"/*_.csv 2>/dev/null || echo "?")
read -r n1 p50r p99r maxr < <(python3 "$root/bench/p99.py" --rtd register "$out"/*_rtt.csv)
read -r n2 p50f p99f maxf < <(python3 "$root/bench/p99.py" --rtd refresh "$out"/*_rtt.csv)
cpu=$(python3 -c "print(round(100*($j1-$j0)/$(getconf CLK_TCK)/($t1-$t0)))")
per=$(python3 -c "print(round(1000*($j1-$j0)/$(getconf CLK_TCK)/max(1, $n1 + $n2), 3))")
relay_cpu=""
[ -n "$stunnel_pid" ] && relay_cpu="; stunnel CPU $(python3 -c "print(round(100*($s1-$s0)/$(getconf CLK_TCK)/($t1-$t0)))")%"
echo "phones ok=${ok:-?} failed=${failed:-?} (sipp exit $code); registrations=$n1 p50/p99/max=${p50r}/${p99r}/${maxr} ms; refreshes=$n2 p50/p99/max=${p50f}/${p99f}/${maxf} ms; retransmissions=$retrans; sipyard CPU ${cpu}% (${per} ms per registration or refresh)${relay_cpu}; load $(cut -d' ' -f1-3 /proc/loadavg)" \
    | tee -a "$summary"
echo "results in $out"
