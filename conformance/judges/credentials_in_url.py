"""Judges of the ``credentials-in-url`` family: a credential outside its header is not accepted."""

from __future__ import annotations

from conformance.catalogue.credentials_in_url import QUERY_PARAMETER_NAMES
from conformance.http import Answer
from conformance.judges.common import authenticated_like_control
from conformance.results import Verdict

# RFC 6750 section 2.3 names access_token; the others are the habits of API-key and JWT code.
PARAMETER_NAMES = QUERY_PARAMETER_NAMES


def refused_outside_header(answers: dict[str, Answer], control: Answer, anonymous: Answer, where: str) -> Verdict:
    """``answers`` by parameter name; each must be refused like the anonymous request."""
    expected = f"a refusal for a valid credential in the {where}"
    if authenticated_like_control(anonymous, control):
        return Verdict.skip(f"the endpoint answers anonymous requests too (HTTP {anonymous.status}); DRFC-101 reports that")
    accepted = [name for name, answer in answers.items() if authenticated_like_control(answer, control)]
    if accepted:
        return Verdict.fail(expected, f"authenticated through {', '.join(accepted)} in the {where}",
                            f"the request got the answer valid credentials get (HTTP {control.status})")
    statuses = sorted({a.status for a in answers.values()})
    return Verdict.ok(expected, f"{len(answers)} parameter names refused (HTTP {', '.join(map(str, statuses))})")
