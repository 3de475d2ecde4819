#!/usr/bin/env python3
"""A customer's cXML application for bench/calls.sh HANDLER=cxml: every document request is
answered <Dial><Sip>{To}</Sip></Dial>, so the call goes on to the endpoint that was dialled.
Usage: cxml-webhook.py PORT  (listens on 127.0.0.1 only; stops when killed)."""
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: without this, 40 ms per request

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        to = form.get("To", [""])[0]
        body = ('<Response><Dial timeout="10"><Sip>%s</Sip></Dial></Response>' % escape(to)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
