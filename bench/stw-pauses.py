#!/usr/bin/env python3
"""Summarises the JVM's stop-the-world pauses (-Xlog:safepoint:file=LOG:time) between two moments:
every safepoint, whatever the collector, so ParallelGC, G1 and ZGC compare alike.

usage: stw-pauses.py LOG START END    (START, END: seconds since the epoch)
prints: stw_pauses=N stw_total_ms=T stw_p99_ms=P stw_max_ms=M
"""
import datetime
import re
import sys

log, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
line_re = re.compile(r"^\[([^\]]+)\] Safepoint .*Total: (\d+) ns")
pauses = []
try:
    with open(log) as f:
        for line in f:
            m = line_re.match(line)
            if not m:
                continue
            at = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()
            if start <= at <= end:
                pauses.append(int(m.group(2)) / 1e6)
except OSError:
    pass
if not pauses:
    print("stw_pauses=0 stw_total_ms=0 stw_p99_ms=- stw_max_ms=-")
else:
    pauses.sort()
    p99 = pauses[min(len(pauses) - 1, int(0.99 * len(pauses)))]
    print("stw_pauses=%d stw_total_ms=%.0f stw_p99_ms=%.1f stw_max_ms=%.1f" % (len(pauses), sum(pauses), p99, pauses[-1]))
