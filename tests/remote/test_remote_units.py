"""The pieces of remote mode on their own: credentials by role, discovery, schemes, the polite client.

The client is exercised against a real loopback HTTP server; nothing is mocked and nothing leaves
the machine (the plain-HTTP guard is checked before any connection is opened).
"""

from __future__ import annotations

import socket
import time
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import pytest

from conformance.evidence import Redactor
from conformance.expectations import ConfigurationError
from conformance.http import (
    ConformanceClient,
    RateLimited,
    RequestRefused,
    TargetUnreachable,
    retry_after_seconds,
)
from conformance.remote import discovery
from conformance.remote.credentials_file import load_credentials
from conformance.remote.schemes import declared_schemes, schemes_from_roles
from conformance.auth.schemes import BASIC, BEARER, SESSION, TOKEN
from tests.conftest import loopback_server

SPECTACULAR = """
openapi: 3.0.3
paths:
  /api/items/{id}/:
    get:
      parameters:
      - in: path
        name: id
        schema: {type: integer}
        example: 7
      security:
      - tokenAuth: []
      - cookieAuth: []
    delete:
      parameters:
      - {in: path, name: id, schema: {type: integer}}
      security:
      - jwtAuth: []
  /api/things/{uuid}/:
    get:
      parameters:
      - {in: path, name: uuid, schema: {type: string, format: uuid}}
components:
  securitySchemes:
    tokenAuth: {type: apiKey, in: header, name: Authorization,
                description: 'Token-based authentication with required prefix "Key"'}
    cookieAuth: {type: apiKey, in: cookie, name: sessionid}
    jwtAuth: {type: http, scheme: bearer, bearerFormat: JWT}
"""


def test_credentials_from_toml_with_the_environment_winning(tmp_path):
    path = tmp_path / "creds.toml"
    path.write_text('[token]\nactive = "file-token-123"\nexpired = "old-token-456"\n'
                    '[password]\nusername = "alice"\npassword = "file-password"\n', encoding="utf-8")
    redactor = Redactor()
    store, sources = load_credentials(str(path), redactor, environ={
        "CONFORMANCE_TOKEN_ACTIVE": "env-token-789", "CONFORMANCE_BEARER_INACTIVE": "env-bearer-000"})
    assert store.get("token.active").secret == "env-token-789"
    assert store.get("token.expired").secret == "old-token-456"
    assert store.for_scheme(BEARER, "inactive").secret == "env-bearer-000"
    assert store.for_scheme(BASIC, "active").username == "alice"
    assert sources["token.active"] == "environment" and sources["token.expired"] == "file"
    assert redactor.redact("env-token-789 file-password") == "[REDACTED token.active] [REDACTED password.password]"
    assert schemes_from_roles(store) == (TOKEN, BEARER)


def test_session_roles_become_cookies_with_a_csrf_pair_in_the_named_cookies(tmp_path):
    path = tmp_path / "creds.json"
    path.write_text('{"session": {"active": "sess-active-123", "expired": "sess-old-456"}}', encoding="utf-8")
    redactor = Redactor()
    store, sources = load_credentials(str(path), redactor, environ={"CONFORMANCE_SESSION_INACTIVE": "sess-off-789"},
                                      session_cookie="app_session", csrf_cookie="app_csrf")
    active = store.for_scheme(SESSION, "active")
    assert list(active.cookies) == ["app_session", "app_csrf"]  # the session cookie first
    assert active.cookies["app_session"] == "sess-active-123" == active.secret
    # Django's CSRF check: the X-CSRFToken header matches the CSRF cookie (32 letters and digits).
    secret = active.cookies["app_csrf"]
    assert active.csrf_token == secret and len(secret) == 32 and secret.isalnum()
    assert ("X-CSRFToken", secret) in active.request_headers("POST")
    assert store.for_scheme(SESSION, "inactive").secret == "sess-off-789" and sources["session.inactive"] == "environment"
    assert schemes_from_roles(store) == (SESSION,)
    assert redactor.redact(f"sess-active-123 {secret}") == "[REDACTED session.active] [REDACTED CSRF cookie]"
    with pytest.raises(ConfigurationError, match="unknown role 'session.cookie'"):
        path.write_text('{"session": {"cookie": "x"}}', encoding="utf-8")
        load_credentials(str(path), Redactor())


def test_cookie_names_are_validated(tmp_path):
    from conformance.expectations import resolve

    config = tmp_path / "c.toml"
    config.write_text('SESSION_COOKIE_NAME = "app_session"\n', encoding="utf-8")
    assert resolve(None, str(config)).SESSION_COOKIE_NAME == "app_session"
    assert resolve(None, None).CSRF_COOKIE_NAME == "csrftoken"
    config.write_text('CSRF_COOKIE_NAME = "bad name;"\n', encoding="utf-8")
    with pytest.raises(ConfigurationError, match="cookie name"):
        resolve(None, str(config))


def test_no_credentials_fall_back_to_token_and_bearer_so_skips_name_roles():
    store, _ = load_credentials(None, Redactor(), environ={})
    assert store.roles() == [] and schemes_from_roles(store) == (TOKEN, BEARER)
    with pytest.raises(LookupError, match="token.active"):
        store.for_scheme(TOKEN)


def test_declared_scheme_words():
    token_key, bearer, session = declared_schemes(["Key", "Bearer", "session"])
    assert (token_key.kind, token_key.word, token_key.role_prefix) == ("token", "Key", "token")
    assert (bearer, session) == (BEARER, SESSION)


def test_openapi_document_gives_paths_examples_and_security():
    found = discovery.endpoints_from_document(discovery.parse_document(SPECTACULAR, "doc.yaml"), {})
    endpoints = {e.label: e for e in discovery.to_endpoints(found, (TOKEN, BEARER), None)}
    assert set(endpoints) == {"GET /api/items/7/", "DELETE /api/items/1/",
                              f"GET /api/things/{discovery.UUID_PLACEHOLDER}/"}
    assert [s.word for s in endpoints["GET /api/items/7/"].schemes] == ["Key", None]
    assert endpoints["DELETE /api/items/1/"].schemes[0].word == "Bearer"
    # No security in the document: the schemes of the supplied roles.
    assert endpoints[f"GET /api/things/{discovery.UUID_PLACEHOLDER}/"].schemes == (TOKEN, BEARER)


def test_declared_path_parameters_win(tmp_path):
    path = tmp_path / "endpoints.txt"
    path.write_text("get /api/items/{id}/   # the detail\n\nPOST /api/items/\n", encoding="utf-8")
    found = discovery.read_endpoints_file(str(path), {"id": "42"})
    assert [(f.method, f.path) for f in found] == [("GET", "/api/items/42/"), ("POST", "/api/items/")]


def test_a_document_that_is_not_openapi_is_one_clear_error():
    with pytest.raises(ConfigurationError, match="not an OpenAPI document"):
        discovery.parse_document("- just\n- a list\n", "doc.yaml")


class Throttled(BaseHTTPRequestHandler):
    """429 with ``Retry-After: 0`` for the first ``limit`` requests of each path prefix, then 200
    (``/open``: 200 at once)."""

    protocol_version = "HTTP/1.1"
    counts: ClassVar[dict[str, int]] = {}

    def do_GET(self):
        count = Throttled.counts[self.path] = Throttled.counts.get(self.path, 0) + 1
        limit = 2 if self.path.startswith("/briefly") else 0 if self.path.startswith("/open") else 100
        status = 429 if count <= limit else 200
        self.send_response(status)
        if status == 429:
            self.send_header("Retry-After", "0")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def throttled_url():
    with loopback_server(Throttled) as base:
        yield base


def test_429_is_waited_out_then_the_answer_is_judged(throttled_url):
    client = ConformanceClient(throttled_url)
    assert client.request("GET", "/briefly").status == 200
    assert [e.response["status"] for e in client.take_exchanges()] == [429, 429, 200]


def test_persistent_429_makes_the_check_inconclusive(throttled_url):
    with pytest.raises(RateLimited, match="429"):
        ConformanceClient(throttled_url).request("GET", "/always")


def test_retry_after_as_seconds_or_date():
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert retry_after_seconds(None) == 1.0


def test_max_rps_spaces_requests(throttled_url, monkeypatch):
    """The spacing is read off a virtual clock (the waits the client asks for), never timed: a loaded
    machine stretches every wall clock (issue 15)."""
    import types

    import conformance.http

    clock = {"now": 1000.0}
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(round(seconds, 6))
        clock["now"] += seconds

    monkeypatch.setattr(conformance.http, "time", types.SimpleNamespace(monotonic=lambda: clock["now"], sleep=sleep))
    client = ConformanceClient(throttled_url, max_rps=20)
    for _ in range(5):
        assert client.request("GET", "/open").status == 200
    assert waits == [0.05] * 4  # one interval of 1/20 s before each request after the first


def test_connection_failures_are_retried_only_for_idempotent_methods(monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = ConformanceClient(f"http://127.0.0.1:{port}")
    # The back-off waits are counted, not timed (a loaded machine stretches every wall clock).
    waits: list[float] = []
    monkeypatch.setattr(time, "sleep", waits.append)
    with pytest.raises(TargetUnreachable, match="connection refused"):
        client.request("POST", "/", data=b"{}")
    assert waits == []  # never retried: a POST may have been applied
    with pytest.raises(TargetUnreachable, match="connection refused"):
        client.request("GET", "/")
    assert waits == [0.25, 0.5]  # two retries, after 0.25 s and 0.5 s


def test_real_credentials_never_go_over_plain_http_to_another_host():
    redactor = Redactor()
    redactor.add("s3cret-token-value", "token.active", role="token.active")
    client = ConformanceClient("http://staging.example.invalid", redactor=redactor)
    with pytest.raises(RequestRefused, match="not loopback"):
        client._refuse_plaintext_secrets("GET", "http://staging.example.invalid/api/",
                                         [("Authorization", "Token s3cret-token-value")], None, None, None, None)
    # A canary value (not a registered secret) may go; loopback may get real ones.
    client._refuse_plaintext_secrets("GET", "http://staging.example.invalid/api/",
                                     [("Authorization", "Token canary-not-a-secret")], None, None, None, None)
    client._refuse_plaintext_secrets("GET", "http://127.0.0.1:8000/api/",
                                     [("Authorization", "Token s3cret-token-value")], None, None, None, None)


class SchemaServer(BaseHTTPRequestHandler):
    """Serves an OpenAPI document as JSON at /schema/, a redirect at /moved/, a 403 at /private/."""

    def do_GET(self):
        import json

        routes = {
            "/schema/": (200, json.dumps({"openapi": "3.0.3", "paths": {"/api/items/": {"get": {}}}}).encode()),
            "/moved/": (302, b""),
            "/private/": (403, b"{}"),
        }
        status, body = routes.get(self.path, (404, b""))
        self.send_response(status)
        if status == 302:
            self.send_header("Location", "https://elsewhere.invalid/schema/")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def schema_url():
    with loopback_server(SchemaServer) as base:
        yield base


def test_openapi_by_url_json_and_no_redirect_followed(schema_url):
    from conformance.targets.remote import fetch_openapi

    document = discovery.parse_document(fetch_openapi(f"{schema_url}/schema/", True), "url")
    assert [f.path for f in discovery.endpoints_from_document(document, {})] == ["/api/items/"]
    with pytest.raises(ConfigurationError, match="redirects: pass the final URL"):
        fetch_openapi(f"{schema_url}/moved/", True)
    with pytest.raises(ConfigurationError, match="needs credentials: download it and pass the file"):
        fetch_openapi(f"{schema_url}/private/", True)
