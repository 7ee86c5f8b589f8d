"""Judges of the ``inactive-user`` family."""

from __future__ import annotations

from conformance.http import Answer
from conformance.judges.common import describe, refused_as_dead
from conformance.results import Verdict


def deactivated_user_refused(answer: Answer, control: Answer, anonymous: Answer | None = None) -> Verdict | None:
    return refused_as_dead(
        answer, control, expected="a refusal (401/403) of a credential whose user was deactivated",
        server_error="the deactivated user's credential got a server error",
        still_works="the credential still works after its user was deactivated "
                    f"(an active user's gets HTTP {control.status})",
        anonymous=anonymous,
    )


def inactive_user_gets_nothing(answer: Answer, issued: bool) -> Verdict:
    expected = "a 4xx and no token for a deactivated user's right password"
    if issued:
        return Verdict.fail(expected, f"HTTP {answer.status} with a token",
                            "the login endpoint issued a token to a deactivated user")
    if answer.status >= 500:
        return Verdict.fail(expected, describe(answer), "the login endpoint failed instead of refusing")
    if answer.status < 400:
        return Verdict.fail(expected, describe(answer), "the login of a deactivated user was not refused")
    return Verdict.ok(expected, describe(answer))
