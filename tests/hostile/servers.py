"""Hostile loopback servers for the tests of issue 11: each behaves as a target should not.

Every server is a real ``ThreadingHTTPServer`` on 127.0.0.1 (TLS through trustme when asked),
started from a thread and shut down on exit, so the suite under test opens real sockets:

- ``serve(respond)``: the building block; ``respond(handler)`` writes the answer, and every
  request that reaches the server is logged in ``HostileServer.requests`` (method, path, headers,
  body) and every accepted connection counted in ``HostileServer.connections``;
- ``second_origin()``: a server that must never be reached (assert ``server.untouched``);
- ``redirecting(location)``: answers every request with a redirect to ``location``;
- ``dribbling(interval)``: sends headers, then one byte of the body every ``interval`` seconds;
- ``stalling()``: sends headers and part of the body, then nothing until the server stops;
- ``throttling(retry_after)``: ``429 Too Many Requests`` with ``Retry-After`` forever;
- ``counting(good_token)``: a small API (``401`` anonymous, ``200`` with ``Token <good_token>``)
  that records when each request arrived, to measure the rate the suite sends at.

Handlers that wait (dribbling, stalling) wake on ``HostileServer.closing`` so shutdown is quick.
"""

from __future__ import annotations

import json
import ssl
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator


@dataclass
class Logged:
    """One request as the hostile server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    arrived: float  # time.monotonic() on arrival


@dataclass
class HostileServer:
    url: str
    port: int
    requests: list[Logged] = field(default_factory=list)
    connections: int = 0
    closing: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def origin(self) -> str:
        return self.url

    @property
    def untouched(self) -> bool:
        """Nothing reached this server: no request, not even a TCP connection."""
        return not self.requests and self.connections == 0


@dataclass
class TLSFiles:
    """A trustme CA and a loopback certificate: ``server_context()`` for a server, ``ca`` for clients."""

    ca: Path
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(self.cert), str(self.key))
        return context


def tls_files(directory: Path) -> TLSFiles:
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    files = TLSFiles(directory / "ca.pem", directory / "cert.pem", directory / "key.pem")
    ca.cert_pem.write_to_path(files.ca)
    cert.private_key_pem.write_to_path(files.key)
    for i, pem in enumerate(cert.cert_chain_pems):
        pem.write_to_path(files.cert, append=i > 0)
    return files


def _handler(server: HostileServer, respond: Callable[[BaseHTTPRequestHandler, HostileServer], None]):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _any(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            with server.lock:
                server.requests.append(Logged(self.command, self.path, dict(self.headers.items()), body,
                                              time.monotonic()))
            try:
                respond(self, server)
            except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
                self.close_connection = True  # the client gave up: that is what the test wants

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _any

        def log_message(self, *args):
            pass

    return Handler


class _CountingHTTPServer(ThreadingHTTPServer):
    hostile: HostileServer

    def verify_request(self, request, client_address) -> bool:
        with self.hostile.lock:
            self.hostile.connections += 1
        return True


@contextmanager
def serve(respond: Callable[[BaseHTTPRequestHandler, HostileServer], None],
          tls: TLSFiles | None = None) -> Iterator[HostileServer]:
    """A loopback server answering every request with ``respond(handler, server)``."""
    httpd = _CountingHTTPServer(("127.0.0.1", 0), None)
    port = httpd.server_address[1]
    server = HostileServer(f"{'https' if tls else 'http'}://127.0.0.1:{port}", port)
    httpd.hostile = server
    httpd.RequestHandlerClass = _handler(server, respond)
    if tls is not None:
        httpd.socket = tls.server_context().wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield server
    finally:
        server.closing.set()
        httpd.shutdown()
        httpd.server_close()


def answer(handler: BaseHTTPRequestHandler, status: int, body: bytes = b"", headers: dict | None = None) -> None:
    handler.send_response(status)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)


def second_origin(tls: TLSFiles | None = None):
    """Another origin the suite must never reach: it answers 200 and logs what reached it."""
    return serve(lambda handler, server: answer(handler, 200, b'{"stolen": true}',
                                                {"Content-Type": "application/json"}), tls)


def redirecting(location: str, status: int = 307, tls: TLSFiles | None = None):
    """Every request is redirected to ``location`` (a 307 keeps method and body, RFC 9110 15.4.8)."""
    return serve(lambda handler, server: answer(handler, status, b"", {"Location": location}), tls)


def dribbling(interval: float = 0.2, length: int = 100_000, tls: TLSFiles | None = None):
    """Headers at once, then one byte every ``interval`` seconds: no single read ever times out."""

    def respond(handler, server):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(length))
        handler.end_headers()
        handler.wfile.flush()
        for _ in range(length):
            if server.closing.wait(interval):
                return
            handler.wfile.write(b" ")
            handler.wfile.flush()

    return serve(respond, tls)


def stalling(tls: TLSFiles | None = None):
    """Headers and the start of the body, then silence until the server is stopped."""

    def respond(handler, server):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", "1000")
        handler.end_headers()
        handler.wfile.write(b'{"partial": ')
        handler.wfile.flush()
        server.closing.wait(600)
        handler.close_connection = True

    return serve(respond, tls)


def throttling(retry_after: str = "10", tls: TLSFiles | None = None):
    """``429 Too Many Requests`` with ``Retry-After`` on every answer, forever."""
    return serve(lambda handler, server: answer(handler, 429, b'{"detail": "slow down"}',
                                                {"Retry-After": retry_after, "Content-Type": "application/json"}),
                 tls)


def counting(good_token: str, tls: TLSFiles | None = None):
    """A tiny API: ``401`` (``WWW-Authenticate: Token``) unless ``Authorization: Token <good_token>``."""

    def respond(handler, server):
        if handler.headers.get("Authorization") == f"Token {good_token}":
            answer(handler, 200, json.dumps({"items": [1, 2]}).encode(), {"Content-Type": "application/json"})
        else:
            answer(handler, 401, b'{"detail": "Authentication credentials were not provided."}',
                   {"Content-Type": "application/json", "WWW-Authenticate": "Token"})

    return serve(respond, tls)
