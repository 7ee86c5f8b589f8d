"""The conformance client keeps no cookie from one answer for the next request."""

from http.server import BaseHTTPRequestHandler

import pytest

from conformance.http import ConformanceClient
from tests.conftest import loopback_server


class _CookieHandler(BaseHTTPRequestHandler):
    """Sets a session cookie on /login; echoes the Cookie header it receives elsewhere."""

    def do_GET(self):  # noqa: N802
        body = (self.headers.get("Cookie") or "").encode()
        self.send_response(200)
        if self.path == "/login":
            self.send_header("Set-Cookie", "sessionid=abc123def; Path=/")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def cookie_server():
    with loopback_server(_CookieHandler) as base:
        yield base


def test_a_cookie_set_by_one_answer_is_not_sent_with_the_next_request(cookie_server):
    client = ConformanceClient(cookie_server)
    login = client.request("GET", "/login")
    assert login.raw_set_cookies == ["sessionid=abc123def; Path=/"]
    assert client.request("GET", "/anonymous").text == ""  # no session rides along
    assert client.request("GET", "/explicit", cookies={"sessionid": "given"}).text == "sessionid=given"
