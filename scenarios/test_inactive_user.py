"""inactive-user: a deactivated user's credentials stop working, and no new ones are issued.

The inactive user's credentials were issued while it was active and the user was deactivated
afterwards (in-process provisioning does exactly that; remotely, roles ``<scheme>.inactive``).
Header schemes are parametrized by the plugin; the session, which travels in a cookie, has a
test of its own.
"""

import pytest

from conformance.judges import inactive_user as judges
from conformance.open_endpoints import judge_dead_credential
from conformance.auth.credentials import MissingRole
from conformance.auth.login import LOGIN_KINDS, LoginUnavailable, issued_secret, login_account, login_path, send_login
from conformance.auth.presenting import presented
from conformance.results import PositiveControlFailed
from conformance.auth.schemes import BASIC, SESSION
from conformance.applicable import not_applicable


def deactivated_credential(probe, endpoint, scheme):
    """The shared inactive credential; a fresh one where the endpoint could consume it (logout)."""
    if probe.consumes_credentials(endpoint):
        credential = probe.target.deactivated(scheme)
        if credential is not None:
            return credential
    return probe.credential(scheme, "inactive", endpoint=endpoint)


def judge_deactivated(probe, endpoint, scheme):
    probe.require_sendable(endpoint)
    credential = deactivated_credential(probe, endpoint, scheme)
    answer = probe.send(endpoint, presented(probe, credential, endpoint.method))
    judge_dead_credential(probe, endpoint, scheme, answer,
                          lambda control, anonymous: judges.deactivated_user_refused(answer, control, anonymous))


@pytest.mark.check("DRFC-401")
@pytest.mark.custom_header_too
def test_deactivated_users_credential_is_refused(endpoint, scheme, probe):
    judge_deactivated(probe, endpoint, scheme)


@pytest.mark.check("DRFC-401")
def test_deactivated_users_session_is_refused(endpoint, probe):
    if SESSION not in endpoint.schemes:
        pytest.skip(probe.target.scheme_not_offered(endpoint, SESSION))
    judge_deactivated(probe, endpoint, SESSION)


@pytest.mark.check("DRFC-402")
@pytest.mark.logs_in
@pytest.mark.parametrize("login", LOGIN_KINDS, ids=str)
def test_inactive_user_cannot_obtain_a_token(login, probe):
    target = probe.target
    if reason := not_applicable(target, login):
        pytest.skip(reason)
    try:
        login_path(target, login)
        try:  # in-process a user of its own: a rotating login must not revoke token.active (issue 13)
            active = login_account(target, probe.state.answer_cache)
        except MissingRole:
            active = probe.credential(BASIC, "active")  # skips, naming the role
        inactive = probe.credential(BASIC, "inactive")
        control = send_login(target, login, active.username, active.secret, step="positive-control")
        if issued_secret(login, control) is None:
            raise PositiveControlFailed(
                f"positive control failed: the active user's right password got HTTP {control.status} "
                f"and no token at {login_path(target, login)}, so a refusal there proves nothing")
        answer = send_login(target, login, inactive.username, inactive.secret)
    except LoginUnavailable as exc:
        pytest.skip(str(exc))
    secret = issued_secret(login, answer)
    if secret:
        target.client.redactor.add(secret, "token issued to an inactive user")
    probe.judge(judges.inactive_user_gets_nothing(answer, secret is not None))
