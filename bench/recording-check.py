#!/usr/bin/env python3
"""Checks the recordings a bench/media.sh step left: how many WAV files under DIR are newer than SINCE
(seconds since the epoch), and, for the newest one, its length and whether it holds the generator's
440 Hz tone (the share of the signal's power at 440 Hz, Goertzel over the whole file).

usage: recording-check.py DIR SINCE     prints: recordings=N sample_s=S sample_440hz_share=R
"""
import math
import os
import struct
import sys
import wave

folder, since = sys.argv[1], float(sys.argv[2])
files = []
for base, _, names in os.walk(folder):
    for name in names:
        path = os.path.join(base, name)
        if name.endswith(".wav") and os.path.getmtime(path) >= since:
            files.append(path)
if not files:
    print("recordings=0 sample_s=- sample_440hz_share=-")
    sys.exit(0)
newest = max(files, key=os.path.getmtime)
with wave.open(newest) as w:
    rate, width, channels = w.getframerate(), w.getsampwidth(), w.getnchannels()
    frames = w.readframes(w.getnframes())
if width != 2 or channels != 1:
    print("recordings=%d sample_s=- sample_440hz_share=- (not 16-bit mono)" % len(files))
    sys.exit(0)
samples = struct.unpack("<%dh" % (len(frames) // 2), frames)
energy = sum(s * s for s in samples) or 1
k = 2 * math.cos(2 * math.pi * 440 / rate)
s1 = s2 = 0.0
for x in samples:
    s1, s2 = x + k * s1 - s2, s1
power = s1 * s1 + s2 * s2 - k * s1 * s2
# a pure tone of N samples gives power = energy * N / 2 at its own frequency
share = power / (energy * len(samples) / 2) if samples else 0
print("recordings=%d sample_s=%.1f sample_440hz_share=%.2f" % (len(files), len(samples) / rate, share))
