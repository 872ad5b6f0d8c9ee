#!/usr/bin/env python3
"""A purpose-written misbehaving backend that echoes every request header back.

Usage: echo_server.py PORT_FILE MODE
  echo     /health answers 200 healthy; /metrics answers an exposition whose broken line holds every
           header; every other path answers 500 or 400 with a JSON body holding every header.
  auth     every path needs "Authorization: Bearer $ECHO_SERVER_TOKEN"; without it 401, with
           another value 401 too, each with the headers echoed in the body; with it, /health is 200.
  forbid   every path answers 403 with the headers echoed.
Listens on 127.0.0.1, a free port written to PORT_FILE; HTTPS when ECHO_SERVER_CERT and
ECHO_SERVER_KEY name a PEM certificate and key.
"""
import http.server
import json
import os
import ssl
import sys

port_file, mode = sys.argv[1], sys.argv[2]
token = os.environ.get("ECHO_SERVER_TOKEN", "")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="application/json"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def echo(self, status, why):
        self.send(status, json.dumps({"error": why, "echo": dict(self.headers.items())}))

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        path = self.path.split("?")[0]
        if mode == "forbid":
            return self.echo(403, "forbidden")
        if mode == "auth":
            if self.headers.get("Authorization") != "Bearer " + token:
                return self.echo(401, "unauthorized")
            return self.send(200, json.dumps({"status": "healthy", "redis": "connected"}))
        if path == "/health":
            return self.send(200, json.dumps({"status": "healthy", "redis": "connected"}))
        if path == "/metrics":
            lines = ["# TYPE echo_up gauge", "echo_up 1"]
            for name, value in self.headers.items():
                lines.append('echo_header{name="%s"} %s' % (name, value))
            return self.send(200, "\n".join(lines) + "\n", "text/plain; version=0.0.4")
        return self.echo(500 if self.command == "POST" else 400, "echoing your headers")

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
if os.environ.get("ECHO_SERVER_CERT"):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.environ["ECHO_SERVER_CERT"], os.environ["ECHO_SERVER_KEY"])
    server.socket = context.wrap_socket(server.socket, server_side=True)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
