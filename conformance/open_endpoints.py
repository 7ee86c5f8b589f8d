"""Judging a dead credential: telling "accepted" from "the endpoint serves anyone", with or
without a working positive control.

DRF's stock classes (TokenAuthentication for an unknown key is the exception) answer a token they
do not recognise with None, and the request goes on as anonymous: on an endpoint open to
anonymous clients, an expired, revoked or deactivated user's token then gets the very answer a
valid one gets, although it authenticated nothing. Before a check reports such a token as
accepted, it asks the same endpoint without credentials: if that is served too, the finding is
the open endpoint (DRFC-101), not the token.

The same anonymous answer lets a check judge a dead credential when the positive control failed
(issue 12): a control exists to stop vacuous passes, never to hide a dead credential that got
through authentication while valid ones were refused (an expiry test written backwards).
"""

from __future__ import annotations

from typing import Callable

from conformance.http import Answer
from conformance.judges.common import REFUSAL_STATUSES, authenticated, control_accepted
from conformance.results import PositiveControlFailed, Verdict

OPEN_ENDPOINT = ("the endpoint answers anonymous requests the same way (HTTP {status}), so this credential "
                 "being served proves nothing about it; DRFC-101 reports the open endpoint")


def anonymous_answer(probe, endpoint) -> Answer:
    """The endpoint's answer to a request without credentials (one per endpoint, shared)."""
    return probe.send(endpoint, cache_key=("anonymous", endpoint.label))


def anonymous_when_accepted(probe, endpoint, answer: Answer, control: Answer) -> Answer | None:
    """The anonymous answer of ``endpoint`` when ``answer`` may prove authentication, else None.

    Only a refusal or a server error needs no comparison; anything else might be "accepted" (a
    404 for another user's object is, when anonymous requests are refused).
    """
    if answer.status in REFUSAL_STATUSES or answer.status >= 500:
        return None
    return anonymous_answer(probe, endpoint)


def served_to_anyone(anonymous: Answer | None, control: Answer) -> Verdict | None:
    """A skip verdict when the anonymous request is served like the valid credential."""
    if anonymous is not None and control_accepted(control) and authenticated(anonymous, control):
        return Verdict.skip(OPEN_ENDPOINT.format(status=anonymous.status))
    return None


def judge_unless_open(probe, endpoint, answer: Answer, control: Answer, verdict: Verdict) -> None:
    """Hand ``verdict`` to the probe, unless ``answer`` was served only because the endpoint
    serves anyone: then the check is skipped and DRFC-101 carries the finding."""
    open_verdict = served_to_anyone(anonymous_when_accepted(probe, endpoint, answer, control), control)
    probe.judge(open_verdict if open_verdict is not None and not verdict.passed else verdict)


def control_or_failure(probe, endpoint, scheme) -> tuple[Answer, PositiveControlFailed | None]:
    """The positive control's answer, and the failure it raised (None when it passed).

    A failed control without an answer (no credential, no scheme the suite knows) re-raises.
    """
    try:
        return probe.positive_control(endpoint, scheme), None
    except PositiveControlFailed as failed:
        if getattr(failed, "answer", None) is None:
            raise
        return failed.answer, failed


def judge_dead_credential(probe, endpoint, scheme, answer: Answer,
                          judge: Callable[[Answer, Answer | None], Verdict | None]) -> None:
    """Judge ``answer``, a credential's that must not work, against the positive control.

    ``judge(control, anonymous)`` gets the control's answer whether or not valid credentials were
    accepted, and the anonymous answer where ``answer`` may prove authentication; it returns None
    when nothing can be concluded. Then the failed control is the outcome (``error``); a control
    that failed never turns into a pass, but a dead credential that got through still fails.
    """
    control, failed = control_or_failure(probe, endpoint, scheme)
    anonymous = anonymous_when_accepted(probe, endpoint, answer, control)
    verdict = judge(control, anonymous)
    if verdict is None or (failed is not None and verdict.passed and not verdict.not_applicable):
        raise failed or PositiveControlFailed("no verdict could be reached")
    if failed is None:
        open_verdict = served_to_anyone(anonymous, control)
        if open_verdict is not None and not verdict.passed:
            verdict = open_verdict
    probe.judge(verdict)
