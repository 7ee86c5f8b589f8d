"""revocation: logging out at LOGOUT_PATH really ends the credential it was called with.

Logging out consumes the credential, so these checks use disposable ones (a fresh user each);
a target that cannot make them (remote mode) skips with that reason rather than revoke a
credential the rest of the run needs.
"""

import pytest

from conformance.endpoints import Endpoint
from conformance.judges import revocation as judges
from conformance.open_endpoints import judge_dead_credential
from conformance.auth.login import LOGIN_KINDS, LoginUnavailable, log_in, login_for_scheme, login_path, scheme_kind
from conformance.auth.presenting import presented
from conformance.judges.common import control_accepted, describe
from conformance.results import CheckError, PositiveControlFailed
from conformance.auth.schemes import BASIC, SESSION
from conformance.applicable import NOT_APPLICABLE, not_applicable
from conformance.auth.stacks.knox import KNOX

# RFC 7519 access tokens are verified by signature alone: no server state to revoke.
STATELESS = {"jwt": "a JWT access token is stateless: no logout can revoke it before it expires "
                    "(simplejwt's token_blacklist revokes refresh tokens only); DRFC-302 bounds its lifetime"}


def logout_endpoint(probe, scheme=None) -> Endpoint:
    if scheme is not None and scheme.kind == "allauth":  # its app client logs out with DELETE on its session
        from conformance.auth.stacks.allauth_headless import logout_endpoint as allauth_logout

        endpoint = allauth_logout(probe.target, scheme)
        if isinstance(endpoint, str):
            pytest.skip(endpoint)
        return endpoint
    path = probe.target.auth_endpoints.paths.get("LOGOUT_PATH")
    if not path:
        pytest.skip(probe.target.auth_endpoints.unknown("LOGOUT_PATH"))
    for endpoint in probe.target.endpoints:
        if endpoint.path == path and endpoint.method == "POST":
            return endpoint
    return Endpoint("POST", path, schemes=probe.target.view_schemes(path))  # a Django LogoutView: sessions


def log_out(probe, credential, refused_means_not_accepted: bool = False):
    """POST the logout endpoint with ``credential``: the positive control of this family.

    Logout must accept a valid credential (logout requires one), else what it revokes cannot
    be judged. With ``refused_means_not_accepted``, a 401/403 returns None: the caller has just
    proven the credential valid, so the logout view does not take its scheme. A redirect is a
    done logout: Django's own LogoutView answers 302 to its next page (issue 12); whether the
    credential really ended is what the checks judge next.
    """
    endpoint = logout_endpoint(probe, credential.scheme)
    answer = probe.send(endpoint, presented(probe, credential, endpoint.method), role="logout")
    if credential.scheme.kind == "allauth":
        from conformance.auth.stacks.allauth_headless import logged_out

        if logged_out(answer):  # allauth answers a logout 401 "not authenticated": its success
            return answer
    if refused_means_not_accepted and answer.status in (401, 403):
        return None
    if answer.status >= 400:
        raise PositiveControlFailed(
            f"positive control failed: valid {credential.role} credentials got HTTP {answer.status} "
            f"on {endpoint.label}, so what logging out revokes cannot be judged")
    return answer


def skip_unless_logout_accepts(probe, scheme) -> None:
    """Nothing to revoke where these credentials cannot even reach the logout view (an OAuth2
    client revokes at its revocation endpoint instead, RFC 7009): DRFC-1001 and DRFC-1002 alike."""
    logout = logout_endpoint(probe, scheme)
    if logout.schemes and scheme not in logout.schemes:
        pytest.skip(f"{logout.label} does not accept {scheme.word or scheme.kind} credentials, "
                    "so logging out cannot revoke them")


def logged_out_credential(probe, scheme):
    """One disposable credential per scheme, logged out once; later checks reuse it."""
    if scheme.kind in STATELESS:
        pytest.skip(STATELESS[scheme.kind])
    key = ("logged-out", scheme)
    cached = probe.state.answer_cache.get(key)
    if cached is None:
        skip_unless_logout_accepts(probe, scheme)
        credential = probe.target.disposable(scheme)
        if credential is None:  # logging out a credential the rest of the run needs would spoil it
            pytest.skip(f"logging out consumes the credential: {probe.target.no_disposable_reason(scheme)}")
        cached = probe.state.answer_cache[key] = (credential, log_out(probe, credential))
    else:
        probe.reused_evidence.append(cached[1].exchange)
    return cached[0]


def judge_logged_out(probe, endpoint, scheme):
    probe.require_sendable(endpoint)
    credential = logged_out_credential(probe, scheme)
    answer = probe.send(endpoint, presented(probe, credential, endpoint.method))
    judge_dead_credential(probe, endpoint, scheme, answer,
                          lambda control, anonymous: judges.logged_out_refused(answer, control, anonymous))


@pytest.mark.check("DRFC-1001")
@pytest.mark.custom_header_too
def test_logged_out_credential_is_refused(endpoint, scheme, probe):
    judge_logged_out(probe, endpoint, scheme)


@pytest.mark.check("DRFC-1001")
def test_logged_out_session_is_refused(endpoint, probe):
    if SESSION not in endpoint.schemes:
        pytest.skip(probe.target.scheme_not_offered(endpoint, SESSION))
    judge_logged_out(probe, endpoint, SESSION)


@pytest.mark.check("DRFC-1002")
@pytest.mark.parametrize("login", LOGIN_KINDS, ids=str)
def test_next_login_yields_a_new_token(login, probe):
    target = probe.target
    if reason := not_applicable(target, login):
        pytest.skip(reason)
    try:
        login_path(target, login)
    except LoginUnavailable as exc:
        pytest.skip(str(exc))
    logout_endpoint(probe, login.scheme)
    if scheme_kind(login) in STATELESS:
        pytest.skip(STATELESS[scheme_kind(login)])
    scheme = next((s for s in target.schemes() if s.kind == scheme_kind(login)), None)
    uses = [e for e in target.protected_endpoints()
            if scheme in e.schemes and e.is_safe and not probe.consumes_credentials(e)]
    if scheme is None or not uses:
        pytest.skip(f"no protected endpoint reads {login.name} credentials with a safe method")
    skip_unless_logout_accepts(probe, scheme)
    user = target.disposable(BASIC)
    if user is None:  # the password role's user owns the token the rest of the run uses
        pytest.skip(f"this check logs a fresh user in and out: {target.no_disposable_reason(BASIC)}")
    role = f"{scheme.role_prefix}.disposable"
    first, answer = log_in(target, login, user.username, user.secret, role, scheme)
    if first is None:
        raise CheckError(f"logging a fresh user in issued no {login.name} (HTTP {answer.status})")
    logout = log_out(probe, first, refused_means_not_accepted=True)
    if logout is None:
        # Refused at logout: skip only if the token works where it is read, else it is the token.
        works = probe.send(uses[0], first.request_headers(uses[0].method))
        if not control_accepted(works):
            raise PositiveControlFailed(f"positive control failed: valid {first.role} credentials (a fresh login's) got "
                                        f"{describe(works)} on {uses[0].label} and were refused at logout too")
        pytest.skip(f"{logout_endpoint(probe, scheme).label} refuses valid {scheme.word or scheme.kind} credentials: "
                    "it does not accept that scheme, so logging out cannot revoke them (DRFC-1001 skips alike)")
    second, answer = log_in(target, login, user.username, user.secret, role, scheme)
    if second is None:
        raise CheckError(f"logging in again after logout issued no {login.name} (HTTP {answer.status})")
    endpoint = uses[0]
    new_use = probe.send(endpoint, second.request_headers(endpoint.method))
    old_use = probe.send(endpoint, first.request_headers(endpoint.method))
    control = probe.positive_control(endpoint, scheme)
    probe.judge(judges.new_token_after_logout(first.secret == second.secret, new_use, old_use, control))


@pytest.mark.check("DRFC-1001")
@pytest.mark.logs_in
def test_logout_all_revokes_every_token_of_the_user(probe):
    """knox's LogoutAllView (LOGOUT_ALL_PATH) must end every token of the user, not only the one it
    was called with (issue 14): a fresh user logs in twice, logs out everywhere with the first token,
    and the second one must be refused too."""
    target = probe.target
    path = target.auth_endpoints.paths.get("LOGOUT_ALL_PATH")
    if not path and target.mode == "in-process" and not KNOX.installed_app():
        pytest.skip(f"{NOT_APPLICABLE}django-rest-knox (knox) is not installed, so there is no LOGOUT_ALL_PATH to audit")
    if not path:
        pytest.skip(target.auth_endpoints.unknown("LOGOUT_ALL_PATH"))
    logout_all = next((e for e in target.endpoints if e.path == path and e.method == "POST"),
                      Endpoint("POST", path, schemes=target.view_schemes(path)))
    probe.require_sendable(logout_all)
    chosen = [(s, login_for_scheme(target, s.kind)) for s in logout_all.schemes]
    chosen = [(s, k) for s, k in chosen if k is not None and target.auth_endpoints.paths.get(k.endpoint_key)]
    if not chosen:
        pytest.skip(f"no login is known for the credentials {logout_all.label} accepts")
    scheme, login = chosen[0]
    uses = [e for e in target.protected_endpoints()
            if scheme in e.schemes and e.is_safe and not probe.consumes_credentials(e)]
    if not uses:
        pytest.skip(f"no protected endpoint reads {scheme.word or scheme.kind} credentials with a safe method")
    user = target.disposable(BASIC)
    if user is None:
        pytest.skip(f"this check logs a fresh user in twice: {target.no_disposable_reason(BASIC)}")
    role = f"{scheme.role_prefix}.disposable"
    first, answer = log_in(target, login, user.username, user.secret, role, scheme)
    second, again = log_in(target, login, user.username, user.secret, f"{role}-2", scheme)
    if first is None or second is None:
        raise CheckError(f"logging a fresh user in twice issued no {login.name} "
                         f"(HTTP {(again if first else answer).status})")
    endpoint = uses[0]
    ended = probe.send(logout_all, presented(probe, first, "POST"), role="logout")
    if ended.status >= 300:
        raise PositiveControlFailed(f"positive control failed: a fresh login's {scheme.word or scheme.kind} "
                                    f"credentials got HTTP {ended.status} on {logout_all.label}, so what "
                                    "logging out everywhere revokes cannot be judged")
    other = probe.send(endpoint, presented(probe, second, endpoint.method))
    same = probe.send(endpoint, presented(probe, first, endpoint.method))
    # The token logout-all was not called with is the one it exists for; the other is plain logout's.
    answer = other if other.status < 400 or same.status >= 400 else same
    judge_dead_credential(probe, endpoint, scheme, answer, lambda control, anonymous:
                          judges.logged_out_everywhere_refused(answer, control, path, anonymous))
