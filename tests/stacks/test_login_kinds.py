"""The stacks' logins without a Django project (issue 14): knox's form login learned from its 400,
djoser's ``auth_token`` read, a scheme's login chosen among the known ones; loopback servers only."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from types import SimpleNamespace
from urllib.parse import parse_qs

from requests.structures import CaseInsensitiveDict

from conformance.auth.login import (
    DJOSER_LOGIN, KNOX_LOGIN, TOKEN_LOGIN, issued_secret, log_in, login_for_scheme, send_login, takes_basic,
)
from conformance.evidence import Redactor
from conformance.expectations import resolve
from conformance.http import Answer, ConformanceClient
from conformance.targets.base import AuthEndpoints
from tests.conftest import loopback_server


class KnoxFormLogin(BaseHTTPRequestHandler):
    """knox's documented form login: AuthTokenSerializer first, so a body without fields is a 400."""

    received: list[tuple[str | None, dict]] = []

    def do_POST(self):
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"] or 0)).decode()).items()}
        KnoxFormLogin.received.append((self.headers.get("Authorization"), form))
        if not form:
            status, body = 400, {"username": ["This field is required."], "password": ["This field is required."]}
        elif form == {"username": "alice", "password": "right-password-1"}:
            status, body = 200, {"expiry": None, "token": "knox-token-0123456789abcdef"}
        else:
            status, body = 400, {"non_field_errors": ["Unable to log in with provided credentials."]}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def black_box(base, **paths):
    auth_endpoints = AuthEndpoints()
    auth_endpoints.resolve(resolve(paths, None), {})
    return SimpleNamespace(mode="remote", expectations=resolve(None, None), auth_endpoints=auth_endpoints,
                           client=ConformanceClient(base, redactor=Redactor()))


def test_a_knox_form_login_is_learned_from_its_400_and_sent_no_basic_credentials_after():
    KnoxFormLogin.received = []
    with loopback_server(KnoxFormLogin) as base:
        target = black_box(base, KNOX_LOGIN_PATH="/api/auth/login/")
        assert takes_basic(target, KNOX_LOGIN)  # knox's documented setup until the server says otherwise
        credential, answer = log_in(target, KNOX_LOGIN, "alice", "right-password-1", "knox.login")
        assert answer.status == 200 and credential.secret == "knox-token-0123456789abcdef"
        assert not takes_basic(target, KNOX_LOGIN)
        send_login(target, KNOX_LOGIN, "alice", "wrong-password-2")
    (first_header, first_form), *later = KnoxFormLogin.received
    assert first_header.startswith("Basic ") and first_form == {}
    assert [(header, sorted(form)) for header, form in later] == [(None, ["password", "username"])] * 2


def test_djoser_answers_auth_token():
    answer = Answer(200, CaseInsensitiveDict(), b'{"auth_token": "0123456789abcdef0123"}', "https://127.0.0.1/",
                    exchange=None)
    assert issued_secret(DJOSER_LOGIN, answer) == "0123456789abcdef0123"
    assert issued_secret(TOKEN_LOGIN, answer) is None  # DRF's login answers {"token": ...}
    assert DJOSER_LOGIN.scheme.kind == "token"  # its key is a DRF token, presented as such


def test_a_schemes_tokens_come_from_its_known_login():
    djoser_only = black_box("https://127.0.0.1:1", DJOSER_LOGIN_PATH="/auth/token/login/")
    assert login_for_scheme(djoser_only, "token") is DJOSER_LOGIN
    both = black_box("https://127.0.0.1:1", TOKEN_LOGIN_PATH="/login/", DJOSER_LOGIN_PATH="/auth/token/login/")
    assert login_for_scheme(both, "token") is TOKEN_LOGIN
    assert login_for_scheme(black_box("https://127.0.0.1:1"), "token") is TOKEN_LOGIN  # none known: the usual one
    assert login_for_scheme(black_box("https://127.0.0.1:1"), "knox") is KNOX_LOGIN
