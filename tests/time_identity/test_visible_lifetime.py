"""What a client sees of a token's lifetime, with no clock moved (issue 12, DRFC-301 remotely)."""

import base64
import json
from datetime import timedelta

import pytest

from conformance.auth.visible_lifetime import NothingVisible, from_jwt, from_knox_answer, from_oauth2_answer
from conformance.judges.expired_token import visible_lifetime_within_policy
from tests.time_identity.answers import answer

POLICY = timedelta(days=30)


def jwt(payload: dict) -> str:
    part = lambda data: base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()  # noqa: E731
    return f"{part({'alg': 'HS256'})}.{part(payload)}.c2lnbmF0dXJl"


def test_oauth2_expires_in_beyond_the_policy_fails():
    long = from_oauth2_answer(answer(200, {"access_token": "x", "expires_in": 5184000}))
    verdict = visible_lifetime_within_policy(long.lifetime, long.source, POLICY, "Bearer")
    assert not verdict.passed and "expires_in = 5184000" in verdict.actual
    hour = from_oauth2_answer(answer(200, {"access_token": "x", "expires_in": 3600}))
    assert visible_lifetime_within_policy(hour.lifetime, hour.source, POLICY, "Bearer").passed
    with pytest.raises(NothingVisible):
        from_oauth2_answer(answer(200, {"access_token": "x"}))


def test_a_jwt_shows_exp_minus_iat_and_one_without_exp_never_expires():
    seen = from_jwt(jwt({"iat": 1000, "exp": 1000 + 90 * 86400}))
    assert seen.lifetime == timedelta(days=90)
    assert not visible_lifetime_within_policy(seen.lifetime, seen.source, POLICY, "Bearer").passed
    forever = from_jwt(jwt({"iat": 1000}))
    assert forever.lifetime is None
    assert "never expires" in visible_lifetime_within_policy(None, forever.source, POLICY, "Bearer").detail
    with pytest.raises(NothingVisible):
        from_jwt("not-a-jwt")


def test_knox_expiry_is_measured_from_the_answers_date():
    seen = from_knox_answer(answer(200, {"token": "x", "expiry": "2026-01-11T00:00:00Z"},
                                   Date="Thu, 01 Jan 2026 00:00:00 GMT"))
    assert seen.lifetime == timedelta(days=10)
    assert from_knox_answer(answer(200, {"token": "x", "expiry": None})).lifetime is None


def test_a_library_that_is_not_installed_is_not_applicable_once():
    from conformance.applicable import not_applicable
    from conformance.auth.login import KNOX_LOGIN, TOKEN_LOGIN
    from conformance.targets.base import AuthEndpoints

    class InProcess:
        mode = "in-process"
        auth_endpoints = AuthEndpoints()

    reason = not_applicable(InProcess(), KNOX_LOGIN)
    assert reason.startswith("not applicable: django-rest-knox (knox) is not installed")
    assert not_applicable(InProcess(), TOKEN_LOGIN) is None  # installed in target_project
    remote = InProcess()
    remote.mode = "remote"  # a black box shows no INSTALLED_APPS: everything applies
    assert not_applicable(remote, KNOX_LOGIN) is None
