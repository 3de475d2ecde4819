#!/usr/bin/env bash
# What a scrape of /metrics costs: a fresh server (SQLite, loopback, free ports), 400 REST requests,
# then 50 sequential scrapes: series count, size, time per scrape and the server CPU they took.
# Usage: bench/metrics-scrape.sh (builds the jar through ./sipyard if needed).
set -eu
free() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
d=$(mktemp -d /tmp/scrape-cost.XXXX); http=$(free); met=$(free); sip=$(free)
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SIPYARD_DATA_DIR=$d SIPYARD_HTTP_ADDR=127.0.0.1:$http SIPYARD_METRICS_ADDR=127.0.0.1:$met SIPYARD_SIP_ADDR=127.0.0.1:$sip \
SIPYARD_SIP_TLS_ADDR=off SIPYARD_SIP_WS_ADDR=off SIPYARD_SIP_WSS_ADDR=off ./sipyard serve > $d/out.log 2>&1 &
pid=$!
for i in $(seq 100); do curl -sf http://127.0.0.1:$http/api/healthz >/dev/null && break; sleep 0.2; done
for i in $(seq 200); do curl -s -o /dev/null http://127.0.0.1:$http/api/healthz; curl -s -o /dev/null http://127.0.0.1:$http/api/fabric/resources/sip_endpoints; done
curl -s http://127.0.0.1:$met/metrics > $d/scrape.txt
echo "series: $(grep -vc '^#' $d/scrape.txt) lines, bytes: $(wc -c < $d/scrape.txt)"
t0=$(awk '{print $14+$15}' /proc/$pid/stat)
for i in $(seq 50); do curl -s -o /dev/null -w '%{time_total}\n' http://127.0.0.1:$met/metrics; done | sort -n | awk '{a[NR]=$1} END {print "scrape time p50 " a[int(NR/2)]*1000 " ms, max " a[NR]*1000 " ms"}'
t1=$(awk '{print $14+$15}' /proc/$pid/stat)
echo "server CPU for 50 scrapes: $(( (t1-t0)*10 )) ms"
grep -E '^sipyard_http_requests_seconds_count' $d/scrape.txt
kill -INT $pid; wait $pid 2>/dev/null || true
rm -rf $d
uptime
