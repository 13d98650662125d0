#!/usr/bin/env python3
"""HTTP test server for intake's HTTPClient tests.

Usage: http_echo.py PORT

Every request is answered with a JSON echo: {"method", "path", "headers": [[name, value], ...],
"body_hex"}. The path chooses the behaviour: /status/NNN answers with status NNN, /slow waits two
seconds before answering, /big sends 1 MiB, anything else answers 200. Each response also carries
"X-Echo: yes" twice, to check duplicate response headers stay visible. Prints "ready" once listening.
"""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Echo(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status = 200
        if self.path.startswith("/status/"):
            status = int(self.path.split("/")[2])
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/big":
            payload = b"x" * (1 << 20)
        else:
            payload = json.dumps({
                "method": self.command,
                "path": self.path,
                "headers": [[k, v] for k, v in self.headers.items()],
                "body_hex": body.hex(),
            }).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Echo", "yes")
        self.send_header("X-Echo", "yes")
        # 204 and 304 have no body (RFC 9110 §15.3.5, §15.4.5): bytes sent after one would be read as
        # the start of the next response on a kept-alive connection.
        bodiless = self.command == "HEAD" or status in (204, 304)
        if status not in (204, 304):
            self.send_header("Content-Length", str(0 if bodiless else len(payload)))
        self.end_headers()
        if not bodiless:
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = answer


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Echo)
    print("ready", flush=True)
    server.serve_forever()
