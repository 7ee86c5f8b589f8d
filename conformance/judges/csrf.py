"""Judges of the ``csrf`` family: a session request without CSRF proof is refused with 403."""

from __future__ import annotations

from conformance.http import Answer
from conformance.judges.common import REFUSAL_STATUSES, authenticated_like_control, describe
from conformance.results import Verdict


# The parser's answer to a body it does not take. DRF's CSRF check reads request.POST, which
# parses the body inside SessionAuthentication: a 415 there says nothing about CSRF either way.
UNSUPPORTED_MEDIA_TYPE = 415


def refused_without_csrf_proof(answer: Answer, control: Answer, what: str,
                               authenticated_by: str = "session") -> Verdict | None:
    """None: the answer is the parser's 415, not a CSRF decision (send a body the view parses).
    ``authenticated_by``: what the browser sent by itself (a session, or a token cookie: DRFC-803)."""
    expected = f"403 for a {authenticated_by} request with {what}"
    if answer.status == UNSUPPORTED_MEDIA_TYPE:
        return None
    if answer.status == 403:
        return Verdict.ok(expected, describe(answer))
    if answer.status >= 500:
        return Verdict.fail(expected, describe(answer), "the CSRF check raised instead of refusing")
    if authenticated_like_control(answer, control):
        return Verdict.fail(expected, describe(answer),
                            f"the request went through like the one with a valid CSRF token (HTTP {control.status}): "
                            f"the {authenticated_by} authentication does not enforce CSRF")
    if answer.status in REFUSAL_STATUSES:
        return Verdict.ok(expected, describe(answer), "refused, though with 401 rather than DRF's 403")
    return Verdict.ok(expected, describe(answer), f"not served as the control was (HTTP {control.status})")
