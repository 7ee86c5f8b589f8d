"""refresh-token: a refresh token is not an access token; rotation, logout and deactivation end it.

Refresh tokens come from the deployment's own login (JWT_LOGIN_PATH) for a fresh user in-process
(the password role remotely), or, in-process without a login endpoint, from simplejwt's code.
Every token read from an answer is registered as a secret before anything else is sent.
"""

from __future__ import annotations

import pytest

from conformance.auth.credentials import MissingRole
from conformance.auth.schemes import BASIC
from conformance.auth.stacks import SIMPLEJWT
from conformance.auth.stacks import dj_rest_auth, simplejwt
from conformance.auth.stacks.pairs import jwt_pairs, uses_kind
from conformance.endpoints import Endpoint
from conformance.judges import refresh_token as judges
from conformance.results import PositiveControlFailed


def require_simplejwt(probe) -> None:
    target = probe.target
    if target.mode == "in-process" and not uses_kind(target, "jwt"):
        pytest.skip(SIMPLEJWT.unused_reason())


def endpoint_path(probe, key: str) -> str:
    path = probe.target.auth_endpoints.paths.get(key)
    if not path:
        pytest.skip(probe.target.auth_endpoints.unknown(key))
    probe.require_sendable(Endpoint("POST", path))
    return path


def new_pair(probe, *, user=None) -> tuple[dict, str]:
    """A fresh ``{"access", "refresh"}`` and its user's name: login where known, else simplejwt's code."""
    target = probe.target
    login = target.auth_endpoints.paths.get("JWT_LOGIN_PATH")
    if target.mode == "in-process":
        user = user or target.disposable(BASIC)
        if not login:
            refresh = simplejwt.refresh_token_for(user.username)
            target.client.redactor.add(refresh, "refresh token issued in-process")
            return {"refresh": refresh}, user.username
    else:
        if not login:
            pytest.skip(target.auth_endpoints.unknown("JWT_LOGIN_PATH"))
        try:
            user = target.credentials.get("password")
        except MissingRole as exc:
            pytest.skip(f"{exc}: logging in at JWT_LOGIN_PATH needs it")
    probe.require_sendable(Endpoint("POST", login))
    answer, pair = simplejwt.log_in_pair(target, login, user.username, user.secret)
    if not pair.get("refresh"):
        raise PositiveControlFailed(f"positive control failed: logging in at {login} issued no refresh token "
                                    f"(HTTP {answer.status}), so what ends it cannot be judged")
    return pair, user.username


def refresh_works(probe, path: str) -> dict:
    """Positive control: a fresh refresh token is exchanged for an access token."""
    pair, _ = new_pair(probe)
    answer = simplejwt.post_refresh(probe.target, path, pair["refresh"], "positive-control")
    issued = simplejwt.issued_pair(answer)
    if not issued.get("access"):
        raise PositiveControlFailed(f"positive control failed: a fresh refresh token got HTTP {answer.status} "
                                    f"at {path}, so refusals there prove nothing")
    return issued


@pytest.mark.check("DRFC-1301")
@pytest.mark.stack_pairs(select=jwt_pairs)
def test_refresh_token_is_not_an_access_token(endpoint, scheme, probe):
    probe.require_sendable(endpoint)
    key = ("refresh-token", "shared-refresh")
    if key not in probe.state.answer_cache:
        probe.state.answer_cache[key] = new_pair(probe)[0]["refresh"]
    refresh = probe.state.answer_cache[key]
    control = probe.positive_control(endpoint, scheme)
    answer = probe.send(endpoint, [("Authorization", f"{scheme.word} {refresh}")])
    probe.judge(judges.refresh_refused_as_access(answer, control))


@pytest.mark.check("DRFC-1302")
def test_rotated_refresh_token_is_refused(probe):
    require_simplejwt(probe)
    path = endpoint_path(probe, "JWT_REFRESH_PATH")
    pair, _ = new_pair(probe)
    first = simplejwt.post_refresh(probe.target, path, pair["refresh"], "positive-control")
    rotated = simplejwt.issued_pair(first)
    if not rotated.get("access"):
        raise PositiveControlFailed(f"positive control failed: a fresh refresh token got HTTP {first.status} "
                                    f"at {path}, so refusals there prove nothing")
    replay = simplejwt.post_refresh(probe.target, path, pair["refresh"], "probe")
    probe.judge(judges.rotated_refresh_refused(rotated, replay, simplejwt.issued_pair(replay)))


@pytest.mark.check("DRFC-1303")
def test_blacklisted_refresh_token_is_refused(probe):
    require_simplejwt(probe)
    refresh_path = endpoint_path(probe, "JWT_REFRESH_PATH")
    blacklist_path = endpoint_path(probe, "JWT_BLACKLIST_PATH")
    refresh_works(probe, refresh_path)
    pair, _ = new_pair(probe)
    logout = probe.target.client.request("POST", blacklist_path, data={"refresh": pair["refresh"]}, role="logout",
                                         headers=dj_rest_auth.refresh_cookie_headers(probe.target, pair["refresh"]))
    if logout.status >= 300:
        raise PositiveControlFailed(f"positive control failed: a valid refresh token got HTTP {logout.status} at "
                                    f"{blacklist_path}, so what the blacklist ends cannot be judged")
    reuse = simplejwt.post_refresh(probe.target, refresh_path, pair["refresh"], "probe")
    probe.judge(judges.blacklisted_refresh_refused(reuse, simplejwt.issued_pair(reuse)))


@pytest.mark.check("DRFC-1304")
def test_deactivated_users_refresh_token_yields_nothing(probe):
    require_simplejwt(probe)
    if probe.target.mode != "in-process":
        pytest.skip("deactivates a user through the ORM, which only the in-process audit (--ds) can")
    path = endpoint_path(probe, "JWT_REFRESH_PATH")
    refresh_works(probe, path)
    pair, username = new_pair(probe)
    from django.contrib.auth import get_user_model

    model = get_user_model()
    model._default_manager.filter(**{model.USERNAME_FIELD: username}).update(is_active=False)
    answer = simplejwt.post_refresh(probe.target, path, pair["refresh"], "probe")
    probe.judge(judges.inactive_refresh_refused(answer, simplejwt.issued_pair(answer)))


@pytest.mark.check("DRFC-1305")
def test_no_endpoint_skips_the_user_lookup(probe):
    require_simplejwt(probe)
    if probe.target.mode != "in-process":
        pytest.skip("reads each view's authentication classes, which only the in-process audit (--ds) can")
    probe.judge(judges.no_stateless_user_auth(simplejwt.stateless_auth_views(probe.target.endpoints)))
