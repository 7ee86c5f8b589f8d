"""One frozen-clock run per scheme: the answers the expired-token and token-endpoint checks judge.

Freezing the clock costs a scan of every loaded module (freezegun patches each reference to
``datetime`` and ``time``), so the clock is frozen once per scheme, not once per check:

1. freeze at the current second (T0) and log a fresh user in through the deployment's own login
   or OAuth2 token endpoint, so the server stamps the token with T0 and picks its lifetime;
2. move the clock to T0 + lifetime - 1 s, T0 + lifetime + 1 s and T0 + MAX_TOKEN_AGE + 1 s, and
   at each send the token to every protected endpoint that accepts the scheme (an endpoint that
   consumes credentials, the logout endpoint, gets a token of its own for each instant);
3. at the last instant log in again and send the new token once (DRFC-901);
4. unfreeze (always, in ``finally``), and keep every answer in the run's answer cache, where each
   check finds its own as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from conformance.auth.credentials import Credential
from conformance.endpoints import Endpoint
from conformance.http import Answer
from conformance.inprocess.clock import describe_offset
from conformance.auth.login import LoginUnavailable, issued_secret, log_in, login_for_scheme, login_path
from conformance.auth.presenting import presented
from conformance.auth.schemes import BASIC, Scheme

ONE_SECOND = timedelta(seconds=1)
# Kinds whose token library can issue a token in-process when no login endpoint is known (a DRF
# token is a row whose `created` the frozen clock stamps, as obtain_auth_token would).
LIBRARY_ISSUED = ("token", "jwt", "knox")
BEFORE, AFTER, OLD = "1 s before the lifetime ends", "1 s after the lifetime ends", "1 s past MAX_TOKEN_AGE"


@dataclass
class ExpiryRun:
    """What one frozen-clock run of a scheme produced, or why it could not run."""

    scheme: Scheme
    skip: str = ""  # the checks do not apply here, and why
    error: str = ""  # the run could not be made: the checks cannot be evaluated
    lifetime: timedelta | None = None
    lifetime_source: str = ""
    offsets: dict[str, timedelta] = field(default_factory=dict)  # phase -> offset from T0
    answers: dict[tuple[str, str], Answer] = field(default_factory=dict)  # (phase, endpoint label)
    login: Answer | None = None
    own_logins: dict[tuple[str, str], Answer] = field(default_factory=dict)  # consuming endpoints' logins
    relogin: Answer | None = None  # the second login, at the last instant
    relogin_use: Answer | None = None  # the second login's token sent to ``relogin_endpoint``
    relogin_endpoint: Endpoint | None = None
    relogin_same_key: bool = False

    def when(self, phase: str) -> str:
        return f"{describe_offset(self.offsets[phase])} after it was issued (frozen clock)"

    def lifetime_text(self) -> str:
        return f"{describe_offset(self.lifetime).lstrip('+')} from {self.lifetime_source}"


def expiry_run(probe, scheme: Scheme) -> ExpiryRun:
    """The run for ``scheme``, made by the first check that needs it and cached for the others."""
    key = ("expiry-run", scheme)
    cache = probe.state.answer_cache
    if key not in cache:
        pending = probe.client.take_exchanges()  # the batch is not the evidence of this one check
        try:
            cache[key] = _make_run(probe, scheme)
        finally:
            probe.client.take_exchanges()
            probe.client.exchanges[:0] = pending
    return cache[key]


def _make_run(probe, scheme: Scheme) -> ExpiryRun:
    target = probe.target
    run = ExpiryRun(scheme)
    clock = target.clock()
    kind = login_for_scheme(target, scheme.kind)
    if clock is None:
        run.skip = "the target's clock cannot be moved (remote mode): only in-process time travel tests this"
        return run
    if kind is not None:
        try:
            login_path(target, kind)
        except LoginUnavailable as exc:
            if scheme.kind not in LIBRARY_ISSUED:
                run.skip = str(exc)
                return run
            kind = None  # no login endpoint known: the library issues it in-process instead
    known = target.token_lifetime(scheme)
    if known:
        run.lifetime, run.lifetime_source = known
        run.offsets[BEFORE] = run.lifetime - ONE_SECOND
        run.offsets[AFTER] = run.lifetime + ONE_SECOND
    run.offsets[OLD] = target.expectations.MAX_TOKEN_AGE + ONE_SECOND
    endpoints = [e for e in target.protected_endpoints() if scheme in e.schemes]
    shared = [e for e in endpoints if not probe.consumes_credentials(e)]
    consuming = [e for e in endpoints if probe.consumes_credentials(e)]
    role = f"{scheme.role_prefix or scheme.kind}.expired"

    with clock.frozen() as travel:
        if kind is None:
            # No login endpoint the suite knows for this kind (JWT, knox): the token library's own
            # issuing code runs in-process at the frozen instant, so it still decides the lifetime.
            credential = target.issued(scheme)
            if credential is None:
                run.skip = (f"{scheme.word or scheme.kind} credentials come from no login endpoint the suite "
                            "knows (DRF token login, OAuth2 token endpoint) and cannot be issued here")
                return run
            user = None
        else:
            user = target.disposable(BASIC)
            if user is None:
                run.skip = "the target cannot make users to log in as"
                return run
            credential, run.login = log_in(target, kind, user.username, user.secret, role, scheme)
            if credential is None:
                run.error = (f"logging a fresh user in at {login_path(target, kind)} issued no {kind.name} "
                             f"(HTTP {run.login.status}), so no token could be aged")
                return run
        # A consuming endpoint revokes what it accepts: a token of its own for each instant.
        own = {(phase, e.label): _fresh(target, kind, role, scheme) for phase in run.offsets for e in consuming}
        run.own_logins = {key: answer for key, (_token, answer) in own.items() if answer is not None}
        for phase, offset in sorted(run.offsets.items(), key=lambda item: item[1]):
            travel.at(offset)
            for endpoint in shared:
                run.answers[(phase, endpoint.label)] = _use(probe, endpoint, credential)
            for endpoint in consuming:
                token, _login = own[(phase, endpoint.label)]
                if token is not None:
                    run.answers[(phase, endpoint.label)] = _use(probe, endpoint, token)
        if kind is not None:
            _relogin(probe, run, kind, user, role, scheme, shared)
    return run


def _fresh(target, kind, role: str, scheme: Scheme) -> tuple[Credential | None, Answer | None]:
    """A token of its own (and the login that issued it) for an endpoint that consumes tokens."""
    if kind is None:
        return target.issued(scheme), None
    user = target.disposable(BASIC)
    return log_in(target, kind, user.username, user.secret, role, scheme) if user else (None, None)


def _use(probe, endpoint: Endpoint, credential: Credential) -> Answer:
    return probe.send(endpoint, presented(probe, credential, endpoint.method))


def _relogin(probe, run: ExpiryRun, kind, user, role: str, scheme: Scheme, shared: list[Endpoint]) -> None:
    """At the last instant (the clock is there already), log in again and use the new token once."""
    safe = [e for e in shared if e.is_safe]
    if not safe:
        return
    credential, run.relogin = log_in(probe.target, kind, user.username, user.secret,
                                     f"{scheme.role_prefix or scheme.kind}.active", scheme)
    if credential is None:
        return
    old_secret = issued_secret(kind, run.login)  # the field its library names it (dj-rest-auth: "key")
    run.relogin_same_key = credential.secret == old_secret
    run.relogin_endpoint = safe[0]
    run.relogin_use = _use(probe, safe[0], credential)
