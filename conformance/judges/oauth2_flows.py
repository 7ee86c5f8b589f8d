"""Judges of the ``oauth2-flows`` family."""

from __future__ import annotations

from conformance.http import Answer
from conformance.judges.common import REFUSAL_STATUSES, authenticated_like_control, describe, refused_as_dead
from conformance.results import Verdict


def read_scope_refused(answer: Answer, control: Answer) -> Verdict:
    return refused_as_dead(
        answer, control, expected="a refusal (403) of a read-scope token on a write",
        server_error="the read-scope token got a server error",
        still_works=f"a read-scope token writes here (a read-write token gets HTTP {control.status})",
    )


def setting_holds(ok: bool, expected: str, actual: str, detail: str) -> Verdict:
    return Verdict.ok(expected, actual) if ok else Verdict.fail(expected, actual, detail)


def redirect_exact(registered_allowed: bool, foreign_allowed: list[str], model: str) -> Verdict | None:
    """None when the registered URI itself is refused (the positive control failed)."""
    if not registered_allowed:
        return None
    expected = "only the registered redirect_uri, character for character"
    if foreign_allowed:
        return Verdict.fail(expected, f"{model} also allows: {', '.join(foreign_allowed)}",
                            "an authorization code or token can be sent to an address the client does not own")
    return Verdict.ok(expected, f"{model} refuses every near miss tried")


def grant_off(grant: str, enabled: bool, accepted: bool, how: str) -> Verdict:
    expected = f"the {grant} grant refused (RFC 9700), or listed in OAUTH2_ACCEPTED_GRANTS"
    if not enabled:
        return Verdict.ok(expected, how)
    if accepted:
        return Verdict.ok(expected, f"{how}; accepted on purpose (CONFORMANCE['OAUTH2_ACCEPTED_GRANTS'])")
    return Verdict.fail(expected, how, f"the {grant} grant is on and not declared as accepted")


def refresh_reuse_protected(first: Answer, replay: Answer, descendant: Answer | None, old: str) -> Verdict:
    expected = "a new refresh token on exchange; the replayed old one refused, and its descendant revoked"
    new = first.issued().get("refresh_token")
    if not new or new == old:
        return Verdict.fail(expected, "the exchange handed back the same refresh token",
                            "refresh tokens are not rotated (OAUTH2_PROVIDER['ROTATE_REFRESH_TOKEN'])")
    if replay.status >= 500 or replay.issued().get("access_token"):
        return Verdict.fail(expected, f"the replay got {describe(replay)}", "a rotated-out refresh token still works")
    if descendant is not None and (descendant.status >= 500 or descendant.issued().get("access_token")):
        return Verdict.fail(expected, f"after the replay the new refresh token got {describe(descendant)}",
                            "a replayed refresh token does not revoke its family (no reuse protection)")
    return Verdict.ok(expected, f"replay: {describe(replay)}; descendant: {describe(descendant) if descendant else '-'}")


def client_token_refused_cleanly(answer: Answer, control: Answer, machine_endpoint: bool) -> Verdict:
    expected = "a clean refusal (401/403) of a token with no user"
    if answer.status >= 500:
        return Verdict.fail(expected, describe(answer), "a client-credentials token crashes the endpoint")
    if authenticated_like_control(answer, control):
        if machine_endpoint:
            return Verdict.ok(expected, f"{describe(answer)}: the view is guarded by scope permissions only "
                                        "(a machine endpoint)")
        return Verdict.fail(expected, describe(answer), "a token that acts for no user is served a user endpoint")
    if answer.status not in REFUSAL_STATUSES:
        return Verdict.fail(expected, describe(answer), "refused, but not as an authentication failure")
    return Verdict.ok(expected, describe(answer))
