#!/usr/bin/env python3
"""A customer's cXML application for bench/media.sh: every call plays a prompt, then records the caller.

  POST /voice     -> <Play>http://127.0.0.1:PORT/prompt.wav</Play><Record maxLength=MAX_RECORD .../>
  POST /recorded  -> <Hangup/>   (the Record's action: asked for when the recording ends)
  GET  /prompt.wav   PROMPT_SECONDS of a 600 Hz tone, 8 kHz 16-bit mono (sipyard fetches it once and caches it)
  GET  /stats        request counts as JSON, for the script

Usage: media-webhook.py PORT PROMPT_SECONDS MAX_RECORD_SECONDS  (127.0.0.1 only; stops when killed).
"""
import json
import math
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, prompt_seconds, max_record = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])


def wav(seconds, hz, rate=8000):
    n = int(seconds * rate)
    samples = b"".join(struct.pack("<h", int(6000 * math.sin(2 * math.pi * hz * i / rate))) for i in range(n))
    header = b"RIFF" + struct.pack("<I", 36 + len(samples)) + b"WAVEfmt " + struct.pack(
        "<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16) + b"data" + struct.pack("<I", len(samples))
    return header + samples


PROMPT = wav(prompt_seconds, 600)
DOCUMENT = ('<?xml version="1.0" encoding="UTF-8"?><Response>'
            '<Play>http://127.0.0.1:%d/prompt.wav</Play>'
            '<Record maxLength="%d" timeout="0" playBeep="false" finishOnKey="" '
            'action="http://127.0.0.1:%d/recorded"/>'
            '</Response>' % (port, max_record, port)).encode()
HANGUP = b'<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>'
counts = {"voice": 0, "recorded": 0, "prompt": 0, "other": 0}
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: without this, 40 ms per request

    def count(self, what):
        with lock:
            counts[what] += 1

    def answer(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        path = self.path.split("?")[0]
        if path == "/voice":
            self.count("voice")
            self.answer(200, "application/xml", DOCUMENT)
        elif path == "/recorded":
            self.count("recorded")
            self.answer(200, "application/xml", HANGUP)
        else:
            self.count("other")
            self.answer(404, "text/plain", b"no such document\n")

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/prompt.wav":
            self.count("prompt")
            self.answer(200, "audio/wav", PROMPT)
        elif path == "/stats":
            with lock:
                body = json.dumps(counts).encode()
            self.answer(200, "application/json", body)
        else:
            self.count("other")
            self.answer(404, "text/plain", b"not found\n")

    def log_message(self, *args):
        pass


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
