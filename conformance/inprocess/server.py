"""Serve the Django app on loopback from a thread, over HTTPS and over plain HTTP.

This is Django's own ``LiveServerThread`` (what ``LiveServerTestCase`` and pytest-django's
``live_server`` use), with TLS added: the listening socket is wrapped, the handshake happens in
the request's worker thread (so a plain-HTTP probe of the HTTPS port cannot stall the accept
loop), and ``HTTPS=on`` reaches the WSGI environ so ``request.is_secure()`` is true exactly on
the TLS port, as behind a TLS-terminating server.
"""

from __future__ import annotations

import logging
import socket
import ssl

from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler

logger = logging.getLogger("conformance.server")

HANDSHAKE_TIMEOUT_S = 10


class _HTTPSRequestHandler(QuietWSGIRequestHandler):
    def get_environ(self):
        environ = super().get_environ()
        environ["HTTPS"] = "on"  # wsgiref derives wsgi.url_scheme from this
        return environ


SHUTDOWN_POLL_S = 0.05  # socketserver's default, 0.5 s, is what stopping each server waited


class _QuietErrorsMixin:
    def serve_forever(self, poll_interval=SHUTDOWN_POLL_S):
        # shutdown() waits until the accept loop next polls its flag: half a second per server at
        # the default, paid at the end of every run and by every xdist worker (issue 16).
        super().serve_forever(poll_interval)

    def get_request(self):
        raw, address = self.socket.accept()
        # wsgiref writes headers and body in separate sends; without TCP_NODELAY each answer
        # waits out the client's delayed ACK (about 40 ms on Linux) under Nagle's algorithm.
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return raw, address

    def handle_error(self, request, client_address):
        # Probes send hostile input on purpose (binary headers, plain HTTP to the TLS port):
        # a torn connection is expected, not worth a traceback on the terminal.
        logger.debug("connection from %s ended with an error", client_address, exc_info=True)


class QuietThreadedWSGIServer(_QuietErrorsMixin, ThreadedWSGIServer):
    pass


class TLSThreadedWSGIServer(_QuietErrorsMixin, ThreadedWSGIServer):
    ssl_context: ssl.SSLContext

    def get_request(self):
        raw, address = super().get_request()
        return self.ssl_context.wrap_socket(raw, server_side=True, do_handshake_on_connect=False), address

    def finish_request(self, request, client_address):
        request.settimeout(HANDSHAKE_TIMEOUT_S)
        try:
            request.do_handshake()
        except (ssl.SSLError, OSError, socket.timeout):
            logger.debug("TLS handshake with %s failed", client_address, exc_info=True)
            return
        request.settimeout(None)
        super().finish_request(request, client_address)


def _static_handler():
    """Static files as runserver serves them, where the project uses staticfiles; else the app as is."""
    from django.apps import apps
    from django.conf import settings

    if apps.is_installed("django.contrib.staticfiles") and getattr(settings, "STATIC_URL", None):
        from django.contrib.staticfiles.handlers import StaticFilesHandler

        return StaticFilesHandler
    return _as_is


def _as_is(application):
    return application


class ServerThread(LiveServerThread):
    """Django's live server thread, optionally speaking TLS."""

    def __init__(self, host: str, *, ssl_context: ssl.SSLContext | None = None, connections_override=None):
        super().__init__(host, _static_handler(), connections_override=connections_override, port=0)
        self.ssl_context = ssl_context
        self.daemon = True

    def _create_server(self, connections_override=None):
        if self.ssl_context is None:
            return QuietThreadedWSGIServer(
                (self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False,
                connections_override=connections_override,
            )
        server = TLSThreadedWSGIServer(
            (self.host, self.port), _HTTPSRequestHandler, allow_reuse_address=False,
            connections_override=connections_override,
        )
        server.ssl_context = self.ssl_context
        return server


def shared_connections() -> dict:
    """Connections the server threads must share with the test thread.

    An in-memory SQLite test database exists only inside its connection, so the server threads
    use the test thread's connection, as ``LiveServerTestCase`` does.
    """
    override = {}
    for conn in connections.all():
        if conn.vendor == "sqlite" and conn.is_in_memory_db():
            conn.inc_thread_sharing()
            override[conn.alias] = conn
    return override


class ServerStartError(Exception):
    pass


def start(host: str, ssl_context: ssl.SSLContext | None, override: dict) -> ServerThread:
    thread = ServerThread(host, ssl_context=ssl_context, connections_override=override)
    thread.start()
    thread.is_ready.wait(timeout=30)
    if thread.error or not thread.is_ready.is_set():
        raise ServerStartError(f"could not serve the app on {host}: {thread.error or 'timed out'}")
    return thread
