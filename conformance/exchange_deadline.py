"""A total deadline per exchange: connect, headers and the whole body, whatever the server does.

Socket timeouts bound one read at a time, so a server that sends its headers and then one byte
every few seconds (or headers one byte at a time) keeps a client waiting forever (CWE-400). The
``ExchangeWatch`` is armed around each exchange: when the deadline passes, a timer thread shuts
down every connection the client has open (``shutdown(2)`` on a duplicate of the socket's file
descriptor, which ends the connection without touching the TLS object another thread is reading
through), the blocked read returns, and the client reports ``ExchangeDeadline`` as the cause, so
the target is treated like one that cannot be reached (the check is ``error``; a target that does
this to every request stops the run with exit code 3).

Connections are tracked by giving the session's urllib3 pools connection classes that register
themselves once connected; a connection made by ``http.client`` directly registers by hand.
"""

from __future__ import annotations

import os
import socket
import threading
import weakref
from contextlib import contextmanager
from typing import Iterator

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

DEFAULT_EXCHANGE_DEADLINE_S = 60.0


class ExchangeDeadline(Exception):
    """No complete answer (headers and body) within the exchange deadline."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"no complete answer within {seconds:g} s (the exchange deadline, --exchange-deadline); "
                         "the server stalled or sent its answer too slowly")


class ExchangeWatch:
    """Tracks a client's connections and cuts them all when an exchange outlives its deadline."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._connections: weakref.WeakSet = weakref.WeakSet()
        self._lock = threading.Lock()

    def track(self, connection) -> None:
        with self._lock:
            self._connections.add(connection)

    def _cut_all(self, fired: threading.Event) -> None:
        fired.set()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            sock = getattr(connection, "sock", None)
            if sock is None:
                continue
            try:
                duplicate = socket.socket(fileno=os.dup(sock.fileno()))
            except (OSError, ValueError):
                continue  # already closed
            try:
                duplicate.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            finally:
                duplicate.close()

    @contextmanager
    def exchange(self) -> Iterator[threading.Event]:
        """Arm the deadline for one exchange; the event is set if it fired."""
        fired = threading.Event()
        timer = threading.Timer(self.seconds, self._cut_all, args=(fired,))
        timer.daemon = True
        timer.start()
        try:
            yield fired
        finally:
            timer.cancel()

    def install(self, session) -> None:
        """Make every pool of ``session``'s adapters build connections that register with this watch."""
        watch = self

        class TrackedHTTPConnection(HTTPConnection):
            def connect(self):
                super().connect()
                watch.track(self)

        class TrackedHTTPSConnection(HTTPSConnection):
            def connect(self):
                super().connect()
                watch.track(self)

        class TrackedHTTPPool(HTTPConnectionPool):
            ConnectionCls = TrackedHTTPConnection

        class TrackedHTTPSPool(HTTPSConnectionPool):
            ConnectionCls = TrackedHTTPSConnection

        for adapter in session.adapters.values():
            adapter.poolmanager.pool_classes_by_scheme = {"http": TrackedHTTPPool, "https": TrackedHTTPSPool}
