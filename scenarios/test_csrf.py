"""csrf: session-authenticated unsafe requests need a valid CSRF token and a same-origin request.

Safe methods are not parametrized here (``unsafe_methods_only``): CSRF protection is for writes.

Sessions come from a real login through SESSION_LOGIN_PATH, else from the ``session.active`` role;
an endpoint that consumes the session (logout) gets a fresh one per request, so a probe that
wrongly gets through cannot spoil the next.
"""

import secrets
import string

import pytest

from conformance.judges import csrf as judges
from conformance.judges.common import control_accepted, describe
from conformance.results import CheckError, PositiveControlFailed
from conformance.auth.schemes import SESSION
from conformance.auth.session_login import cached_log_in
from conformance.auth.stacks.pairs import token_cookie_pairs

FOREIGN_ORIGIN = "https://drf-conformance-attacker.invalid"
CSRF_HEADER = "X-CSRFToken"  # Django's CSRF_HEADER_NAME default, HTTP_X_CSRFTOKEN


def wrong_token() -> str:
    # The length of a CSRF secret (CSRF_SECRET_LENGTH = 32): well-formed, but not this session's.
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))


PROBES = {
    "DRFC-801": {
        "no CSRF token": lambda login, origin: [("Origin", origin)],
        "a wrong CSRF token": lambda login, origin: [(CSRF_HEADER, wrong_token()), ("Origin", origin)],
    },
    "DRFC-802": {
        "a foreign Origin": lambda login, origin: [(CSRF_HEADER, login.csrf_token), ("Origin", FOREIGN_ORIGIN)],
        "a foreign Referer and no Origin": lambda login, origin: [(CSRF_HEADER, login.csrf_token),
                                                                   ("Referer", f"{FOREIGN_ORIGIN}/")],
    },
}


def session_endpoint(probe, endpoint):
    if SESSION not in endpoint.schemes:
        pytest.skip(probe.target.scheme_not_offered(endpoint, SESSION))
    probe.require_sendable(endpoint)


def login_for(probe, endpoint):
    return cached_log_in(probe, "fresh" if probe.consumes_credentials(endpoint) else "csrf", session_role=True)


# Bodies a write is tried with: JSON first (what the API speaks); where the view's parsers answer
# 415 to it, a real form, which is what a cross-site attacker posts anyway (issue 12: the 415 was
# read as "went through", while a form gets 403 "CSRF token missing").
BOUNDARY = "drf-conformance-csrf"
BODIES = (
    ("JSON", b"{}", "application/json"),
    ("multipart form", (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"drf_conformance\"\r\n\r\n"
                        f"csrf probe\r\n--{BOUNDARY}--\r\n").encode(), f"multipart/form-data; boundary={BOUNDARY}"),
    ("urlencoded form", b"drf_conformance=csrf+probe", "application/x-www-form-urlencoded"),
)


def csrf_control(probe, endpoint):
    """The accepted session write and the body it was sent with (a body the view parses)."""
    key = (endpoint.label, "csrf-session")
    if key in probe.state.control_cache:
        answer, body = probe.state.control_cache[key]
        probe.reused_evidence.append(answer.exchange)
        return answer, body
    for body in BODIES:
        login = login_for(probe, endpoint)
        answer = probe.send(endpoint, [login.cookie_header(), (CSRF_HEADER, login.csrf_token), ("Origin", probe.origin),
                                       ("Content-Type", body[2])], body=body[1], role="positive-control")
        if answer.status != judges.UNSUPPORTED_MEDIA_TYPE:
            break
    if not control_accepted(answer) or answer.status == judges.UNSUPPORTED_MEDIA_TYPE:
        raise PositiveControlFailed(f"positive control failed: a session request with a valid CSRF token got "
                                    f"{describe(answer)} on {endpoint.label}, so refusals there prove nothing")
    probe.state.control_cache[key] = (answer, body)
    return answer, body


def run(probe, endpoint, check_id, what):
    session_endpoint(probe, endpoint)
    control, body = csrf_control(probe, endpoint)
    login = login_for(probe, endpoint)
    headers = [login.cookie_header(), *PROBES[check_id][what](login, probe.origin), ("Content-Type", body[2])]
    answer = probe.send(endpoint, headers, body=body[1])
    verdict = judges.refused_without_csrf_proof(answer, control, what)
    if verdict is None:
        raise CheckError(f"the {body[0]} body that valid CSRF proof got through with got HTTP 415 without it: "
                         "the parser, not the CSRF check, answered")
    probe.judge(verdict)


@pytest.mark.check("DRFC-801")
@pytest.mark.unsafe_methods_only
@pytest.mark.parametrize("what", list(PROBES["DRFC-801"]))
def test_session_write_without_valid_csrf_token_is_refused(endpoint, what, probe):
    run(probe, endpoint, "DRFC-801", what)


@pytest.mark.check("DRFC-802")
@pytest.mark.unsafe_methods_only
@pytest.mark.parametrize("what", list(PROBES["DRFC-802"]))
def test_session_write_from_foreign_origin_is_refused(endpoint, what, probe):
    run(probe, endpoint, "DRFC-802", what)


def token_cookie_control(probe, endpoint, login):
    """The accepted write with the token cookie and a valid CSRF cookie and header, and its body."""
    key = (endpoint.label, "csrf-token-cookie")
    if key in probe.state.control_cache:
        answer, body = probe.state.control_cache[key]
        probe.reused_evidence.append(answer.exchange)
        return answer, body
    secret = wrong_token()  # a well-formed CSRF secret of the suite's own, in cookie and header alike
    for body in BODIES:
        answer = probe.send(endpoint, [login.cookie_header(f"csrftoken={secret}"), (CSRF_HEADER, secret),
                                       ("Origin", probe.origin), ("Content-Type", body[2])],
                            body=body[1], role="positive-control")
        if answer.status != judges.UNSUPPORTED_MEDIA_TYPE:
            break
    if not control_accepted(answer) or answer.status == judges.UNSUPPORTED_MEDIA_TYPE:
        if probe.target.mode != "in-process" and answer.status in (401, 403):
            pytest.skip(f"{endpoint.label} does not authenticate the token cookie (HTTP {answer.status} with a "
                        "valid CSRF token too): nothing for another site to ride")
        raise PositiveControlFailed(f"positive control failed: a token-cookie request with a valid CSRF token got "
                                    f"{describe(answer)} on {endpoint.label}, so refusals there prove nothing")
    probe.state.control_cache[key] = (answer, body)
    return answer, body


@pytest.mark.check("DRFC-803")
@pytest.mark.logs_in  # a token login as the suite's login account (issue 13)
@pytest.mark.unsafe_methods_only
@pytest.mark.stack_pairs(select=token_cookie_pairs)
@pytest.mark.parametrize("what", list(PROBES["DRFC-801"]))
def test_token_cookie_write_without_valid_csrf_token_is_refused(endpoint, scheme, what, probe):
    from conformance.auth.token_cookies import token_cookie_login

    probe.require_sendable(endpoint)
    login = token_cookie_login(probe)
    if "access" not in login.cookies:
        pytest.skip("the login sets no access token cookie (only the refresh token's)")
    control, body = token_cookie_control(probe, endpoint, login)
    wrong = wrong_token()
    headers = ([login.cookie_header(), ("Origin", probe.origin)] if what == "no CSRF token" else
               [login.cookie_header(f"csrftoken={wrong_token()}"), (CSRF_HEADER, wrong), ("Origin", probe.origin)])
    answer = probe.send(endpoint, [*headers, ("Content-Type", body[2])], body=body[1])
    verdict = judges.refused_without_csrf_proof(answer, control, what, authenticated_by="token-cookie")
    if verdict is None:
        raise CheckError(f"the {body[0]} body that valid CSRF proof got through with got HTTP 415 without it: "
                         "the parser, not the CSRF check, answered")
    probe.judge(verdict)
