"""Judges of the ``refresh-token`` family: refresh tokens are not access tokens, and they end."""

from __future__ import annotations

from conformance.http import Answer
from conformance.judges.common import describe, refused_as_dead
from conformance.results import Verdict


def refresh_refused_as_access(answer: Answer, control: Answer) -> Verdict:
    return refused_as_dead(
        answer, control, expected="a refusal (401/403) of a refresh token presented as an access token",
        server_error="the refresh token got a server error",
        still_works=f"the refresh token is accepted as an access token (the access token gets HTTP {control.status})",
    )


def _yields_nothing(answer: Answer, issued: dict, expected: str, works: str) -> Verdict:
    if answer.status >= 500:
        return Verdict.fail(expected, describe(answer), "the refresh endpoint answered with a server error")
    if issued.get("access") or answer.status < 300:
        return Verdict.fail(expected, describe(answer), works)
    return Verdict.ok(expected, describe(answer))


def rotated_refresh_refused(rotated: dict, replay: Answer, replay_issued: dict) -> Verdict:
    expected = "a new refresh token on each exchange, and the old one refused afterwards"
    if not rotated.get("refresh"):
        return Verdict.fail(expected, "the exchange issued no new refresh token",
                            "refresh tokens are not rotated: a stolen one works until it expires")
    return _yields_nothing(replay, replay_issued, expected,
                           "the rotated-out refresh token still yields access tokens")


def blacklisted_refresh_refused(reuse: Answer, reuse_issued: dict) -> Verdict:
    return _yields_nothing(reuse, reuse_issued, "the blacklisted refresh token refused at the refresh endpoint",
                           "the refresh token still works after the blacklist (logout) endpoint accepted it")


def inactive_refresh_refused(answer: Answer, issued: dict) -> Verdict:
    return _yields_nothing(answer, issued, "no access token for a deactivated user's refresh token",
                           "a deactivated user's refresh token still yields access tokens")


def no_stateless_user_auth(found: list[tuple[object, str]]) -> Verdict:
    expected = "every JWT endpoint loads the user (JWTAuthentication)"
    if found:
        endpoint, name = found[0]
        more = f" and {len(found) - 1} more" if len(found) > 1 else ""
        return Verdict.fail(expected, f"{endpoint.label} authenticates with {name}{more}",
                            "the user is never loaded: a deactivated or deleted user keeps access until the token expires")
    return Verdict.ok(expected, "no view uses JWTStatelessUserAuthentication or JWTTokenUserAuthentication")
