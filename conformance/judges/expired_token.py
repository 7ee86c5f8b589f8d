"""Judges of the ``expired-token`` family.

``when`` arguments describe how far the clock was moved from the instant the token was issued
(``+30 d 1 s``), or which role stood in for an aged token in remote mode.
"""

from __future__ import annotations

from conformance.http import Answer
from conformance.judges.common import (
    REFUSAL_STATUSES,
    accepted_without_control,
    authenticated,
    challenge_scheme,
    control_accepted,
    describe,
    refused_as_dead,
)
from conformance.results import Verdict


def server_error(answer: Answer, expected: str, what: str) -> Verdict | None:
    """A failed verdict when ``answer`` is a 5xx, to be judged once the positive control passed.

    When valid credentials crash there too, the crash says nothing about expiry: the check is
    ``error`` and DRFC-1104 lists the 5xx (issue 12).
    """
    if answer.status >= 500:
        return Verdict.fail(expected, describe(answer), f"{what} got a server error")
    return None


def backwards(before: Answer, after: Answer, lifetime: str, anonymous: Answer | None = None) -> Verdict | None:
    """A failed verdict when the token is refused before its lifetime ends and served after it.

    This needs no positive control: the answer after the lifetime proves the endpoint takes this
    very token (a success, or a 404 for an object while anonymous requests are refused), so the
    refusal before it is the expiry test itself, written backwards. Such a class refuses every
    fresh token, so no control could pass there.
    """
    if before.status in REFUSAL_STATUSES and (200 <= after.status < 300 or accepted_without_control(after, anonymous)):
        return Verdict.fail(f"accepted 1 s before and refused 1 s after the lifetime ({lifetime})",
                            f"1 s before: {describe(before)}; 1 s after: HTTP {after.status}",
                            "refused within its lifetime and served after it: the expiry comparison is "
                            "backwards, so fresh tokens fail and old ones work forever")
    return None


def old_token_refused(answer: Answer, control: Answer, when: str, anonymous: Answer | None = None) -> Verdict | None:
    return refused_as_dead(
        answer, control, expected="a refusal (401/403) of a token older than MAX_TOKEN_AGE",
        server_error=f"a server error is not a refusal ({when}); see DRFC-303",
        still_works=f"the token was accepted {when}: nothing expires it (valid credentials get HTTP {control.status})",
        refused=f"refused {when}", anonymous=anonymous,
    )


def lifetime_boundary(before: Answer, after: Answer, control: Answer, lifetime: str,
                      anonymous: Answer | None = None) -> Verdict:
    """Accepted one second before ``lifetime`` ends, refused one second after.

    ``anonymous`` (the endpoint's answer without credentials) lets a 404 for an object the fresh
    user does not own count as accepted: the token got past authentication.
    """
    expected = f"accepted 1 s before and refused 1 s after the lifetime ({lifetime})"
    if not authenticated(before, control, anonymous):
        return Verdict.fail(expected, f"1 s before: {describe(before)}",
                            "a token within its lifetime was refused: the expiry test is wrong "
                            "(operands swapped, naive datetimes, wrong unit), so fresh tokens fail "
                            f"while valid credentials get HTTP {control.status}")
    if after.status >= 500 or authenticated(after, control, anonymous):
        return Verdict.fail(expected, f"1 s after: {describe(after)}",
                            "the token still worked after its configured lifetime" if after.status < 500
                            else "the expired token got a server error instead of a refusal")
    return Verdict.ok(expected, f"1 s before: HTTP {before.status}; 1 s after: {describe(after)}")


def expired_refused_cleanly(answer: Answer, control: Answer, when: str, anonymous: Answer | None = None) -> Verdict | None:
    """None: cannot be judged (valid credentials are not accepted there, and this one was refused)."""
    expected = "401 with a WWW-Authenticate challenge, or 403, for an expired token"
    if not control_accepted(control):
        if accepted_without_control(answer, anonymous):
            return Verdict.skip(f"the expired token ({when}) got through authentication, so there is no refusal "
                                "to judge; DRFC-301 and DRFC-302 report the acceptance")
        return None
    if answer.status >= 500:
        return Verdict.fail(expected, describe(answer), f"the expired token ({when}) got a server error")
    if authenticated(answer, control, anonymous):
        return Verdict.skip(f"the expired token ({when}) was accepted, so there is no refusal to judge; "
                            "DRFC-301 and DRFC-302 report the acceptance")
    if answer.status == 401 and not challenge_scheme(answer.headers.get("WWW-Authenticate")):
        return Verdict.fail(expected, f"{describe(answer)}, no WWW-Authenticate",
                            "RFC 9110 section 11.6.1: a 401 must carry a challenge")
    if answer.status not in REFUSAL_STATUSES:
        return Verdict.fail(expected, describe(answer), "an expired credential is an authentication failure: 401 or 403")
    return Verdict.ok(expected, describe(answer))


def old_session_refused(answer: Answer, control: Answer, when: str, anonymous: Answer | None = None) -> Verdict | None:
    """DRFC-304: a session past the age that applies is refused (contract section 3)."""
    return refused_as_dead(
        answer, control, expected="a refusal (401/403) of a session older than MAX_TOKEN_AGE",
        server_error=f"the aged session ({when}) got a server error, not a refusal",
        still_works=f"the session was accepted {when}: it outlives the policy "
                    f"(a fresh session gets HTTP {control.status})",
        refused=f"refused {when}", anonymous=anonymous,
    )


def visible_lifetime_within_policy(lifetime, source: str, max_age, kind: str) -> Verdict:
    """DRFC-301 without a clock: the lifetime a token shows from outside is at most MAX_TOKEN_AGE.

    ``lifetime`` is a timedelta, or None for a token that says it never expires.
    """
    expected = f"a {kind} token that lives at most MAX_TOKEN_AGE ({describe_duration(max_age)})"
    if lifetime is None:
        return Verdict.fail(expected, source, "the token never expires: a stolen one works until revoked by hand")
    if lifetime > max_age:
        return Verdict.fail(expected, f"{source} ({describe_duration(lifetime)})",
                            f"a {kind} token is announced to work {describe_duration(lifetime - max_age)} past MAX_TOKEN_AGE: "
                            "the lifetime the server itself announces exceeds the policy")
    return Verdict.ok(expected, f"{source} ({describe_duration(lifetime)})")


def describe_duration(value) -> str:
    seconds = int(value.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds // size} {unit}"
    return f"{seconds} s"
