#!/usr/bin/env python3
"""https-server.py - git's smart HTTP protocol over TLS, for t0803-https.sh.

usage: https-server.py ROOT CERT KEY PORTFILE

Serves the repositories under ROOT through git-http-backend (CGI) on
127.0.0.1 at a free port, which it writes to PORTFILE once it listens.
Every request must carry HTTP basic authentication for the user and
password in HTTPS_USER and HTTPS_PASSWORD; others get 401.  Request bodies
may be chunked (libgit2 sends pushes that way), so the CGI is run here
rather than through http.server's CGI handler.  It stops by itself after
HTTPS_SECONDS (default 120), in case the test that started it cannot.
"""
import base64
import hmac
import http.server
import os
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse

BACKEND = os.environ.get("GIT_HTTP_BACKEND", "/usr/lib/git-core/git-http-backend")


class Handler(http.server.BaseHTTPRequestHandler):
    # One request per connection: nothing to keep in step after a 401.
    protocol_version = "HTTP/1.0"

    def authorized(self):
        want = "%s:%s" % (os.environ["HTTPS_USER"], os.environ["HTTPS_PASSWORD"])
        got = self.headers.get("Authorization", "")
        if not got.startswith("Basic "):
            return False
        try:
            got = base64.b64decode(got[6:], validate=True).decode()
        except ValueError:
            return False
        return hmac.compare_digest(got.encode(), want.encode())

    def body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            data = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def reply(self, code, headers, data):
        self.send_response(code)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def serve(self):
        data = self.body() if self.command == "POST" else b""
        if not self.authorized():
            self.reply(401, [("WWW-Authenticate", 'Basic realm="claimlog test"'),
                             ("Content-Type", "text/plain")], b"authentication required\n")
            return
        path, _, query = self.path.partition("?")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "GIT_PROJECT_ROOT": sys.argv[1],
            "GIT_HTTP_EXPORT_ALL": "1",
            "GATEWAY_INTERFACE": "CGI/1.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REQUEST_METHOD": self.command,
            "PATH_INFO": urllib.parse.unquote(path),
            "QUERY_STRING": query,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(data)),
            "REMOTE_USER": os.environ["HTTPS_USER"],
            "REMOTE_ADDR": self.client_address[0],
        }
        for name in ("Content-Encoding", "Git-Protocol"):
            if name in self.headers:
                env["HTTP_" + name.upper().replace("-", "_")] = self.headers[name]
        cgi = subprocess.run([BACKEND], input=data, env=env, capture_output=True)
        sys.stderr.write(cgi.stderr.decode(errors="replace"))
        head, sep, out = cgi.stdout.partition(b"\r\n\r\n")
        if not sep:
            head, sep, out = cgi.stdout.partition(b"\n\n")
        code, headers = 200, []
        for line in head.decode(errors="replace").splitlines():
            name, _, value = line.partition(":")
            if name.lower() == "status":
                code = int(value.split()[0])
            elif name:
                headers.append((name, value.strip()))
        if cgi.returncode != 0 and not sep:
            code, headers, out = 500, [], b"git-http-backend failed\n"
        self.reply(code, headers, out)

    do_GET = serve
    do_POST = serve


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A client that rejects the certificate ends here: one line, no trace.
        sys.stderr.write("%s: %s\n" % (client_address[0], sys.exc_info()[1]))


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__.split("\n\n")[1])
    cert, key, portfile = sys.argv[2:]
    server = Server(("127.0.0.1", 0), Handler)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    # The handshake happens in the request's thread, so a client that
    # rejects the certificate cannot stall the others.
    server.socket = tls.wrap_socket(server.socket, server_side=True,
                                    do_handshake_on_connect=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % server.server_address[1])
    os.rename(portfile + ".tmp", portfile)
    time.sleep(float(os.environ.get("HTTPS_SECONDS", "120")))


if __name__ == "__main__":
    main()
