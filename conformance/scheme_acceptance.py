"""Is a credential accepted anywhere? One answer per credential role, for the whole run.

When a positive control fails, the check is ``error``. If the same valid credential is refused on
every endpoint, hundreds of such errors say one thing (issue 12): this scheme cannot be judged at
all. The first failed control of a role asks the question once (endpoints whose controls already
passed answer it for free; otherwise the credential goes to each endpoint of its scheme, safe
methods first), every later error of that role names the one cause, and DRFC-1105 reports it once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance.http import Answer
from conformance.judges.common import control_accepted, describe

CHECK_ID = "DRFC-1105"


@dataclass
class Acceptance:
    """How a credential role fared on the endpoints of its scheme."""

    role: str
    scheme_word: str
    accepted_on: str = ""  # an endpoint where it was accepted ("" : nowhere)
    tried: list[tuple[str, Answer]] = field(default_factory=list)  # (endpoint label, answer)

    @property
    def refused_everywhere(self) -> bool:
        return not self.accepted_on and bool(self.tried)

    def summary(self) -> str:
        """One line for every error this role's failed controls cause, and for DRFC-1105."""
        statuses = sorted({answer.status for _label, answer in self.tried})
        how = "refused" if all(s in (401, 403) for s in statuses) else "refused or failed"
        return (f"valid {self.role} credentials are {how} on every endpoint they were sent to "
                f"({len(self.tried)}, HTTP {', '.join(map(str, statuses))}): the suite cannot judge the "
                f"{self.scheme_word} scheme ({CHECK_ID})")


def acceptance(probe, credential) -> Acceptance:
    """Where ``credential`` (an active role) is accepted: cached per role for the run."""
    key = ("acceptance", credential.role)
    cache = probe.state.answer_cache
    if key in cache:
        return cache[key]
    scheme = credential.scheme
    found = Acceptance(credential.role, scheme.word or scheme.kind)
    for (label, control_scheme) in probe.state.control_cache:
        if control_scheme == scheme:  # a control of this scheme passed there already
            found.accepted_on = label
            cache[key] = found
            return found
    candidates = [e for e in probe.target.protected_endpoints()
                  if scheme in e.schemes and not probe.consumes_credentials(e) and not probe.target.can_send(e)]
    candidates.sort(key=lambda e: not e.is_safe)  # reads first: they change nothing
    if any(e.is_safe for e in candidates):
        candidates = [e for e in candidates if e.is_safe]
    pending = probe.client.take_exchanges()  # this survey is not the evidence of the check that asked
    try:
        for endpoint in candidates:
            headers = credential.request_headers(endpoint.method)
            if scheme.kind == "session" and not endpoint.is_safe:
                headers.append(("Origin", probe.origin))
            answer = probe.send(endpoint, headers, role="positive-control",
                                cache_key=("acceptance-of", credential.role, endpoint.label))
            found.tried.append((endpoint.label, answer))
            if control_accepted(answer):
                found.accepted_on = endpoint.label
                break
    finally:
        probe.client.take_exchanges()
        probe.client.exchanges[:0] = pending
    cache[key] = found
    return found


def evidence_line(found: Acceptance, limit: int = 10) -> str:
    listed = "; ".join(f"{label}: {describe(answer)}" for label, answer in found.tried[:limit])
    more = f"; and {len(found.tried) - limit} more" if len(found.tried) > limit else ""
    return listed + more
