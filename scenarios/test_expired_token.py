"""expired-token: tokens and sessions stop working when their time is up (contract sections 2, 3).

In-process the answers come from one frozen-clock run per scheme (``conformance.auth.expiry``); in
remote mode the token of role ``<scheme>.expired`` stands in for an aged one, and the boundary
check, which needs to move the server's clock, skips.
"""

import pytest

from conformance.auth.expiry import AFTER, BEFORE, OLD, expiry_run
from conformance.judges import expired_token as judges
from conformance.open_endpoints import anonymous_when_accepted, control_or_failure, judge_dead_credential, served_to_anyone
from conformance.auth.presenting import presented
from conformance.results import CheckError
from conformance.auth.schemes import ALLAUTH_SESSION_TOKEN, SESSION
from conformance.auth.session_expiry import session_expiry_run
from conformance.applicable import build_target_or_none
from conformance.auth.login import LoginUnavailable, log_in, login_for_scheme, login_path
from conformance.auth.schemes import BASIC
from datetime import timedelta

from conformance.auth.visible_lifetime import (
    NothingVisible, VisibleLifetime, from_jwt, from_knox_answer, from_oauth2_answer,
)
from conformance.results import PositiveControlFailed

# Kinds whose credential is a password or a cookie the suite does not age here.
NOT_TOKENS = {"basic": "a Basic password is not a token: it has no issue time to age"}


def _evidence(probe, *answers):
    for answer in answers:
        if answer is not None:
            probe.reused_evidence.append(answer.exchange)


def frozen_run(probe, scheme):
    if scheme.kind in NOT_TOKENS:
        pytest.skip(NOT_TOKENS[scheme.kind])
    run = expiry_run(probe, scheme)
    if run.skip:
        pytest.skip(run.skip)
    if run.error:
        raise CheckError(run.error)
    return run


def frozen_answer(probe, run, endpoint, phase):
    answer = run.answers.get((phase, endpoint.label))
    if answer is None:
        raise CheckError(f"no token could be obtained for {endpoint.label} at {phase}")
    _evidence(probe, run.own_logins.get((phase, endpoint.label), run.login), answer)
    return answer


def aged_answer(probe, endpoint, scheme, phase):
    """The answer to an aged token and how old it was: frozen clock in-process, role remotely."""
    if probe.target.clock() is None:
        if scheme.kind in NOT_TOKENS:
            pytest.skip(NOT_TOKENS[scheme.kind])
        credential = probe.credential(scheme, "expired", endpoint=endpoint)
        answer = probe.send(endpoint, presented(probe, credential, endpoint.method),
                            cache_key=("expired-role", endpoint.label, scheme))
        return answer, f"the token of role {credential.role}"
    run = frozen_run(probe, scheme)
    if phase not in run.offsets:
        phase = OLD
    return frozen_answer(probe, run, endpoint, phase), run.when(phase)


@pytest.mark.check("DRFC-301")
def test_token_older_than_max_token_age_is_refused(endpoint, scheme, probe):
    probe.require_sendable(endpoint)
    answer, when = aged_answer(probe, endpoint, scheme, OLD)
    judge_dead_credential(probe, endpoint, scheme, answer,
                          lambda control, anonymous: judges.old_token_refused(answer, control, when, anonymous))


@pytest.mark.check("DRFC-302")
def test_token_works_until_its_lifetime_ends(endpoint, scheme, probe):
    probe.require_sendable(endpoint)
    if probe.target.clock() is None:
        pytest.skip("the target's clock cannot be moved (remote mode): the lifetime boundary is tested in-process")
    run = frozen_run(probe, scheme)
    if run.lifetime is None:
        from conformance.inprocess.lifetimes import no_fixed_lifetime

        pytest.skip(no_fixed_lifetime(scheme.kind)
                    or f"no lifetime is known for {scheme.word} credentials: declare CONFORMANCE['TOKEN_LIFETIME']")
    before = frozen_answer(probe, run, endpoint, BEFORE)
    after = frozen_answer(probe, run, endpoint, AFTER)
    expected = f"accepted 1 s before and refused 1 s after the lifetime ({run.lifetime_text()})"
    control, failed = control_or_failure(probe, endpoint, scheme)
    anonymous = anonymous_when_accepted(probe, endpoint, before, control) or \
        anonymous_when_accepted(probe, endpoint, after, control)
    # A backwards expiry test needs no control (it refuses every fresh token, the control too).
    if (verdict := judges.backwards(before, after, run.lifetime_text(), anonymous)) is not None:
        probe.judge(verdict)
    if failed is not None:
        raise failed  # a crash or refusal of valid credentials too says nothing about expiry
    for answer, moment in ((before, run.when(BEFORE)), (after, run.when(AFTER))):
        if (verdict := judges.server_error(answer, expected, f"the token {moment}")) is not None:
            probe.judge(verdict)
    verdict = judges.lifetime_boundary(before, after, control, run.lifetime_text(), anonymous)
    if not verdict.passed and (open_verdict := served_to_anyone(anonymous, control)) is not None:
        verdict = open_verdict
    probe.judge(verdict)


@pytest.mark.check("DRFC-303")
def test_expired_token_gets_a_clean_refusal(endpoint, scheme, probe):
    probe.require_sendable(endpoint)
    answer, when = aged_answer(probe, endpoint, scheme, AFTER)
    judge_dead_credential(probe, endpoint, scheme, answer,
                          lambda control, anonymous: judges.expired_refused_cleanly(answer, control, when, anonymous))


def aged_session_answer(probe, endpoint, scheme=SESSION):
    """The answer to an aged session and how old it was: frozen clock in-process, role remotely."""
    if probe.target.clock() is None:
        credential = probe.credential(scheme, "expired", endpoint=endpoint)
        answer = probe.send(endpoint, presented(probe, credential, endpoint.method),
                            cache_key=("expired-role", endpoint.label, scheme))
        return answer, f"the session of role {credential.role}"
    run = session_expiry_run(probe, scheme)
    if run.skip:
        pytest.skip(run.skip)
    answer = run.answers.get(endpoint.label)
    if answer is None:
        raise CheckError(f"no aged session was sent to {endpoint.label}")
    _evidence(probe, answer)
    return answer, run.when()


@pytest.mark.check("DRFC-304")
def test_session_older_than_max_token_age_is_refused(endpoint, probe):
    # A session cookie, else allauth headless's session token (the key of a session, issue 14).
    scheme = SESSION if SESSION in endpoint.schemes else next(
        (s for s in endpoint.schemes if s == ALLAUTH_SESSION_TOKEN), None)
    if scheme is None:
        pytest.skip(f"{endpoint.label} does not accept sessions")
    probe.require_sendable(endpoint)
    answer, when = aged_session_answer(probe, endpoint, scheme)
    judge_dead_credential(probe, endpoint, scheme, answer,
                          lambda control, anonymous: judges.old_session_refused(answer, control, when, anonymous))


# Token kinds whose lifetime shows from outside (conformance.auth.visible_lifetime).
VISIBLE_LIFETIME_KINDS = ("bearer", "jwt", "knox")
NO_VISIBLE_LIFETIME = ("no endpoint takes a token whose lifetime a client can see (an OAuth2 bearer token, a JWT, "
                       "a knox token); DRFC-301 judges the aged token on each endpoint instead")


def pytest_generate_tests(metafunc):
    """The visible-lifetime check runs for the token kinds some endpoint accepts, no others."""
    if "visible_kind" not in metafunc.fixturenames:
        return
    target = build_target_or_none(metafunc.config)
    schemes = {s.kind: s for s in target.schemes()} if target is not None else {}
    # The scheme itself too: the plugin reports it as parameters["scheme"], like every per-scheme result.
    cases = [pytest.param(kind, schemes[kind], id=f"{kind}-{schemes[kind].word or kind}")
             for kind in VISIBLE_LIFETIME_KINDS if kind in schemes]
    # None at all: one skip saying why, not pytest's "got empty parameter set".
    metafunc.parametrize(("visible_kind", "scheme"), cases or [pytest.param(None, None, id="none", marks=pytest.mark.skip(
        reason=NO_VISIBLE_LIFETIME))])


def visible_lifetime(probe, kind, scheme):
    """What a client sees of a fresh token's lifetime: a login answer's or the token's own claims."""
    if kind == "jwt":
        return from_jwt(probe.credential(scheme, "active").secret)
    login = login_for_scheme(probe.target, kind)
    account = probe.credential(BASIC, "active")
    credential, answer = log_in(probe.target, login, account.username, account.secret,
                                f"{scheme.role_prefix}.visible-lifetime", scheme)
    probe.reused_evidence.append(answer.exchange)
    if credential is None:
        raise PositiveControlFailed(f"positive control failed: the password role's login at "
                                    f"{login_path(probe.target, login)} got HTTP {answer.status} and no token")
    if kind == "bearer":
        return from_oauth2_answer(answer)
    seen = from_knox_answer(answer)
    if probe.target.mode == "in-process" and seen.lifetime is not None:
        from conformance.auth.stacks import knox

        refreshing, ceiling = knox.auto_refresh()
        # The answer shows one TOKEN_TTL; with AUTO_REFRESH each use adds another, up to AUTO_REFRESH_MAX_TTL.
        if refreshing and isinstance(ceiling, timedelta):
            return VisibleLifetime(ceiling, "REST_KNOX['AUTO_REFRESH_MAX_TTL'], the most a knox token in use lives")
        if refreshing:
            return VisibleLifetime(None, "REST_KNOX['AUTO_REFRESH'] without AUTO_REFRESH_MAX_TTL: a knox token "
                                         "in use is extended without end")
    return seen


@pytest.mark.check("DRFC-301")
def test_visible_token_lifetime_is_within_max_token_age(visible_kind, scheme, probe):
    """No clock moved, so remote mode judges it too (issue 12): expires_in, exp - iat, knox's expiry."""
    try:
        seen = visible_lifetime(probe, visible_kind, scheme)
    except LoginUnavailable as exc:
        pytest.skip(str(exc))
    except NothingVisible as exc:
        pytest.skip(f"{exc}; DRFC-301 judges the aged token on each endpoint instead")
    probe.judge(judges.visible_lifetime_within_policy(seen.lifetime, seen.source, probe.target.expectations.MAX_TOKEN_AGE,
                                                      scheme.word or scheme.kind))
