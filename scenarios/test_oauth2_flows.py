"""oauth2-flows: django-oauth-toolkit's scopes, PKCE, redirect matching, grants and refresh reuse.

In-process the tokens are made through DOT's models with exactly the scopes (or no user) a check
needs; the rules DOT applies from ``OAUTH2_PROVIDER`` are read where DOT reads them. Remotely
only the password grant can be observed (a password login at OAUTH2_TOKEN_PATH).
"""

from __future__ import annotations

import pytest

from conformance.auth.credentials import MissingRole
from conformance.auth.login import OAUTH2_LOGIN, LoginUnavailable, issued_secret, register_issued, send_login
from conformance.auth.schemes import BASIC
from conformance.auth.stacks import DOT
from conformance.auth.stacks.pairs import bearer_pairs
from conformance.endpoints import Endpoint
from conformance.judges import oauth2_flows as judges
from conformance.judges.common import control_accepted, describe
from conformance.results import PositiveControlFailed

IN_PROCESS_ONLY = "reads OAUTH2_PROVIDER and DOT's models, which only the in-process audit (--ds) can"


def scoped_write_pairs(target, pairs):
    chosen, reason = bearer_pairs(target, pairs)
    if not chosen:
        return [], reason
    from conformance.auth.stacks import oauth2

    chosen = [(e, s) for e, s in chosen if not e.is_safe and oauth2.scope_guarded(e)]
    return chosen, "" if chosen else ("no unsafe-method view is guarded by django-oauth-toolkit's scope permissions "
                                      "(TokenHasReadWriteScope, TokenHasScope): scopes authorize nothing here")


def require_dot(probe):
    if probe.target.mode != "in-process":
        pytest.skip(IN_PROCESS_ONLY)
    from conformance.auth.stacks import oauth2

    if not DOT.installed() or not oauth2.installed_app():
        pytest.skip(DOT.unused_reason() if not DOT.installed() else
                    "django-oauth-toolkit is not in INSTALLED_APPS: oauth2-flows checks do not apply")
    return oauth2


def _app(probe, oauth2, grant_name: str):
    """One application per grant for the run (DOT's models), with its plain client secret."""
    key = ("oauth2-flows", "app", grant_name)
    if key not in probe.state.answer_cache:
        from oauth2_provider.models import get_application_model

        grant = getattr(get_application_model(), grant_name)
        probe.state.answer_cache[key] = oauth2.application(probe.target.client.redactor, grant, grant_name.lower())
    return probe.state.answer_cache[key]


def _user(probe, oauth2):
    key = ("oauth2-flows", "user")
    if key not in probe.state.answer_cache:
        probe.state.answer_cache[key] = oauth2.user_named(probe.target.disposable(BASIC).username)
    return probe.state.answer_cache[key]


@pytest.mark.check("DRFC-1401")
@pytest.mark.stack_pairs(select=scoped_write_pairs)
def test_read_scope_token_cannot_write(endpoint, scheme, probe):
    from conformance.auth.stacks import oauth2

    probe.require_sendable(endpoint)
    app, _secret = _app(probe, oauth2, "GRANT_AUTHORIZATION_CODE")
    user = _user(probe, oauth2)
    redactor = probe.target.client.redactor
    full, _ = oauth2.access_token(redactor, app, user, oauth2.all_scopes(endpoint))
    read, _ = oauth2.access_token(redactor, app, user, oauth2.read_scope())
    control = probe.send(endpoint, [("Authorization", f"{scheme.word} {full}")], role="positive-control")
    if not control_accepted(control):
        raise PositiveControlFailed(f"positive control failed: a token with every scope got {describe(control)} on "
                                    f"{endpoint.label}, so refusals there prove nothing")
    answer = probe.send(endpoint, [("Authorization", f"{scheme.word} {read}")])
    probe.judge(judges.read_scope_refused(answer, control))


@pytest.mark.check("DRFC-1402")
def test_pkce_is_required(probe):
    oauth2 = require_dot(probe)
    required, how = oauth2.pkce_required()
    probe.judge(judges.setting_holds(required, "PKCE required for authorization-code clients", how,
                                     "an intercepted authorization code of a public client can be redeemed"))


@pytest.mark.check("DRFC-1403")
def test_redirect_uri_is_matched_exactly(probe):
    oauth2 = require_dot(probe)
    registered_allowed, foreign, model = oauth2.redirect_mismatches_allowed()
    verdict = judges.redirect_exact(registered_allowed, foreign, model)
    if verdict is None:
        raise PositiveControlFailed(f"positive control failed: {model} refuses its own registered redirect_uri, "
                                    "so refusals of near misses prove nothing")
    probe.judge(verdict)


def _accepted(probe, grant: str) -> bool:
    return grant in (probe.target.expectations.values.get("OAUTH2_ACCEPTED_GRANTS") or [])


@pytest.mark.check("DRFC-1404")
def test_implicit_grant_is_refused(probe):
    oauth2 = require_dot(probe)
    authorize = oauth2.routed("oauth2_provider.views.base.AuthorizationView")
    if not authorize:
        how = "no authorization endpoint is routed (oauth2_provider.views.AuthorizationView): no implicit grant"
        enabled = False
    else:
        enabled = not oauth2.settings().COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT
        how = (f"{authorize} is routed and OAUTH2_PROVIDER['COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT'] is "
               f"{not enabled}")
    probe.judge(judges.grant_off("implicit", enabled, _accepted(probe, "implicit"), how))


@pytest.mark.check("DRFC-1405")
def test_password_grant_is_refused(probe):
    target = probe.target
    if target.mode == "in-process":
        oauth2 = require_dot(probe)
        token_path = oauth2.routed("oauth2_provider.views.base.TokenView")
        if not token_path:
            enabled, how = False, "no token endpoint is routed (oauth2_provider.views.TokenView)"
        else:
            enabled = not oauth2.settings().COMPLIANT_BCP_RFC9700_PASSWORD_GRANT
            how = (f"{token_path} is routed and OAUTH2_PROVIDER['COMPLIANT_BCP_RFC9700_PASSWORD_GRANT'] is "
                   f"{not enabled}")
        probe.judge(judges.grant_off("password", enabled, _accepted(probe, "password"), how))
        return
    # Remotely: a password login at the token endpoint either issues a token or does not.
    try:
        path = target.auth_endpoints.paths.get("OAUTH2_TOKEN_PATH")
        if not path:
            pytest.skip(target.auth_endpoints.unknown("OAUTH2_TOKEN_PATH"))
        probe.require_sendable(Endpoint("POST", path))
        user = target.credentials.get("password")
        answer = send_login(target, OAUTH2_LOGIN, user.username, user.secret)
    except (MissingRole, LoginUnavailable) as exc:
        pytest.skip(f"{exc}: trying the password grant needs the password and oauth2_client roles")
    secret = issued_secret(OAUTH2_LOGIN, answer)
    if secret:
        register_issued(target, answer, secret, "access token of the password grant")
    probe.judge(judges.grant_off("password", bool(secret), _accepted(probe, "password"),
                                 f"a password login at {path} got {describe(answer)}"))


@pytest.mark.check("DRFC-1406")
def test_reused_refresh_token_revokes_its_family(probe):
    oauth2 = require_dot(probe)
    path = probe.target.auth_endpoints.paths.get("OAUTH2_TOKEN_PATH")
    if not path:
        pytest.skip(probe.target.auth_endpoints.unknown("OAUTH2_TOKEN_PATH"))
    app, client_secret = _app(probe, oauth2, "GRANT_AUTHORIZATION_CODE")
    _access, refresh = oauth2.access_token(probe.target.client.redactor, app, _user(probe, oauth2),
                                           oauth2.all_scopes(), with_refresh=True)
    client = probe.target.client

    def exchange(token: str, step: str):
        answer = client.request("POST", path, role=step, data={
            "grant_type": "refresh_token", "refresh_token": token,
            "client_id": app.client_id, "client_secret": client_secret})
        for field in ("access_token", "refresh_token"):
            value = answer.issued().get(field)
            if isinstance(value, str) and value:
                register_issued(probe.target, answer, value, f"{field} of {step}")
        return answer

    first = exchange(refresh, "positive-control")
    if not first.issued().get("access_token"):
        raise PositiveControlFailed(f"positive control failed: a fresh refresh token got {describe(first)} at "
                                    f"{path}, so refusals there prove nothing")
    replay = exchange(refresh, "probe")
    new = first.issued().get("refresh_token")
    descendant = exchange(new, "probe") if new and new != refresh else None
    probe.judge(judges.refresh_reuse_protected(first, replay, descendant, refresh))


@pytest.mark.check("DRFC-1407")
@pytest.mark.stack_pairs(select=bearer_pairs)
def test_client_credentials_token_is_refused_cleanly(endpoint, scheme, probe):
    from conformance.auth.stacks import oauth2

    probe.require_sendable(endpoint)
    key = ("oauth2-flows", "client-token")
    if key not in probe.state.answer_cache:
        app, _secret = _app(probe, oauth2, "GRANT_CLIENT_CREDENTIALS")
        probe.state.answer_cache[key] = oauth2.access_token(probe.target.client.redactor, app, None,
                                                            oauth2.all_scopes())[0]
    control = probe.positive_control(endpoint, scheme)
    answer = probe.send(endpoint, [("Authorization", f"{scheme.word} {probe.state.answer_cache[key]}")])
    probe.judge(judges.client_token_refused_cleanly(answer, control, oauth2.machine_endpoint(endpoint)))
