"""Judges of the ``missing-credentials`` family."""

from __future__ import annotations

import json

from conformance.http import Answer
from conformance.judges.common import REFUSAL_STATUSES, challenge_scheme, describe
from conformance.results import Verdict

DRF_401_RULE = (
    "DRF answers 401 with the challenge of the FIRST class in DEFAULT_AUTHENTICATION_CLASSES "
    "when that class defines authenticate_header(), and 403 otherwise (e.g. SessionAuthentication first)."
)
# Values shorter than this are too common to prove a leak ("true", "1", "en").
MIN_DISTINCTIVE_LENGTH = 6


def refuses_anonymous(answer: Answer) -> Verdict:
    expected = "401 or 403 for a request without credentials"
    if answer.status in REFUSAL_STATUSES:
        return Verdict.ok(expected, describe(answer))
    if answer.status < 300:
        detail = "the endpoint served an anonymous client"
    elif answer.status < 400:
        detail = f"redirected to {answer.headers.get('Location', '?')} instead of refusing"
    elif answer.status >= 500:
        detail = "the server failed instead of refusing"
    else:
        detail = "answered with a status that is not a refusal"
    return Verdict.fail(expected, describe(answer), detail)


def challenge_on_401(answer: Answer) -> Verdict:
    if answer.status != 401:
        return Verdict.skip(f"answered {answer.status}, not 401, so no challenge is required. {DRF_401_RULE}")
    expected = "WWW-Authenticate naming a scheme (RFC 9110 section 11.6.1)"
    header = answer.headers.get("WWW-Authenticate")
    scheme = challenge_scheme(header)
    if scheme:
        return Verdict.ok(expected, f"WWW-Authenticate: {header[:80]}")
    actual = "no WWW-Authenticate header" if header is None else f"WWW-Authenticate: {header!r}"
    return Verdict.fail(expected, actual, DRF_401_RULE)


def _distinctive_values(data, found: set[str]) -> set[str]:
    if isinstance(data, dict):
        for value in data.values():
            _distinctive_values(value, found)
    elif isinstance(data, list):
        for value in data:
            _distinctive_values(value, found)
    elif isinstance(data, str) and len(data) >= MIN_DISTINCTIVE_LENGTH:
        found.add(data)
    return found


def refusal_leaks_nothing(refusal: Answer, control: Answer) -> Verdict:
    """No distinctive value of the authenticated answer appears in the refusal."""
    expected = "a refusal without the data valid credentials see"
    if refusal.status not in REFUSAL_STATUSES:
        return Verdict.skip(f"the anonymous request was not refused (HTTP {refusal.status}); DRFC-101 reports that")
    try:
        control_data = control.json()
    except ValueError:
        control_data = None
    values = _distinctive_values(control_data, set()) if control_data is not None else set()
    body = refusal.text
    leaked = sorted(v for v in values if v in body)
    if leaked:
        return Verdict.fail(expected, f"{len(leaked)} value(s) of the protected answer in the refusal body",
                            f"e.g. {leaked[0][:60]!r}")
    try:
        refusal_data = json.loads(body) if body else None
    except ValueError:
        refusal_data = None
    if isinstance(refusal_data, list) or (isinstance(refusal_data, dict) and {"results", "count"} & refusal_data.keys()):
        return Verdict.fail(expected, "the refusal body is a data listing", body[:80])
    if not values:
        return Verdict.ok(expected, f"HTTP {refusal.status}, {len(body)} bytes",
                          "the authenticated answer had no distinctive values to compare; "
                          "load sample data with CONFORMANCE['FIXTURES'] for a stronger check")
    return Verdict.ok(expected, f"none of {len(values)} distinctive values in {len(body)} bytes")
