"""transport-security: plain HTTP is redirected or refused, HSTS is long enough, cookies are flagged.

Real credentials go over plain HTTP only where the target allows it (in-process, loopback); a
canary credential stands in elsewhere, so an audit never puts a real secret on the wire in
cleartext.
"""

import secrets
from urllib.parse import urlencode

import pytest

from conformance.endpoints import Endpoint, is_public
from conformance.http import TargetUnreachable
from conformance.judges import transport_security as judges
from conformance.judges.common import control_accepted, describe
from conformance.auth.credentials import MissingRole
from conformance.evidence import env_name
from conformance.results import PositiveControlFailed, Verdict
from conformance.auth.schemes import SESSION
from conformance.auth.login import DEFAULT_FIELDS, LOGIN_KINDS, login_account, login_fields
from conformance.auth.session_login import cached_log_in, redact_form_token
from conformance.applicable import not_applicable

FORM = [("Content-Type", "application/x-www-form-urlencoded")]
QUERY = "drf-conformance=plain-http"  # the redirect must keep it


@pytest.fixture(autouse=True)
def https_required(expectations):
    if not expectations.HTTPS_REQUIRED:
        pytest.skip("HTTPS_REQUIRED is false: transport-security checks do not apply")


def plain_http_base(probe):
    if not probe.target.http_url:
        pytest.skip("no plain-HTTP address of the target is known (--target-url is HTTPS on a loopback port other "
                    "than 443): set HTTP_URL in --config to the plain-HTTP base URL, like http://host:8080")
    if probe.state.answer_cache.get(SILENT_DERIVED_HTTP_URL):
        probe.judge(judges.nothing_answers_derived_http_url(probe.target.http_url))
    return probe.target.http_url


def canary(prefix: str = "drf-conformance-canary") -> str:
    return f"{prefix}-{secrets.token_hex(12)}"


def is_public_endpoint(probe, endpoint) -> bool:
    """Declared public (PUBLIC_PATHS, methods included): judged on what anonymous clients get."""
    return is_public(endpoint.path, probe.target.public_patterns(), endpoint.method)


def https_answer(probe, endpoint):
    """What HTTPS answers: the positive control, or for a public endpoint the anonymous answer."""
    if is_public_endpoint(probe, endpoint):
        return probe.send(endpoint, cache_key=("anonymous", endpoint.label))
    return probe.positive_control(endpoint)


def plain_http_headers(probe, endpoint):
    """Real credentials where allowed, else a canary under the same scheme; and the control."""
    if is_public_endpoint(probe, endpoint):  # anonymous clients are served here: nothing to send
        return [], https_answer(probe, endpoint)
    scheme = next((s for s in endpoint.control_order() if s.uses_header), None)
    scheme = scheme or (SESSION if SESSION in endpoint.schemes else None)
    control = probe.positive_control(endpoint, scheme)
    if not probe.target.real_credentials_over_plain_http():
        if scheme is None or scheme == SESSION:
            return [("Cookie", f"sessionid={canary()}")], None
        return [("Authorization", f"{scheme.word} {canary()}")], None
    credential = probe.credential(scheme, endpoint=endpoint)
    return credential.request_headers(endpoint.method), control


def send_plain(probe, endpoint, extra_headers, cache_key):
    base = plain_http_base(probe)
    headers, control = plain_http_headers(probe, endpoint)
    path = f"{endpoint.path}?{QUERY}"
    try:
        answer = probe.send(endpoint, headers + list(extra_headers), base=base, path=path, cache_key=cache_key)
    except TargetUnreachable:
        answer = None  # nothing listens for plain HTTP: a refusal
        skip_if_derived(probe)
    return answer, probe.client.url(path, base), control


SILENT_DERIVED_HTTP_URL = ("derived-http-url", "silent")


def skip_if_derived(probe):
    """A derived plain-HTTP address that refuses connections proves nothing: skip, saying so, and
    remember it, so later checks do not wait for the same silent port again."""
    if getattr(probe.target, "http_url_derived", False):
        probe.state.answer_cache[SILENT_DERIVED_HTTP_URL] = True
        probe.judge(judges.nothing_answers_derived_http_url(probe.target.http_url))


@pytest.mark.check("DRFC-701")
@pytest.mark.public_too
def test_plain_http_is_redirected_or_refused(endpoint, probe, expectations):
    probe.require_sendable(endpoint)
    answer, sent_url, control = send_plain(probe, endpoint, (), ("plain-http", endpoint.label))
    probe.judge(judges.plain_http_answer(answer, sent_url, expectations.HTTP_POLICY,
                                         control=control, canary=control is None))


@pytest.mark.check("DRFC-703")
@pytest.mark.public_too
def test_forged_forwarded_proto_does_not_pass_as_https(endpoint, probe, expectations):
    probe.require_sendable(endpoint)
    plain, _, control = send_plain(probe, endpoint, (), ("plain-http", endpoint.label))
    if judges.served_over_plain_http(plain, control):
        pytest.skip("plain HTTP is served even without a forged header; DRFC-701 reports that")
    answer, sent_url, control = send_plain(probe, endpoint, judges.FORGED_HTTPS_HEADERS,
                                           ("plain-http-forged-proto", endpoint.label))
    verdict = judges.plain_http_answer(answer, sent_url, expectations.HTTP_POLICY,
                                       control=control, canary=control is None)
    if not verdict.passed and not verdict.not_applicable:
        in_process = probe.target.mode == "in-process"
        header = None
        if in_process:
            from django.conf import settings

            header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
        verdict.detail = (f"{verdict.detail}; "
                          f"{judges.forged_header_layer(answer, in_process=in_process, proxy_ssl_header=header)}")
    probe.judge(verdict)


@pytest.mark.check("DRFC-701")
@pytest.mark.parametrize("endpoint_key", ["SESSION_LOGIN_PATH"])
def test_plain_http_to_the_login_form_is_redirected_or_refused(endpoint_key, probe, expectations):
    path = probe.target.auth_endpoints.paths.get(endpoint_key)
    if not path:
        pytest.skip(probe.target.auth_endpoints.unknown(endpoint_key))
    login_form = Endpoint("GET", path)
    base = plain_http_base(probe)
    # The form over HTTPS is the control: a password typed into a cleartext page is a leaked password.
    control = probe.send(login_form, role="positive-control", cache_key=("login-form", path))
    redact_form_token(control, probe.client.redactor)
    if control.status != 200:
        raise PositiveControlFailed(f"positive control failed: GET {path} over HTTPS got {describe(control)}, "
                                    "not the login form")
    sent_path = f"{path}?{QUERY}"
    try:
        answer = probe.send(login_form, base=base, path=sent_path)
        redact_form_token(answer, probe.client.redactor)
    except TargetUnreachable:
        answer = None
        skip_if_derived(probe)
    probe.judge(judges.plain_http_answer(answer, probe.client.url(sent_path, base), expectations.HTTP_POLICY,
                                         control=control, canary=False))


def credential_of_role(probe, role):
    try:
        return probe.target.credentials.get(role)
    except MissingRole as exc:
        pytest.skip(f"{exc}: supply it in the credentials file or ${env_name(role)}")


def token_request(probe, endpoint_key, real: bool):
    """The form a client posts to ``endpoint_key``: the password role's, or canaries."""
    kind = next((k for k in LOGIN_KINDS if k.endpoint_key == endpoint_key), None)
    fields = login_fields(probe.target, kind) if kind else DEFAULT_FIELDS
    if real:
        try:  # in-process a user of its own: a rotating login must not revoke token.active (issue 13)
            account = login_account(probe.target, probe.state.answer_cache)
        except MissingRole:
            account = credential_of_role(probe, "password")  # skips, naming the role
        form = {fields.username: account.username, fields.password: account.secret}
    else:
        form = {fields.username: canary("canary-user"), fields.password: canary()}
    if endpoint_key == "OAUTH2_TOKEN_PATH":
        form["grant_type"] = "password"
        if real:
            client = credential_of_role(probe, "oauth2_client")
            form.update(client_id=client.username, client_secret=client.secret)
        else:
            form.update(client_id=canary("canary-client"), client_secret=canary())
    return urlencode(form).encode()


def issued_token(answer) -> bool:
    if answer is None or answer.status >= 300:
        return False
    try:
        data = answer.json()
    except ValueError:
        return False
    return isinstance(data, dict) and bool(data.get("token") or data.get("access_token")
                                           or data.get("key"))  # dj-rest-auth's token login


@pytest.mark.check("DRFC-702")
@pytest.mark.logs_in
@pytest.mark.parametrize("endpoint_key", ["TOKEN_LOGIN_PATH", "OAUTH2_TOKEN_PATH"])
def test_token_endpoint_issues_no_token_over_plain_http(endpoint_key, probe, expectations):
    path = probe.target.auth_endpoints.paths.get(endpoint_key)
    kind = next(k for k in LOGIN_KINDS if k.endpoint_key == endpoint_key)
    if reason := not_applicable(probe.target, kind):
        pytest.skip(reason)
    if not path:
        pytest.skip(probe.target.auth_endpoints.unknown(endpoint_key))
    token_endpoint = Endpoint("POST", path)
    base = plain_http_base(probe)
    control = probe.send(token_endpoint, FORM, body=token_request(probe, endpoint_key, real=True),
                         role="positive-control")
    if not issued_token(control):
        raise PositiveControlFailed(f"positive control failed: valid credentials got {describe(control)} "
                                    f"from POST {path} over HTTPS, no token")
    real = probe.target.real_credentials_over_plain_http()
    sent_path = path  # no query: OAuth2 token endpoints refuse any (RFC 6749 section 3.2)
    try:
        answer = probe.send(token_endpoint, FORM, body=token_request(probe, endpoint_key, real=real),
                            base=base, path=sent_path)
    except TargetUnreachable:
        answer = None
        skip_if_derived(probe)
    if issued_token(answer):
        probe.judge(Verdict.fail("no token over plain HTTP", describe(answer),
                                        "a token was issued over plain HTTP: the password and the token "
                                        "crossed the network in cleartext"))
    probe.judge(judges.plain_http_answer(answer, probe.client.url(sent_path, base), expectations.HTTP_POLICY,
                                         control=control if real else None, canary=not real))


@pytest.mark.check("DRFC-704")
@pytest.mark.public_too
def test_hsts_is_long_enough(endpoint, probe, expectations):
    probe.require_sendable(endpoint)
    control = https_answer(probe, endpoint)
    probe.judge(judges.hsts(control, expectations.HSTS_MIN_SECONDS))


@pytest.mark.check("DRFC-705")
@pytest.mark.logs_in  # a session login as the password role (issue 13)
@pytest.mark.parametrize("attribute", ["Secure", "HttpOnly", "SameSite"])
def test_session_cookie_attributes(attribute, probe):
    login = cached_log_in(probe)
    probe.judge(judges.cookie_attribute(login.set_cookie(login.session_cookie), attribute, "session"))


@pytest.mark.check("DRFC-706")
@pytest.mark.logs_in  # a session login as the password role (issue 13)
@pytest.mark.parametrize("attribute", ["Secure", "SameSite"])
def test_csrf_cookie_attributes(attribute, probe):
    login = cached_log_in(probe)
    if not control_accepted(login.login_answer):
        raise PositiveControlFailed(f"the session login got {describe(login.login_answer)}")
    probe.judge(judges.cookie_attribute(login.set_cookie(login.csrf_cookie), attribute, "CSRF"))


@pytest.mark.check("DRFC-707")
@pytest.mark.logs_in  # a token login as the suite's login account (issue 13)
@pytest.mark.parametrize("attribute", ["Secure", "HttpOnly", "SameSite"])
def test_token_cookie_attributes(attribute, probe):
    from conformance.auth.token_cookies import token_cookie_login

    login = token_cookie_login(probe)
    verdicts = [judges.cookie_attribute(cookie, attribute, f"{kind} token")
                for kind, cookie in sorted(login.cookies.items())]
    probe.judge(next((v for v in verdicts if not v.passed), verdicts[0]))
