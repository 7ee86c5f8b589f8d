"""Judges of the ``revocation`` family."""

from __future__ import annotations

from conformance.http import Answer
from conformance.judges.common import authenticated_like_control, describe, refused_as_dead
from conformance.results import Verdict


def logged_out_refused(answer: Answer, control: Answer, anonymous: Answer | None = None) -> Verdict | None:
    return refused_as_dead(
        answer, control, expected="a refusal (401/403) of a credential after logout",
        server_error="the logged-out credential got a server error",
        still_works=f"the credential still works after logout (valid credentials get HTTP {control.status})",
        anonymous=anonymous,
    )


def logged_out_everywhere_refused(answer: Answer, control: Answer, path: str,
                                  anonymous: Answer | None = None) -> Verdict | None:
    """The user's other token after logging out everywhere (knox's LogoutAllView, issue 14)."""
    return refused_as_dead(
        answer, control, expected=f"a refusal (401/403) of every token of the user after {path}",
        server_error=f"a token of the user logged out at {path} got a server error",
        still_works=f"a token of the user still works after logging out everywhere at {path} "
                    f"(valid credentials get HTTP {control.status})",
        anonymous=anonymous,
    )


def new_token_after_logout(same_key: bool, new_use: Answer, old_use: Answer, control: Answer) -> Verdict:
    expected = "a different, working token after logout, and the old one refused"
    if same_key:
        return Verdict.fail(expected, "the same key again", "the login after logout handed back the logged-out token")
    if not authenticated_like_control(new_use, control):
        return Verdict.fail(expected, f"the new token got {describe(new_use)}", "the token issued after logout does not work")
    if old_use.status >= 500 or authenticated_like_control(old_use, control):
        return Verdict.fail(expected, f"the old token got {describe(old_use)}", "the logged-out token works again")
    return Verdict.ok(expected, f"new token: HTTP {new_use.status}; old token: {describe(old_use)}")
