"""One frozen-clock run for sessions: the answers DRFC-304 judges (contract section 3).

MAX_TOKEN_AGE is the policy maximum age of any token *or session*. In-process a session is
opened at a frozen instant T0 (provisioned through Django's own ``login()``, so the session
engine stamps its expiry from the frozen ``timezone.now()``), the clock is moved past the age
that applies, and the session cookie is sent to every protected endpoint that accepts sessions
(an endpoint that consumes credentials, the logout endpoint, gets a session of its own).

Which age applies: the policy allows at most MAX_TOKEN_AGE, and the deployment itself promises
SESSION_COOKIE_AGE. Where SESSION_COOKIE_AGE is the shorter, the session must already be refused
one second after it (the stricter promise the deployment made); otherwise one second after
MAX_TOKEN_AGE. Either way, a session still served at that instant outlives what it may.

allauth headless's session token (``X-Session-Token``) is the key of such a session (its default
``HEADLESS_TOKEN_STRATEGY``): the same run judges it, the token sent in its header (issue 14).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from conformance.http import Answer
from conformance.inprocess.clock import describe_offset
from conformance.auth.presenting import presented
from conformance.auth.schemes import SESSION

ONE_SECOND = timedelta(seconds=1)


@dataclass
class SessionExpiryRun:
    skip: str = ""
    offset: timedelta | None = None
    limit: str = ""  # which age applied, for the verdict
    answers: dict[str, Answer] = field(default_factory=dict)  # endpoint label -> answer

    def when(self) -> str:
        return f"{describe_offset(self.offset)} after it was opened (frozen clock), past {self.limit}"


def session_age_limit(max_token_age: timedelta) -> tuple[timedelta, str]:
    """The age past which a session must be refused, and what set it."""
    from django.conf import settings

    cookie_age = timedelta(seconds=int(getattr(settings, "SESSION_COOKIE_AGE", 0) or 0))
    if cookie_age and cookie_age < max_token_age:
        return cookie_age, f"SESSION_COOKIE_AGE ({describe_offset(cookie_age).lstrip('+')}, within MAX_TOKEN_AGE)"
    return max_token_age, f"MAX_TOKEN_AGE ({describe_offset(max_token_age).lstrip('+')})"


def session_expiry_run(probe, scheme=SESSION) -> SessionExpiryRun:
    """The run, made by the first check that needs it and cached for the others."""
    key = "session-expiry-run" if scheme == SESSION else ("session-expiry-run", scheme)
    cache = probe.state.answer_cache
    if key not in cache:
        pending = probe.client.take_exchanges()  # the batch is not the evidence of this one check
        try:
            cache[key] = _make_run(probe, scheme)
        finally:
            probe.client.take_exchanges()
            probe.client.exchanges[:0] = pending
    return cache[key]


def _make_run(probe, scheme=SESSION) -> SessionExpiryRun:
    target = probe.target
    run = SessionExpiryRun()
    endpoints = [e for e in target.protected_endpoints() if scheme in e.schemes]
    limit, run.limit = session_age_limit(target.expectations.MAX_TOKEN_AGE)
    run.offset = limit + ONE_SECOND
    with target.clock().frozen() as travel:
        shared = target.disposable(scheme)
        if shared is None:
            run.skip = "the target cannot open sessions at a frozen instant"
            return run
        # A consuming endpoint (logout) ends the session it accepts: a session of its own.
        own = {e.label: target.disposable(scheme) for e in endpoints if probe.consumes_credentials(e)}
        travel.at(run.offset)
        for endpoint in endpoints:
            credential = own.get(endpoint.label, shared)
            run.answers[endpoint.label] = probe.send(endpoint, presented(probe, credential, endpoint.method))
    return run
