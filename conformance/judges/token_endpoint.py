"""Judges of the ``token-endpoint`` family: answers of the login and OAuth2 token endpoints."""

from __future__ import annotations

import json

from conformance.http import Answer
from conformance.judges.common import authenticated_like_control, describe
from conformance.results import Verdict


def fresh_token_after_expiry(use: Answer, control: Answer, same_key: bool, when: str) -> Verdict:
    """``use`` is the new login's token sent to a protected endpoint ``when`` after the first login."""
    expected = "a login after expiry issues a token the API accepts"
    if authenticated_like_control(use, control):
        return Verdict.ok(expected, f"the new token got HTTP {use.status}",
                          "the same key again, which the API still accepts" if same_key else "a new key")
    detail = ("the login endpoint handed back the expired token" if same_key
              else "the newly issued token was refused")
    return Verdict.fail(expected, f"the token from the new login ({when}) got {describe(use)}", detail)


def _directives(value: str | None) -> set[str]:
    return {part.strip().split("=")[0].lower() for part in (value or "").split(",") if part.strip()}


def not_cacheable(answer: Answer, oauth2: bool) -> Verdict:
    """RFC 9111 section 5.2.2.5 no-store; for OAuth2 also Pragma: no-cache (RFC 6749 section 5.1)."""
    expected = "Cache-Control: no-store" + (" and Pragma: no-cache" if oauth2 else "")
    cache_control = answer.headers.get("Cache-Control")
    pragma = answer.headers.get("Pragma")
    actual = f"Cache-Control: {cache_control or '(none)'}" + (f"; Pragma: {pragma or '(none)'}" if oauth2 else "")
    if "no-store" not in _directives(cache_control):
        return Verdict.fail(expected, actual, "a cache may keep the answer that carries the token")
    if oauth2 and "no-cache" not in _directives(pragma):
        return Verdict.fail(expected, actual, "RFC 6749 section 5.1 requires Pragma: no-cache on token responses")
    return Verdict.ok(expected, actual)


def _body(answer: Answer):
    try:
        return json.loads(answer.body)
    except ValueError:
        return answer.body


def identical_failures(answers: dict[str, Answer]) -> Verdict:
    """Every failed login gets the same status and body, whatever the reason (CWE-204)."""
    expected = "the same status and body for " + ", ".join(answers)
    statuses = {name: answer.status for name, answer in answers.items()}
    for name, answer in answers.items():
        if answer.status < 400:
            return Verdict.fail(expected, f"{name}: HTTP {answer.status}", "a login that should fail was not refused")
    actual = "; ".join(f"{name}: HTTP {status}" for name, status in statuses.items())
    if len(set(statuses.values())) > 1:
        return Verdict.fail(expected, actual, "the status tells the failures apart")
    bodies = {name: _body(answer) for name, answer in answers.items()}
    first_name, first = next(iter(bodies.items()))
    for name, body in bodies.items():
        if body != first:
            return Verdict.fail(expected, actual,
                                f"the body for {name} differs from the body for {first_name}, so it tells them apart")
    return Verdict.ok(expected, actual + "; identical bodies")


def bad_input_refused(answer: Answer) -> Verdict:
    expected = "a 4xx for malformed login input"
    if answer.status >= 500:
        return Verdict.fail(expected, describe(answer), "the login view raised on client input")
    if answer.status < 400:
        return Verdict.fail(expected, describe(answer), "malformed input was not refused")
    return Verdict.ok(expected, describe(answer))


def login_despite_stale_header(answer: Answer, issued: bool) -> Verdict:
    expected = "a token for the right password, whatever the Authorization header holds"
    if issued:
        return Verdict.ok(expected, f"HTTP {answer.status} with a token")
    return Verdict.fail(expected, describe(answer),
                        "the login view authenticated the stale header before reading the password")


def no_default_credentials(accepted: list[str], tried: int, total: int, stopped: str | None) -> Verdict:
    """``accepted``: the pairs (as labels, never passwords) that were issued a credential."""
    expected = "no well-known default username and password is issued a credential"
    if accepted:
        return Verdict.fail(expected, f"issued a credential for {accepted[0]}",
                            f"{len(accepted)} of {tried} well-known pairs tried logged in")
    if stopped:
        return Verdict.skip(f"stopped after {tried} of {total} well-known pairs, none accepted: {stopped}; "
                            "the rest were not tried so that no account is locked out")
    return Verdict.ok(expected, f"all {tried} well-known pairs refused")
