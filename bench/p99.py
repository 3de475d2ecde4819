#!/usr/bin/env python3
"""Reads sipp -trace_rtt files (one or more) and prints: count p50 p99 max (milliseconds).
usage: p99.py [--rtd NAME] FILE...   (--rtd: only that response-time measure of the scenario)"""
import sys

args = sys.argv[1:]
only = None
if args[:1] == ["--rtd"]:
    only, args = args[1], args[2:]
values = []
for path in args:
    with open(path) as f:
        for line in f:
            parts = line.strip().split(";")
            # Date_ms;response_time_ms;rtd_no
            if len(parts) >= 3 and parts[1].replace(".", "", 1).isdigit() and (only is None or parts[2] == only):
                values.append(float(parts[1]))
values.sort()
if not values:
    print("0 - - -")
else:
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    print(len(values), round(pick(0.50), 2), round(pick(0.99), 2), round(values[-1], 2))
