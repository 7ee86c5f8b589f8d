"""token-endpoint: the login (TOKEN_LOGIN_PATH) and OAuth2 token (OAUTH2_TOKEN_PATH) endpoints.

DRFC-906 tries well-known default credentials: in-process always, remotely only when asked
(``--try-default-credentials`` or ``TRY_DEFAULT_CREDENTIALS``), stopping at the first lockout sign.

Every check runs once per kind of login the deployment has; one whose endpoint is neither
declared nor detected is skipped with that reason. Logins use the roles ``password`` and
``inactive_password`` (and ``oauth2_client`` for OAuth2), so all but DRFC-901 run remotely too.
"""

import secrets

import pytest

from conformance.auth.expiry import expiry_run
from conformance.judges import token_endpoint as judges
from conformance.auth.login import (
    LOGIN_KINDS,
    OAUTH2_LOGIN,
    LoginUnavailable,
    issued_secret,
    login_account,
    login_fields,
    log_in,
    login_form,
    login_path,
    register_issued,
    scheme_kind,
    send_login,
    takes_basic,
    unknown_login_name,
)
from conformance.auth import default_credentials
from conformance.auth.login_inputs import BAD_INPUTS
from conformance.results import CheckError, PositiveControlFailed, Verdict
from conformance.auth.credentials import MissingRole
from conformance.evidence import env_name
from conformance.applicable import build_target_or_none, not_applicable
from conformance.auth.schemes import BASIC

logins = pytest.mark.parametrize("login", LOGIN_KINDS, ids=str)
# Every check here logs in: after the checks that use the shared tokens (a rotating login, issue 13).
pytestmark = pytest.mark.logs_in


def account(probe):
    """The user these checks log in as: one of their own in-process (conformance.auth.login)."""
    try:
        return login_account(probe.target, probe.state.answer_cache)
    except MissingRole as exc:
        pytest.skip(f"{exc}: supply it in the credentials file or ${env_name(exc.role)}")


def pytest_generate_tests(metafunc):
    """DRFC-904 is login x bad input: a login whose library is not installed, or whose endpoint is
    unknown, gets one case, not one per bad input, which then skips once with the reason."""
    if metafunc.function.__name__ != "test_malformed_login_input_gets_a_4xx":
        return
    target = build_target_or_none(metafunc.config)

    def inputs(login):
        known = target is None or target.auth_endpoints.paths.get(login.endpoint_key)
        basic = target is not None and takes_basic(target, login)  # no body to malform: one skip
        return BAD_INPUTS if known and not basic and not not_applicable(target, login) else BAD_INPUTS[:1]

    cases = [(login, bad) for login in LOGIN_KINDS for bad in inputs(login)]
    metafunc.parametrize(("login", "bad_input"), cases, ids=[f"{login}-{bad}" for login, bad in cases])


def require_login(probe, login) -> str:
    if reason := not_applicable(probe.target, login):
        pytest.skip(reason)
    try:
        return login_path(probe.target, login)
    except LoginUnavailable as exc:
        pytest.skip(str(exc))


def deployment_scheme(probe, login):
    """The scheme the deployment accepts this kind's credentials under (its own keyword)."""
    for scheme in probe.target.schemes():
        if scheme.kind == scheme_kind(login):
            return scheme
    pytest.skip(f"no endpoint accepts {login.name} credentials, so a {login.endpoint_key} token has no use here")


def active_login(probe, login):
    """The active user's login answer: the positive control of every check here (one per run)."""
    path = require_login(probe, login)
    key = ("login-active", login.name)
    answer = probe.cached(key)
    if answer is None:
        active = account(probe)
        try:
            answer = send_login(probe.target, login, active.username, active.secret, step="positive-control")
        except LoginUnavailable as exc:
            pytest.skip(str(exc))
        probe.state.answer_cache[key] = answer
    secret = issued_secret(login, answer)
    if secret is None:
        raise PositiveControlFailed(f"positive control failed: the active user's right password got HTTP "
                                    f"{answer.status} and no token at {path}, so nothing here can be judged")
    probe.client.redactor.add(secret, f"{login.name} issued at login")
    return answer


@pytest.mark.check("DRFC-901")
@logins
def test_login_after_expiry_yields_a_working_token(login, probe):
    require_login(probe, login)
    scheme = deployment_scheme(probe, login)
    if probe.target.clock() is None:
        return login_after_expiry_remotely(probe, login, scheme)
    run = expiry_run(probe, scheme)
    if run.skip:
        pytest.skip(run.skip)
    if run.error:
        raise CheckError(run.error)
    if run.relogin is None:
        pytest.skip(f"no protected endpoint reads {scheme.word} credentials with a safe method to try the new token on")
    for answer in (run.login, run.relogin, run.relogin_use):
        if answer is not None:
            probe.reused_evidence.append(answer.exchange)
    when = run.when(max(run.offsets, key=run.offsets.get))
    if run.relogin_use is None:
        probe.judge(Verdict.fail("a login after expiry issues a token the API accepts",
                                        f"HTTP {run.relogin.status} without a token",
                                        f"the login {when} issued nothing"))
    control = probe.positive_control(run.relogin_endpoint, scheme)
    probe.judge(judges.fresh_token_after_expiry(run.relogin_use, control, run.relogin_same_key, when))


def login_after_expiry_remotely(probe, login, scheme):
    """Remote mode: the server's clock stays put, but conformance_provision back-dated the token of
    the user of role ``expired_password``: logging that user in must issue a new key the API
    accepts, not hand the dead one back (DRF's obtain_auth_token does).

    That user is this check's own (not the owner of ``token.expired``): whatever its login does to
    its token, no other check sees it, in any order pytest-xdist runs them (issue 12). Its dead key
    is written nowhere, so a refused token is known to be that key when a second login hands the
    same one back."""
    target = probe.target
    try:
        account = target.credentials.get("expired_password")
    except MissingRole as exc:
        pytest.skip(f"{exc}: the owner of the back-dated token logs in here (conformance_provision writes it); "
                    "in-process the clock is moved instead")
    uses = [e for e in target.protected_endpoints() if scheme in e.schemes and e.is_safe
            and not probe.consumes_credentials(e) and not target.can_send(e)]
    if not uses:
        pytest.skip(f"no protected endpoint reads {scheme.word} credentials with a safe method to try the new token on")
    try:
        credential, answer = log_in(target, login, account.username, account.secret,
                                    f"{scheme.role_prefix}.relogin", scheme)
    except LoginUnavailable as exc:
        pytest.skip(str(exc))
    probe.reused_evidence.append(answer.exchange)
    when = "for the owner of a back-dated token (role expired_password)"
    if credential is None:
        probe.judge(Verdict.fail("a login after expiry issues a token the API accepts",
                                 f"HTTP {answer.status} without a token", f"the login {when} issued nothing"))
    use = probe.send(uses[0], credential.request_headers(uses[0].method))
    control = probe.positive_control(uses[0], scheme)
    verdict = judges.fresh_token_after_expiry(use, control, False, when)
    if not verdict.passed:
        again, answer = log_in(target, login, account.username, account.secret, f"{scheme.role_prefix}.relogin", scheme)
        probe.reused_evidence.append(answer.exchange)
        if again is not None and again.secret == credential.secret:  # the stored, dead key both times
            verdict = judges.fresh_token_after_expiry(use, control, True, when)
    probe.judge(verdict)


@pytest.mark.check("DRFC-902")
@logins
def test_token_response_is_not_cacheable(login, probe):
    answer = active_login(probe, login)
    probe.judge(judges.not_cacheable(answer, oauth2=login is OAUTH2_LOGIN))


@pytest.mark.check("DRFC-903")
@logins
def test_failed_logins_are_indistinguishable(login, probe):
    active_login(probe, login)
    target = probe.target
    active = account(probe)
    answers = {
        "unknown user": send_login(target, login, unknown_login_name(active.username), secrets.token_urlsafe(12)),
        "wrong password": send_login(target, login, active.username, secrets.token_urlsafe(12)),
    }
    if target.credentials.has("inactive_password"):
        inactive = probe.credential(BASIC, "inactive")
        answers["inactive user"] = send_login(target, login, inactive.username, inactive.secret)
    for answer in answers.values():
        if (secret := issued_secret(login, answer)) is not None:
            target.client.redactor.add(secret, "token issued to a failed login")
    verdict = judges.identical_failures(answers)
    if "inactive user" not in answers and verdict.passed:
        verdict.detail = "role inactive_password was not supplied, so the inactive user was not compared"
    probe.judge(verdict)


@pytest.mark.check("DRFC-904")
def test_malformed_login_input_gets_a_4xx(login, bad_input, probe):
    active_login(probe, login)
    if takes_basic(probe.target, login):  # knox: BasicAuthentication refuses before any body is parsed
        pytest.skip(f"{login.endpoint_key} takes the password as Basic credentials, not in a body: the "
                    "malformed-credentials family judges malformed Authorization headers")
    active = account(probe)
    form = login_form(probe.target, login, active.username, f"wrong-{secrets.token_hex(6)}")
    body, content_type = bad_input.build(form, login_fields(probe.target, login))
    answer = probe.client.request("POST", login_path(probe.target, login), data=body,
                                  headers=[("Content-Type", content_type)])
    probe.judge(judges.bad_input_refused(answer))


@pytest.mark.check("DRFC-905")
@logins
def test_stale_authorization_header_does_not_block_login(login, probe):
    active_login(probe, login)
    if takes_basic(probe.target, login):
        pytest.skip(f"{login.endpoint_key} takes the password in the Authorization header itself: "
                    "no stale credential can go beside it")
    scheme = deployment_scheme(probe, login)
    active = account(probe)
    # A key of the usual shape that the server does not know, as after logout or rotation.
    stale = [("Authorization", f"{scheme.word} {secrets.token_hex(20)}")]
    answer = send_login(probe.target, login, active.username, active.secret, headers=stale)
    secret = issued_secret(login, answer)
    if secret is not None:
        probe.client.redactor.add(secret, f"{login.name} issued at login")
    probe.judge(judges.login_despite_stale_header(answer, secret is not None))


@pytest.mark.check("DRFC-906")
@logins
def test_no_default_credentials_log_in(login, probe, request):
    target = probe.target
    if target.mode != "in-process" and not (request.config.getoption("try_default_credentials", False)
                                            or target.expectations.TRY_DEFAULT_CREDENTIALS):
        pytest.skip("each well-known pair is a real failed login on the deployment: pass "
                    "--try-default-credentials (or TRY_DEFAULT_CREDENTIALS = true in --config) to try them")
    active_login(probe, login)  # the positive control: the right password is issued a credential
    pairs = default_credentials.WELL_KNOWN_PAIRS
    budget = default_credentials.in_process_budget() if target.mode == "in-process" else None
    stopped = None
    if budget is not None and budget < len(pairs):
        stopped = f"django-axes locks out after AXES_FAILURE_LIMIT failures, so only {budget} were tried"
        pairs = pairs[:budget]
    accepted, tried = [], 0
    for index, (username, password) in enumerate(pairs):
        answer = send_login(target, login, username, password, password_is_secret=False, honour_rate_limits=False)
        for exchange in target.client.exchanges:  # this check's exchanges so far (a login may be resent)
            default_credentials.scrub_password(exchange, login_fields(target, login).password, password)
        tried += 1
        secret = issued_secret(login, answer)
        if secret is not None:
            register_issued(target, answer, secret, f"{login.name} issued to a default account")
            accepted.append(default_credentials.label(index))
            break  # one is the finding; more attempts only add failed logins
        sign = default_credentials.lockout_sign(answer)
        if sign:
            stopped = sign
            break
    probe.judge(judges.no_default_credentials(accepted, tried, len(default_credentials.WELL_KNOWN_PAIRS),
                                              stopped))
