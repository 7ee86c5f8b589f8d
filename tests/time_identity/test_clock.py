"""The in-process clock: frozen time reaches server threads, client timeouts stay real, always unfrozen."""

import datetime
import socket
import time
from datetime import timedelta, timezone
from http.server import BaseHTTPRequestHandler

import pytest
import requests

from conformance.inprocess.clock import FrozenClock, describe_offset
from tests.conftest import loopback_server


class _NowHandler(BaseHTTPRequestHandler):
    """Answers with the server thread's idea of the current time."""

    def do_GET(self):  # noqa: N802
        body = datetime.datetime.now(timezone.utc).isoformat().encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def now_server():
    with loopback_server(_NowHandler) as base:
        yield base + "/"


def assert_real_time(read) -> None:
    """``read()`` gives the real time: between two readings of the wall clock taken around it.

    A bracket, not a tolerance in seconds: a loaded machine only widens it (no timed assertion).
    """
    before = datetime.datetime.fromtimestamp(time.time(), timezone.utc)
    value = read()
    after = datetime.datetime.fromtimestamp(time.time(), timezone.utc)
    assert before <= value <= after, (before, value, after)


def server_now(url) -> datetime.datetime:
    return datetime.datetime.fromisoformat(requests.get(url, timeout=5).text)


def test_frozen_time_reaches_the_server_thread_and_moves_only_when_told(now_server):
    with FrozenClock().frozen() as travel:
        assert server_now(now_server) == travel.origin
        travel.at(timedelta(days=30, seconds=1))
        assert server_now(now_server) == travel.origin + timedelta(days=30, seconds=1)
        assert travel.describe() == "+30 d 1 s"
    assert_real_time(lambda: server_now(now_server))


def test_the_clock_is_real_again_after_an_exception(now_server):
    with pytest.raises(RuntimeError):
        with FrozenClock().frozen() as travel:
            travel.at(timedelta(days=400))
            raise RuntimeError("a check crashed while time was frozen")
    assert_real_time(lambda: datetime.datetime.now(timezone.utc))
    assert_real_time(lambda: server_now(now_server))


def test_client_timeouts_still_fire_while_frozen():
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never answers
    url = f"http://127.0.0.1:{silent.getsockname()[1]}/"
    try:
        with FrozenClock().frozen():
            # The timeout firing is the proof (a frozen clock that stopped it would hang here).
            with pytest.raises(requests.exceptions.ReadTimeout):
                requests.get(url, timeout=(1, 0.5))
    finally:
        silent.close()


def test_describe_offset():
    assert describe_offset(timedelta(hours=1, seconds=-1)) == "+59 min 59 s"
    assert describe_offset(timedelta(0)) == "+0 s"
    assert describe_offset(timedelta(seconds=-1)) == "-1 s"
