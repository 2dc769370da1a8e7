#!/usr/bin/env python3
"""fetch-server.py - web pages for the tests of 'source add URL' (t091x).

usage: fetch-server.py ROOT PORTFILE [CERT KEY]

Serves on 127.0.0.1 at a free port, which it writes to PORTFILE once it
listens; over TLS when CERT and KEY are given.  Files under ROOT are served
at /file/NAME (so a test can change a page between two fetches), with the
type their name tells; the other paths are fixed answers (see PAGES and
serve()).  A request for an absolute URL (as to a proxy) is served as its
path, and noted in ROOT/proxied.  It stops by itself after FETCH_SECONDS
(default 120), in case the test that started it cannot.
"""
import gzip
import http.server
import os
import ssl
import sys
import threading
import time

ARTICLE = b"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Harbour news | Example Times</title>
<meta property="og:title" content="Four patrol boats arrive in the harbour">
<meta property="article:published_time" content="2026-11-30T08:00:00+01:00">
</head><body><article><h1>Four patrol boats arrive</h1>
<p>The harbour authority said that four patrol boats arrived on Monday.</p>
</article></body></html>
"""
JSONLD = b"""<!DOCTYPE html>
<html><head><title>  Budget
  figures   for 2026 </title>
<script type="application/ld+json">{"@context": "https://schema.org",
 "@graph": [{"@type": "WebSite", "name": "x"},
            {"@type": "NewsArticle", "datePublished": "2026-10-02T10:00:00Z"}]}</script>
</head><body><p>The budget grew by 4 percent.</p></body></html>
"""
NOTITLE = b"<html><body><p>A page without a title.</p></body></html>\n"

PAGES = {
    "/article": (200, [("Content-Type", "text/html; charset=utf-8"),
                       ("ETag", '"v1-article"'),
                       ("Last-Modified", "Mon, 30 Nov 2026 07:00:00 GMT")], ARTICLE),
    "/jsonld": (200, [("Content-Type", "text/html")], JSONLD),
    "/notitle": (200, [("Content-Type", "text/html")], NOTITLE),
    "/plain": (200, [("Content-Type", "text/plain")], b"Four patrol boats arrived.\n"),
    "/cp1251": (200, [("Content-Type", "text/plain; charset=windows-1251")],
                "Четыре патрульных катера прибыли.\n".encode("cp1251")),
    # A charset the page declares only in its <meta>, not in Content-Type.
    "/meta-1250": (200, [("Content-Type", "text/html")],
                   ('<html><head><meta charset="windows-1250">'
                    '<meta property="og:title" content="Četiri čamca stigla">'
                    '</head><body><p>Četiri patrolna čamca su stigla.</p></body></html>')
                   .encode("cp1250")),
    "/latin2-ascii": (200, [("Content-Type", "text/plain;charset=ISO-8859-2")],
                      b"Plain ASCII words, declared ISO-8859-2.\n"),
    "/utf8-quoted": (200, [("Content-Type", 'text/plain; format=flowed; charset="UTF-8"')],
                     "Čačak and Niš, in UTF-8.\n".encode()),
    "/xhtml": (200, [("Content-Type", "application/xhtml+xml")],
               b"<html xmlns='http://www.w3.org/1999/xhtml'><head><title>X</title></head>"
               b"<body><p>An XHTML page.</p></body></html>"),
    "/gzip": (200, [("Content-Type", "text/plain"), ("Content-Encoding", "gzip")],
              gzip.compress(b"Four patrol boats arrived, said the gzip page.\n")),
    "/bomb": (200, [("Content-Type", "text/plain"), ("Content-Encoding", "gzip")],
              gzip.compress(b"\0" * (65 << 20), 9)),
    "/brotli": (200, [("Content-Type", "text/plain"), ("Content-Encoding", "br")], b"xx"),
    "/badgzip": (200, [("Content-Type", "text/plain"), ("Content-Encoding", "gzip")],
                 b"\x1f\x8b\x08\x00not gzip at all"),
    "/missing": (404, [("Content-Type", "text/plain")], b"not here\n"),
    "/error": (500, [("Content-Type", "text/plain")], b"broken\n"),
    "/redirect": (302, [("Location", "/article")], b""),
    "/r1": (301, [("Location", "/r2")], b""),
    "/r2": (307, [("Location", "/plain")], b""),
    "/loop-a": (302, [("Location", "/loop-b")], b""),
    "/loop-b": (302, [("Location", "/loop-a")], b""),
    "/to-file": (302, [("Location", "file:///etc/passwd")], b""),
    "/bigheaders": (200, [("X-Filler-%d" % i, "x" * 1000) for i in range(300)], b"hi\n"),
}
TYPES = {".html": "text/html", ".txt": "text/plain", ".xml": "application/xml"}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, fmt, *args):
        sys.stderr.write("%s\n" % (fmt % args))

    def reply(self, code, headers, data, length=True):
        self.send_response(code)
        for name, value in headers:
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def zeros(self, length):
        """65 MiB of zeros, with or without a Content-Length."""
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        if length:
            self.send_header("Content-Length", str((65 << 20)))
        self.end_headers()
        chunk = b"0" * 65536
        try:
            for _ in range(65 * 16):
                self.wfile.write(chunk)
        except OSError:
            pass

    def do_GET(self):
        path = self.path
        if path.startswith("http://") or path.startswith("https://"):
            with open(os.path.join(sys.argv[1], "proxied"), "a") as f:
                f.write(path + "\n")
            path = "/" + path.split("/", 3)[3]
        path = path.split("?")[0]
        if path in PAGES:
            self.reply(*PAGES[path])
        elif path == "/slow":
            time.sleep(float(os.environ.get("FETCH_SLOW", "10")))
            self.reply(200, [("Content-Type", "text/plain")], b"late\n")
        elif path == "/big":
            self.zeros(True)
        elif path == "/big-unsized":
            self.zeros(False)
        elif path.startswith("/file/"):
            name = os.path.basename(path[6:])
            try:
                with open(os.path.join(sys.argv[1], name), "rb") as f:
                    data = f.read()
            except OSError:
                self.reply(404, [("Content-Type", "text/plain")], b"no such file\n")
                return
            ext = os.path.splitext(name)[1]
            self.reply(200, [("Content-Type", TYPES.get(ext, "application/octet-stream"))], data)
        else:
            self.reply(404, [("Content-Type", "text/plain")], b"no such page\n")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        sys.stderr.write("%s: %s\n" % (client_address[0], sys.exc_info()[1]))


def main():
    if len(sys.argv) not in (3, 5):
        sys.exit(__doc__.split("\n\n")[1])
    server = Server(("127.0.0.1", 0), Handler)
    if len(sys.argv) == 5:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(sys.argv[3], sys.argv[4])
        server.socket = tls.wrap_socket(server.socket, server_side=True,
                                        do_handshake_on_connect=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    portfile = sys.argv[2]
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % server.server_address[1])
    os.rename(portfile + ".tmp", portfile)
    time.sleep(float(os.environ.get("FETCH_SECONDS", "120")))


if __name__ == "__main__":
    main()
