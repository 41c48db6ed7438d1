"""A real HTTP server on 127.0.0.1 that serves feeds and article pages for the tests.

Its content is a dict the test changes as it goes: ``server.routes[path] = Route(...)``.
It honours ETag / If-None-Match like a real feed host and counts requests per path.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    headers: list = field(default_factory=list)
    etag: str | None = None
    endless: bool = False
    delay: float = 0


class FeedServer:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.hits: Counter = Counter()
        self.conditional_hits: Counter = Counter()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.hits[self.path] += 1
                route = server.routes.get(self.path)
                try:
                    if route is None:
                        self._send(404, b"not found", "text/plain")
                        return
                    if route.delay:
                        time.sleep(route.delay)
                    if route.etag and self.headers.get("If-None-Match") == route.etag:
                        server.conditional_hits[self.path] += 1
                        self.send_response(304)
                        self.send_header("ETag", route.etag)
                        self.end_headers()
                        return
                    if route.endless:
                        self.send_response(200)
                        self.send_header("Content-Type", route.content_type)
                        self.end_headers()
                        while True:
                            self.wfile.write(b"<item><title>x</title></item>" * 1000)
                    headers = list(route.headers) + ([("ETag", route.etag)] if route.etag else [])
                    self._send(route.status, route.body, route.content_type, headers)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _send(self, status, body, content_type, headers=()):
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_port
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + path


def rss(items: list[tuple[str, str, str]], *, title: str = "Test wire") -> bytes:
    """``items``: (guid, path or URL, title)."""
    entries = "".join(
        f'<item><title>{t}</title><link>{link}</link><guid isPermaLink="false">{g}</guid>'
        f"<pubDate>Mon, 30 Nov 2026 0{i % 10}:00:00 GMT</pubDate></item>"
        for i, (g, link, t) in enumerate(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://example.org/</link><description>d</description>{entries}</channel></rss>"
    ).encode()


def article_page(n: int) -> bytes:
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story {n}</title></head>
<body><article><h1>Story number {n}</h1>
<p>The minister said on Tuesday that unemployment fell to {n}.1 percent in the last quarter, the lowest
level since 2008, according to figures released by the national statistics office in story {n}.</p>
<p>Opposition leaders disputed the figure, saying it excluded {n}50,000 people enrolled in training schemes
who would otherwise be counted as looking for work, a claim the ministry rejected in story {n}.</p>
</article></body></html>""".encode()
