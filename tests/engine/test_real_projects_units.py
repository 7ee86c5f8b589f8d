"""Issue 13's building blocks, one by one: PUBLIC_PATHS with methods, the LOGIN_FIELDS and
USER_FACTORY keys, a valid value per user field type, login field names learned from a real
login's 400 answer (a loopback server of our own), and the lockout signs that stop DRFC-906."""

from __future__ import annotations

import json
import uuid
from datetime import date
from http.server import BaseHTTPRequestHandler
from types import SimpleNamespace
from urllib.parse import parse_qs

import pytest

from conformance.auth.login import TOKEN_LOGIN, login_fields, send_login, unknown_login_name
from conformance.auth import default_credentials
from conformance.endpoints import is_public, parse_public_path
from conformance.evidence import Redactor
from conformance.expectations import ConfigurationError, resolve
from conformance.http import ConformanceClient
from conformance.targets.base import AuthEndpoints
from tests.conftest import loopback_server


# PUBLIC_PATHS ---------------------------------------------------------------------------------
@pytest.mark.parametrize("entry, method, path, public", [
    ("/health/", "POST", "/health/", True),  # a plain pattern: every method, as before
    ("SAFE /snippets/*", "GET", "/snippets/1/", True),
    ("SAFE /snippets/*", "HEAD", "/snippets/", True),
    ("SAFE /snippets/*", "POST", "/snippets/", False),  # writes keep their checks
    ("GET /snippets/*", "DELETE", "/snippets/1/", False),
    ("get,head /x/", "HEAD", "/x/", True),
    ("* /x/", "PATCH", "/x/", True),
    ("GET /snippets/*", "GET", "/other/", False),
])
def test_public_paths_may_name_methods(entry, method, path, public):
    assert is_public(path, [entry], method) is public


def test_an_entry_with_methods_never_covers_an_unknown_method():
    assert not is_public("/snippets/", ["GET /snippets/*"])
    assert is_public("/snippets/", ["/snippets/*"])


@pytest.mark.parametrize("bad", ["FETCH /x/", "GET /x/ extra", "GET,POST,NOPE /x/", "SAFE"])
def test_a_public_path_that_cannot_be_read_is_a_configuration_error(bad):
    if bad == "SAFE":  # one word is a glob, however odd
        assert parse_public_path(bad).methods is None
        return
    with pytest.raises(ConfigurationError, match="PUBLIC_PATHS.*'SAFE /snippets/\\*'"):
        resolve({"PUBLIC_PATHS": [bad]}, None)


# LOGIN_FIELDS, USER_FACTORY, TRY_DEFAULT_CREDENTIALS ------------------------------------------
def test_login_fields_and_user_factory_are_validated():
    expectations = resolve({"LOGIN_FIELDS": {"username": "email"}, "USER_FACTORY": "app.tests.make_user",
                            "TRY_DEFAULT_CREDENTIALS": True}, None)
    assert expectations.LOGIN_FIELDS == {"username": "email"}
    assert expectations.USER_FACTORY == "app.tests.make_user"
    for key, bad in (("LOGIN_FIELDS", {"user": "email"}), ("LOGIN_FIELDS", ["email"]),
                     ("LOGIN_FIELDS", {"username": "a b"}), ("USER_FACTORY", "make_user"),
                     ("USER_FACTORY", "app.tests.make user"), ("TRY_DEFAULT_CREDENTIALS", "yes")):
        with pytest.raises(ConfigurationError, match=key):
            resolve({key: bad}, None)


# A valid value per field type ----------------------------------------------------------------
def test_every_field_type_gets_a_valid_value_within_its_length():
    from django.core.validators import validate_email
    from django.db import models

    from conformance.contrib.django.users import value_for

    email = value_for(models.EmailField(max_length=40), "drf-conformance-provisioned-active", "ab12cd34")
    validate_email(email)
    assert len(email) <= 40 and "ab12cd34" in email and email.endswith("@conformance.invalid")
    public_id = value_for(models.CharField(max_length=12, unique=True), "conformance-active", "ab12cd34")
    assert len(public_id) <= 12 and "ab12cd34" in public_id
    assert isinstance(value_for(models.UUIDField(), "x", "u"), uuid.UUID)
    assert value_for(models.CharField(max_length=2, choices=[("pt", "Patient"), ("dr", "Doctor")]), "x", "u") == "pt"
    assert isinstance(value_for(models.DateField(), "x", "u"), date)
    assert value_for(models.URLField(), "x", "u").startswith("https://conformance.invalid/")


def test_the_default_user_model_gets_its_username_and_email():
    from django.contrib.auth import get_user_model

    from conformance.contrib.django.users import user_fields

    fields = user_fields(get_user_model(), "conformance-active")
    assert set(fields) == {"username", "email"}
    assert fields["email"].endswith("@conformance.invalid")
    assert fields["username"] != user_fields(get_user_model(), "conformance-active")["username"]


def test_an_unimportable_user_factory_is_one_line():
    from conformance.contrib.django.users import UserFactoryError, load_factory

    with pytest.raises(UserFactoryError, match="USER_FACTORY 'nowhere.make_user' is not an importable function"):
        load_factory("nowhere.make_user")


# Login field names learned from a real answer --------------------------------------------------
class EmailLogin(BaseHTTPRequestHandler):
    """A login that takes ``email`` and ``password``, as DRF answers when a field is missing."""

    received: list[dict] = []

    def do_POST(self):
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()}
        EmailLogin.received.append(form)
        if "email" not in form:
            status, body = 400, {"email": ["This field is required."]}
        elif form == {"email": "a@conformance.invalid", "password": "right-password-1"}:
            status, body = 200, {"token": "issued-token-0123456789"}
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


def black_box(base, **settings):
    expectations = resolve(settings or None, None)
    auth_endpoints = AuthEndpoints()
    auth_endpoints.resolve(resolve({"TOKEN_LOGIN_PATH": "/login/"}, None), {})
    return SimpleNamespace(mode="remote", expectations=expectations, auth_endpoints=auth_endpoints,
                           client=ConformanceClient(base, redactor=Redactor()))


def test_an_email_login_is_learned_from_its_400_answer_once():
    EmailLogin.received = []
    with loopback_server(EmailLogin) as base:
        target = black_box(base)
        answer = send_login(target, TOKEN_LOGIN, "a@conformance.invalid", "right-password-1")
        assert answer.status == 200
        assert login_fields(target, TOKEN_LOGIN).username == "email"
        send_login(target, TOKEN_LOGIN, "a@conformance.invalid", "wrong-password-2")
    assert [sorted(form) for form in EmailLogin.received] == [["password", "username"], ["email", "password"],
                                                              ["email", "password"]]


def test_declared_login_fields_win():
    EmailLogin.received = []
    with loopback_server(EmailLogin) as base:
        target = black_box(base, LOGIN_FIELDS={"username": "email"})
        assert send_login(target, TOKEN_LOGIN, "a@conformance.invalid", "right-password-1").status == 200
    assert [sorted(form) for form in EmailLogin.received] == [["email", "password"]]


def test_the_unknown_user_has_the_shape_of_the_real_login_name():
    assert unknown_login_name("someone@example.org").endswith("@conformance.invalid")
    assert "@" not in unknown_login_name("someone")


# Lockout signs ---------------------------------------------------------------------------------
def answer(status, headers=None, body=b""):
    from requests.structures import CaseInsensitiveDict

    return SimpleNamespace(status=status, headers=CaseInsensitiveDict(headers or {}), body=body)


@pytest.mark.parametrize("status, headers, body, sign", [
    (429, {}, b"", "HTTP 429"),
    (400, {"Retry-After": "30"}, b"", "Retry-After: 30"),
    (400, {"RateLimit-Remaining": "1"}, b"", "RateLimit-Remaining: 1"),
    (403, {}, b'{"detail": "Account locked: too many login attempts"}', "locked"),
    (400, {"X-RateLimit-Remaining": "7"}, b'{"non_field_errors": ["Unable to log in."]}', None),
])
def test_lockout_signs_stop_the_default_credentials_check(status, headers, body, sign):
    found = default_credentials.lockout_sign(answer(status, headers, body))
    assert (found is None) if sign is None else (sign in found)


def test_reports_never_name_a_default_password():
    for index, (username, password) in enumerate(default_credentials.WELL_KNOWN_PAIRS):
        label = default_credentials.label(index)
        assert label.startswith(f"{username!r} with well-known password #{index + 1} ")
        assert password not in label.removeprefix(repr(username)).replace("well-known password", "")


# Roles follow the schemes ----------------------------------------------------------------------
def test_jwt_roles_feed_bearer_checks_when_no_bearer_role_is_supplied():
    from conformance.auth.credentials import Credential, CredentialStore
    from conformance.auth.schemes import BEARER, Scheme

    store = CredentialStore()
    store.add(Credential("jwt.active", Scheme("jwt", "Bearer", "jwt"), "jwt-access-token-value"))
    credential = store.for_scheme(BEARER, "active")
    assert credential.role == "jwt.active" and credential.headers() == [("Authorization", "Bearer jwt-access-token-value")]
    store.add(Credential("bearer.active", BEARER, "oauth2-access-token"))
    assert store.for_scheme(BEARER, "active").role == "bearer.active"  # a bearer role, where given, wins


def test_a_session_header_scheme_is_not_the_session_cookie():
    from conformance.auth.schemes import SESSION
    from conformance.remote.schemes import scheme_for_word

    assert scheme_for_word("session") == SESSION
    header = scheme_for_word("Authorization: Session")
    assert header.uses_header and header.word == "Session" and header.role_prefix == "token"
    assert scheme_for_word("Authorization: Bearer").word == "Bearer"
