#!/usr/bin/env python3
"""Reads sipp -trace_rtt files (one or more) and prints: count p50 p99 max (milliseconds)."""
import sys

values = []
for path in sys.argv[1:]:
    with open(path) as f:
        for line in f:
            parts = line.strip().split(";")
            # Date_ms;response_time_ms;rtd_no
            if len(parts) >= 3 and parts[1].replace(".", "", 1).isdigit():
                values.append(float(parts[1]))
values.sort()
if not values:
    print("0 - - -")
else:
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    print(len(values), round(pick(0.50), 2), round(pick(0.99), 2), round(values[-1], 2))
