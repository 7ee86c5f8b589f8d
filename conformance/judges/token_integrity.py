"""Judges of the ``token-integrity`` family: forged JWTs refused, the HMAC key strong, no enumeration."""

from __future__ import annotations

from conformance.http import Answer
from conformance.judges.common import REFUSAL_STATUSES, authenticated_like_control, describe
from conformance.results import Verdict


def forgeries_refused(answers: list[tuple[str, Answer]], control: Answer, what: str) -> Verdict:
    """Every forged token (``(forgery name, answer)``) refused, where the genuine one got ``control``."""
    expected = f"every {what} refused (401/403), as the untampered token is accepted (HTTP {control.status})"
    for name, answer in answers:
        if answer.status >= 500:
            return Verdict.fail(expected, f"{name}: {describe(answer)}",
                                "a forged token got a server error, not a refusal")
        if authenticated_like_control(answer, control):
            return Verdict.fail(expected, f"{name}: {describe(answer)}",
                                f"the forged token ({name}) was accepted: the signature is not verified")
    statuses = sorted({a.status for _, a in answers})
    return Verdict.ok(expected, f"{len(answers)} forged tokens refused with HTTP {', '.join(map(str, statuses))}")


def hmac_key_strong(examined: str, findings: list[str]) -> Verdict:
    expected = "an HMAC key of at least the hash's length, not SECRET_KEY, not a well-known default"
    if findings:
        return Verdict.fail(expected, "; ".join(findings), "whoever knows or guesses the key signs any token")
    return Verdict.ok(expected, f"{examined}: no weakness found")


def well_known_key_not_used(key_found: bool, tried: int) -> Verdict:
    expected = "an issued token's signature made by no well-known HMAC key"
    if key_found:
        return Verdict.fail(expected, "an issued token verifies with a well-known key (tried offline)",
                            "anybody can sign tokens with that key")
    return Verdict.ok(expected, f"none of {tried} well-known keys verifies the issued token (tried offline)")


def unknown_user_like_invalid(unknown: Answer, invalid: Answer, control: Answer) -> Verdict:
    expected = f"the same refusal as an invalid token (HTTP {invalid.status})"
    if invalid.status >= 500 or authenticated_like_control(invalid, control):
        return Verdict.skip(f"a token with a bad signature got {describe(invalid)}, not a refusal "
                            "(DRFC-1202's finding): there is no refusal to compare with")
    if unknown.status >= 500:
        return Verdict.fail(expected, describe(unknown),
                            "a validly signed token of a missing user crashes the server: which users exist shows")
    if authenticated_like_control(unknown, control):
        return Verdict.fail(expected, describe(unknown), "a token of a user that does not exist was accepted")
    if unknown.status != invalid.status or unknown.status not in REFUSAL_STATUSES:
        return Verdict.fail(expected, describe(unknown),
                            "a missing user is answered differently from a bad token: accounts can be enumerated")
    return Verdict.ok(expected, describe(unknown))
