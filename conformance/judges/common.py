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


# The parser's refusal of the body: it may come out of authentication itself (below), so it
# proves neither that a credential was accepted nor that valid ones work (issue 12).
UNSUPPORTED_MEDIA_TYPE = 415


def control_accepted(control: Answer) -> bool:
    """Valid credentials got through authentication: neither refused nor a server error, nor the
    parser's 415 (the probe retries with a form first, conformance.probe)."""
    return control.status not in (*REFUSAL_STATUSES, UNSUPPORTED_MEDIA_TYPE) and control.status < 500


# Answers a request can get before DRF authenticates it, or from a layer in front of the view, so
# they never prove a credential was accepted: content negotiation (406) runs in APIView.initial()
# before perform_authentication(); 408, 411, 413, 414 and 431 come from the server or a proxy.
BEFORE_AUTHENTICATION = frozenset({406, 408, 411, 413, 414, 431})
# 4xx answers DRF gives only after initial() authenticated the request and checked permissions:
# get_object() (404), http_method_not_allowed (405), a handler's conflicts (409, 410, 412, 422).
# 400 is not here: a front server answers it too (gunicorn's "Invalid HTTP Header"), and so may
# an authentication class refusing a malformed header; 415 neither: SessionAuthentication's CSRF
# check reads request.POST, so the parser's 415 can come out of authentication itself.
AFTER_AUTHENTICATION = frozenset({404, 405, 409, 410, 412, 422})


def media_type(answer: Answer) -> str:
    return (answer.headers.get("Content-Type") or "").split(";")[0].strip().lower()


def _json_object(answer: Answer) -> dict | None:
    if "json" not in media_type(answer):
        return None
    try:
        data = answer.json()
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def same_kind_of_answer(answer: Answer, other: Answer) -> bool:
    """The two answers come from the same layer in the same way: status, media type and, for JSON
    objects, the same fields. A front server's HTML 400 is not DRF's JSON 400 for a missing field."""
    if answer.status != other.status or media_type(answer) != media_type(other):
        return False
    mine, theirs = _json_object(answer), _json_object(other)
    return mine is None or theirs is None or set(mine) == set(theirs)


def authenticated(answer: Answer, control: Answer | None = None, anonymous: Answer | None = None) -> bool:
    """``answer`` proves the request got past authentication (issue 12: not equal status codes).

    - a success always does (whether the endpoint serves anyone is ``served_to_anyone``'s question);
    - a refusal (401/403), a server error, the parser's 415, or an answer given before
      authentication never does;
    - another 4xx does when the positive control (valid credentials, accepted) got the very same
      kind of answer: a 404 for a placeholder object, a JSON 400 for a missing field;
    - or when an anonymous request to the same endpoint was refused and this answer is one DRF only
      gives past authentication (404 for another user's object, 405, a serializer's field errors),
      from the same layer as that refusal (same media type): the credential changed the outcome.
    """
    status = answer.status
    if status in REFUSAL_STATUSES or status >= 500 or status == UNSUPPORTED_MEDIA_TYPE:
        return False
    if status < 300:
        return True
    if status < 400:  # a redirect proves something only where valid credentials get the same one
        return control is not None and control_accepted(control) and status == control.status
    if status in BEFORE_AUTHENTICATION:
        return False
    if control is not None and control_accepted(control) and same_kind_of_answer(answer, control):
        return True
    if anonymous is None or anonymous.status not in REFUSAL_STATUSES or media_type(answer) != media_type(anonymous):
        return False
    return status in AFTER_AUTHENTICATION or (status == 400 and _field_errors(answer))


def _field_errors(answer: Answer) -> bool:
    """A DRF serializer's 400: a JSON object of field errors, which only a view that got past
    authentication produces (a refusal or ParseError carries ``detail`` alone)."""
    data = _json_object(answer)
    return bool(data) and set(data) != {"detail"}


def authenticated_like_control(answer: Answer, control: Answer) -> bool:
    """``answer`` shows the request got past authentication, judged against the positive control.

    A success always does. A 4xx other than 401/403 does when the positive control got the very
    same kind of answer (``same_kind_of_answer``): a 404 for a placeholder object, say, is only
    reachable after authentication in DRF (``initial()`` authenticates before the handler runs).
    """
    return authenticated(answer, control)


def accepted_without_control(answer: Answer, anonymous: Answer | None) -> bool:
    """A credential got through although no valid credential is known to work here.

    A positive control guards passes only (issue 12): when valid credentials are refused (an expiry
    test written backwards refuses fresh tokens), a dead credential that an anonymous request's
    refusal shows was authenticated is still a finding.
    """
    return anonymous is not None and anonymous.status in REFUSAL_STATUSES and authenticated(answer, None, anonymous)


def refused_as_dead(answer: Answer, control: Answer, *, expected: str, server_error: str,
                    still_works: str, refused: str = "", anonymous: Answer | None = None) -> Verdict | None:
    """A credential that must no longer work (expired, revoked, its user deactivated): refused.

    A server error is not a refusal, and an answer that proves authentication means it worked.
    ``control`` is the positive control's answer, accepted or not: when valid credentials were not
    accepted, only an acceptance can be judged (a failure), and None means "cannot be judged".
    """
    if not control_accepted(control):
        if accepted_without_control(answer, anonymous):
            return Verdict.fail(expected, describe(answer),
                                f"{still_works}; anonymous requests get HTTP {anonymous.status}, so this dead "
                                "credential got through authentication where valid ones did not")
        return None
    if answer.status >= 500:
        return Verdict.fail(expected, describe(answer), server_error)
    if authenticated(answer, control, anonymous):
        return Verdict.fail(expected, describe(answer), still_works)
    return Verdict.ok(expected, describe(answer), refused)


def challenge_scheme(header: str | None) -> str | None:
    if not header:
        return None
    match = _AUTH_SCHEME.match(header)
    return match.group(1) if match else None
