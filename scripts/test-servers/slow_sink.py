#!/usr/bin/env python3
"""A desk (and Slack API) stand-in that takes its time: answers every POST after DELAY seconds with
Slack's `{"ok": true, "ts": ...}`, HTTP/1.1 keep-alive, one thread per connection.

Usage: slow_sink.py PORT DELAY    Prints "ready" once listening.
"""
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Sink(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # The status line, headers and body go out in separate writes: with Nagle's algorithm on, the
    # last one waits for the client's delayed ACK (40 ms), which would be measured as our cost.
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        time.sleep(float(sys.argv[2]))
        body = b'{"ok":true,"ts":"1795600000.000100"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    ThreadingHTTPServer.daemon_threads = True
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink)
    print("ready", flush=True)
    server.serve_forever()
