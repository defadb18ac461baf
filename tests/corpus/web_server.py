"""A real HTTP server on a loopback address for fetch and `whosaid add URL` tests."""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    # Send the body in pieces with a pause between them (a slow server).
    trickle: float = 0.0


@dataclass
class Site:
    host: str
    port: int
    pages: dict[str, Page]
    requests: list[tuple[str, str]]  # (path, Host header) in arrival order

    def url(self, path: str, host: str | None = None, scheme: str = "http") -> str:
        return f"{scheme}://{host or self.host}:{self.port}{path}"


def html_page(html: str, content_type: str = "text/html; charset=utf-8") -> Page:
    return Page(body=html.encode("utf-8"), headers={"Content-Type": content_type})


def redirect(location: str, status: int = 302) -> Page:
    return Page(status=status, headers={"Location": location})


@contextmanager
def serve(
    pages: dict[str, Page], host: str = "127.0.0.1", tls: ssl.SSLContext | None = None
) -> Iterator[Site]:
    requests: list[tuple[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append((self.path, self.headers.get("Host", "")))
            page = site.pages.get(self.path)
            if page is None:
                page = Page(status=404, body=b"not found", headers={"Content-Type": "text/plain"})
            self.send_response(page.status)
            for key, value in page.headers.items():
                self.send_header(key, value)
            if "Content-Length" not in page.headers and not page.trickle:
                self.send_header("Content-Length", str(len(page.body)))
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                if page.trickle:
                    for i in range(0, len(page.body), 64):
                        self.wfile.write(page.body[i : i + 64])
                        self.wfile.flush()
                        time.sleep(page.trickle)
                else:
                    self.wfile.write(page.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up on purpose (size cap, deadline)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer((host, 0), Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    site = Site(host=host, port=server.server_address[1], pages=pages, requests=requests)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
