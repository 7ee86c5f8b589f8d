"""Telling "the credential was accepted" from "the endpoint serves anyone".

DRF's stock classes (TokenAuthentication for an unknown key is the exception) answer a token they
do not recognise with None, and the request goes on as anonymous: on an endpoint open to
anonymous clients, an expired, revoked or deactivated user's token then gets the very answer a
valid one gets, although it authenticated nothing. Before a check reports such a token as
accepted, it asks the same endpoint without credentials: if that is served too, the finding is
the open endpoint (DRFC-101), not the token.
"""

from __future__ import annotations

from conformance.http import Answer
from conformance.judges.common import authenticated_like_control
from conformance.results import Verdict

OPEN_ENDPOINT = ("the endpoint answers anonymous requests the same way (HTTP {status}), so this credential "
                 "being served proves nothing about it; DRFC-101 reports the open endpoint")


def anonymous_when_accepted(probe, endpoint, answer: Answer, control: Answer) -> Answer | None:
    """The anonymous answer of ``endpoint`` when ``answer`` looks accepted (one per endpoint, shared)."""
    if not authenticated_like_control(answer, control):
        return None
    return probe.send(endpoint, cache_key=("anonymous", endpoint.label))


def served_to_anyone(anonymous: Answer | None, control: Answer) -> Verdict | None:
    """A skip verdict when the anonymous request is served like the valid credential."""
    if anonymous is not None and authenticated_like_control(anonymous, control):
        return Verdict.skip(OPEN_ENDPOINT.format(status=anonymous.status))
    return None


def judge_unless_open(probe, endpoint, answer: Answer, control: Answer, verdict: Verdict) -> None:
    """Hand ``verdict`` to the probe, unless ``answer`` was served only because the endpoint
    serves anyone: then the check is skipped and DRFC-101 carries the finding."""
    open_verdict = served_to_anyone(anonymous_when_accepted(probe, endpoint, answer, control), control)
    probe.judge(open_verdict if open_verdict is not None and not verdict.passed else verdict)
