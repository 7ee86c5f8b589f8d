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
from conformance.results import PositiveControlFailed
from conformance.auth.schemes import SESSION
from conformance.auth.session_login import cached_log_in

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


def csrf_control(probe, endpoint):
    key = (endpoint.label, "csrf-session")
    if key in probe.state.control_cache:
        answer = probe.state.control_cache[key]
        probe.reused_evidence.append(answer.exchange)
        return answer
    login = login_for(probe, endpoint)
    answer = probe.send(endpoint, [login.cookie_header(), (CSRF_HEADER, login.csrf_token), ("Origin", probe.origin)],
                        role="positive-control")
    if not control_accepted(answer):
        raise PositiveControlFailed(f"positive control failed: a session request with a valid CSRF token got "
                                    f"{describe(answer)} on {endpoint.label}, so refusals there prove nothing")
    probe.state.control_cache[key] = answer
    return answer


def run(probe, endpoint, check_id, what):
    session_endpoint(probe, endpoint)
    control = csrf_control(probe, endpoint)
    login = login_for(probe, endpoint)
    headers = [login.cookie_header(), *PROBES[check_id][what](login, probe.origin)]
    answer = probe.send(endpoint, headers)
    probe.judge(judges.refused_without_csrf_proof(answer, control, what))


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
