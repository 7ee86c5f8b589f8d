"""The HTTP client against real loopback servers: recording, redaction, repeated headers, TLS, failures."""

from __future__ import annotations

import socket
import ssl
from http.server import BaseHTTPRequestHandler

import pytest
import trustme

from conformance.evidence import Redactor
from conformance.http import ConformanceClient, TargetUnreachable
from tests.conftest import loopback_server

SECRET = "c0ffee-secret-token-value-0123456789"


class Recorder(BaseHTTPRequestHandler):
    """Answers every request with what it received, and remembers the raw header lines."""

    protocol_version = "HTTP/1.1"  # keep-alive, as real servers offer
    seen: list[list[tuple[str, str]]] = []
    client_ports: list[int] = []

    def _answer(self):
        Recorder.seen.append(list(self.headers.items()))
        Recorder.client_ports.append(self.client_address[1])
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.path.startswith("/redirect"):
            self.send_response(301)
            self.send_header("Location", "https://elsewhere.invalid/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = f'{{"echo": "{self.headers.get("Authorization", "")}"}}'.encode()
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("WWW-Authenticate", 'Token realm="api"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture
def server():
    Recorder.seen, Recorder.client_ports = [], []
    with loopback_server(Recorder) as base:
        yield base


@pytest.fixture
def tls_server(tmp_path):
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    with loopback_server(Recorder, context) as base:
        yield base, str(bundle)


def client(base, **kwargs) -> ConformanceClient:
    redactor = Redactor()
    redactor.add(SECRET, "token.active", role="token.active")
    return ConformanceClient(base, redactor=redactor, **kwargs)


def test_every_exchange_is_recorded_with_the_secret_redacted(server):
    conformance = client(server)
    answer = conformance.request("GET", "/questions/", headers={"Authorization": f"Token {SECRET}"})
    assert answer.status == 401
    assert answer.headers["WWW-Authenticate"] == 'Token realm="api"'
    assert SECRET in answer.text  # the judges see the real answer ...
    [exchange] = conformance.take_exchanges()
    recorded = repr(exchange.as_dict())
    assert SECRET not in recorded  # ... the evidence never does
    assert "${CONFORMANCE_TOKEN_ACTIVE}" in exchange.curl
    assert conformance.take_exchanges() == []


def test_repeated_headers_go_out_as_separate_lines(server):
    conformance = client(server)
    conformance.request("GET", "/", headers=[("Authorization", "Token a-first-value"),
                                             ("Authorization", "Token a-second-value")])
    assert [v for k, v in Recorder.seen[-1] if k == "Authorization"] == ["Token a-first-value",
                                                                          "Token a-second-value"]


def test_redirects_are_judged_not_followed(server):
    answer = client(server).request("GET", "/redirect", headers={"Authorization": f"Token {SECRET}"})
    assert answer.status == 301
    assert len(Recorder.seen) == 1


def test_connections_are_reused(server):
    conformance = client(server)
    for _ in range(3):
        conformance.request("GET", "/")
    assert len(set(Recorder.client_ports)) == 1, "each request opened a new connection"


def test_tls_is_verified_against_the_given_ca(tls_server):
    base, bundle = tls_server
    assert client(base, verify=bundle).request("GET", "/").status == 401
    with pytest.raises(TargetUnreachable, match="TLS certificate verification failed"):
        client(base).request("GET", "/")  # the system store does not know the test CA


def test_a_refused_port_is_target_unreachable_naming_host_and_port():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TargetUnreachable) as failure:
        client(f"http://127.0.0.1:{port}").request("GET", "/")
    assert failure.value.host == "127.0.0.1" and failure.value.port == port
    assert "connection refused" in str(failure.value)


def test_a_silent_server_times_out_instead_of_hanging():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection, never answers
    try:
        with pytest.raises(TargetUnreachable, match="timed out"):
            client(f"http://127.0.0.1:{listener.getsockname()[1]}", timeout=(1.0, 0.5)).request("GET", "/")
    finally:
        listener.close()
