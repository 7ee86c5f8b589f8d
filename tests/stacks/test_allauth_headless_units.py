"""allauth headless's adapter without an audit: the session token is read from ``meta.session_token``
only, a logout's 401 counts only with ``is_authenticated`` false, only the app client's views are
detected, and hostile answers (not JSON, lists, wrong types) are refused, never a crash; the
``X-Session-Token`` scheme goes in its own header, never in ``Authorization``."""

import json
from types import SimpleNamespace

import pytest

from conformance.auth.credentials import Credential
from conformance.auth.schemes import ALLAUTH_SESSION_TOKEN
from conformance.auth.stacks import allauth_headless


def answer(status, body):
    text = body if isinstance(body, str) else json.dumps(body)
    return SimpleNamespace(status=status, json=lambda: json.loads(text))


def test_the_session_token_is_read_from_meta_only():
    good = answer(200, {"status": 200, "meta": {"is_authenticated": True, "session_token": "abc"}})
    assert allauth_headless.session_token(good) == "abc"
    for hostile in (answer(200, {"session_token": "abc"}), answer(200, {"meta": ["session_token"]}),
                    answer(200, {"meta": {"session_token": 5}}), answer(200, "not json"), answer(200, [1]),
                    answer(401, {"meta": {"session_token": "abc"}})):
        assert allauth_headless.session_token(hostile) is None


@pytest.mark.parametrize(("status", "body", "ended"), [
    (401, {"meta": {"is_authenticated": False}}, True),
    (200, {}, True),
    (401, {"meta": {"is_authenticated": True}}, False),
    (401, {"detail": "Invalid token"}, False),
    (401, "not json", False),
    (403, {"meta": {"is_authenticated": False}}, False),
])
def test_a_logout_ends_only_with_allauths_own_answer(status, body, ended):
    assert allauth_headless.logged_out(answer(status, body)) is ended


def test_a_missing_login_field_is_learned_from_allauths_error_list():
    missing = answer(400, {"errors": [{"code": "required", "param": "email", "message": "This field is required."}]})
    assert allauth_headless.required_param(missing) == "email"
    for other in (answer(400, {"errors": [{"code": "invalid", "param": "email"}]}), answer(400, {"errors": "x"}),
                  answer(400, "not json"), answer(401, {"errors": [{"code": "required", "param": "email"}]})):
        assert allauth_headless.required_param(other) is None


def test_only_the_app_clients_views_are_detected():
    def view(client):
        return SimpleNamespace(view_initkwargs={"client": client})

    login, session = {allauth_headless.LOGIN_VIEW}, {allauth_headless.SESSION_VIEW}
    assert allauth_headless.endpoint_keys(login, view("app")) == ("ALLAUTH_LOGIN_PATH",)
    assert allauth_headless.endpoint_keys(session, view("app")) == ("ALLAUTH_SESSION_PATH",)
    assert allauth_headless.endpoint_keys(login, view("browser")) == ()
    assert allauth_headless.endpoint_keys(login, SimpleNamespace()) == ()


def test_the_session_token_travels_in_its_own_header():
    credential = Credential("allauth.active", ALLAUTH_SESSION_TOKEN, "abc", "someone")
    assert credential.request_headers("GET") == [("X-Session-Token", "abc")]
    assert credential.request_headers("POST") == [("X-Session-Token", "abc")]
    assert not ALLAUTH_SESSION_TOKEN.uses_header  # never parametrized by the Authorization-mutating families
    assert "abc" not in repr(credential)
