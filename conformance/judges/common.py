"""What several families judge alike: refusals, acceptance, challenges."""

from __future__ import annotations

import re

from conformance.http import Answer
from conformance.results import Verdict

REFUSAL_STATUSES = (401, 403)
# RFC 9110 section 11.1: auth-scheme = token; a challenge starts with one.
_AUTH_SCHEME = re.compile(r"^\s*([!#$%&'*+\-.^_`|~0-9A-Za-z]+)")


def describe(answer: Answer) -> str:
    reason = answer.headers.get("WWW-Authenticate")
    text = f"HTTP {answer.status}"
    if reason:
        text += f" (WWW-Authenticate: {reason[:80]})"
    return text


def control_accepted(control: Answer) -> bool:
    """Valid credentials got through authentication: neither refused nor a server error."""
    return control.status not in REFUSAL_STATUSES and control.status < 500


def authenticated_like_control(answer: Answer, control: Answer) -> bool:
    """``answer`` shows the request got past authentication.

    A success always does. A 4xx other than 401/403 does when the positive control got the very
    same status: a 404 for a placeholder object, say, is only reachable after authentication in
    DRF (``initial()`` authenticates before the handler runs).
    """
    if answer.status < 400:
        return True
    if answer.status in REFUSAL_STATUSES or answer.status >= 500:
        return False
    return answer.status == control.status


def refused_as_dead(answer: Answer, control: Answer, *, expected: str, server_error: str,
                    still_works: str, refused: str = "") -> Verdict:
    """A credential that must no longer work (expired, revoked, its user deactivated): refused.

    A server error is not a refusal, and an answer like the positive control's means it worked.
    """
    if answer.status >= 500:
        return Verdict.fail(expected, describe(answer), server_error)
    if authenticated_like_control(answer, control):
        return Verdict.fail(expected, describe(answer), still_works)
    return Verdict.ok(expected, describe(answer), refused)


def challenge_scheme(header: str | None) -> str | None:
    if not header:
        return None
    match = _AUTH_SCHEME.match(header)
    return match.group(1) if match else None
