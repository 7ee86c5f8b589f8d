"""error-hygiene: no debug page or stack trace in any answer, and a list of every 5xx of the run.

The run-level checks are marked ``run_level``: the plugin runs them after every other check, and
they judge every answer the run's client received (digested after each check); under
pytest-xdist the controller judges them again over every worker's answers (conformance/run/run_level.py).
"""

import re
import secrets

import pytest

from conformance.endpoints import Endpoint
from conformance.judges import error_hygiene as judges
from conformance.auth.credentials import MissingRole
from conformance.results import PositiveControlFailed
from conformance.scheme_acceptance import acceptance

DELIBERATE_ERROR_ROLE = judges.DELIBERATE_ERROR_ROLE
MALFORMED_JSON = b'{"question_text": "drf-conformance", '  # cut short: not JSON
# Far beyond a 64-bit integer column: the database, not the view, must not be what answers.
OVERSIZED_ID = str(10 ** 30)


@pytest.mark.check("DRFC-1101")
def test_unknown_url_gets_no_debug_page(probe):
    path = f"/drf-conformance-no-such-path-{secrets.token_hex(4)}/"
    answer = probe.send(Endpoint("GET", path), role="probe")
    probe.judge(judges.no_debug_output(answer, f"GET {path} (no such route)"))


@pytest.mark.check("DRFC-1102")
def test_deliberate_error_gets_no_stack_trace(probe):
    path = probe.target.server_error_path()
    if path is None:
        pytest.skip("a black box cannot be made to raise for certain; the endpoint probes of this "
                    "check (malformed JSON, oversized ids) still run")
    answer = probe.send(Endpoint("GET", path), role=DELIBERATE_ERROR_ROLE)
    if answer.status < 500:
        raise PositiveControlFailed(f"the route that raises on purpose answered HTTP {answer.status}, not 5xx: "
                                    "the crash could not be provoked")
    probe.judge(judges.no_debug_output(answer, "an unhandled exception"))


def with_body(endpoint, headers):
    if endpoint.is_safe:
        pytest.skip(f"{endpoint.method} carries no body; the oversized-id probe covers it")
    return headers + [("Content-Type", "application/json")], MALFORMED_JSON, endpoint.path


def with_oversized_id(endpoint, headers):
    if not re.search(r"/1(/|$)", endpoint.path):
        pytest.skip(f"{endpoint.path} has no numeric id to enlarge")
    return headers, None, re.sub(r"/1(/|$)", rf"/{OVERSIZED_ID}\1", endpoint.path, count=1)


PROVOCATIONS = {"a malformed JSON body": with_body, f"an id of {len(OVERSIZED_ID)} digits": with_oversized_id}


@pytest.mark.check("DRFC-1102")
@pytest.mark.parametrize("provocation", list(PROVOCATIONS))
def test_hostile_input_gets_no_stack_trace(endpoint, provocation, probe):
    headers, body, path = PROVOCATIONS[provocation](endpoint, [])
    probe.require_sendable(endpoint)
    probe.positive_control(endpoint)
    # Valid credentials, so the request reaches the view and its parsing.
    credential = probe.credential(next(iter(endpoint.control_order())), endpoint=endpoint)
    headers = credential.request_headers(endpoint.method) + headers
    if credential.scheme.kind == "session" and not endpoint.is_safe:
        headers.append(("Origin", probe.origin))
    answer = probe.send(endpoint, headers, body=body, path=path)
    probe.judge(judges.no_debug_output(answer, provocation))


def answers_of_run(probe):
    """The run's notable answers (5xx, debug output) and how many answers it received by role:
    the plugin digests each check's answers after it (conformance/run/run_level.py) and keeps
    only those a run-level judge can name; the answers since the last digest are added here."""
    digested = probe.state.run_answers
    answers = list(digested.notable) if digested is not None else []
    counts = dict(digested.counts) if digested is not None else {}
    for answer in probe.client.answers_seen:
        answers.append(answer)
        counts[answer.exchange.role] = counts.get(answer.exchange.role, 0) + 1
    if not sum(counts.values()):
        raise PositiveControlFailed("the run received no answer at all, so there is nothing to judge")
    return answers, counts


# Under pytest-xdist these see one worker's answers; the controller judges them again over the
# whole run with the same functions (conformance/run/run_level.py).
@pytest.mark.run_level
@pytest.mark.check("DRFC-1103")
def test_no_answer_of_the_run_shows_debug_output(probe):
    verdict, evidence = judges.run_debug_verdict(*answers_of_run(probe))
    probe.reused_evidence += [a.exchange for a in evidence]
    probe.judge(verdict)


@pytest.mark.run_level
@pytest.mark.check("DRFC-1104")
def test_no_request_of_the_run_got_a_server_error(probe):
    verdict, evidence = judges.run_server_error_verdict(*answers_of_run(probe))
    probe.reused_evidence += [a.exchange for a in evidence]
    probe.judge(verdict)


def pytest_generate_tests(metafunc):
    """DRFC-1105 runs once per scheme the endpoints accept (in-process: what discovery found)."""
    if "credential_scheme" not in metafunc.fixturenames:
        return
    from conformance.fixtures import RunStopped, build_target

    try:
        schemes = build_target(metafunc.config).schemes()
    except RunStopped:  # the plugin stops the run on its one line
        schemes = []
    metafunc.parametrize("credential_scheme", [s.word or s.kind for s in schemes])


@pytest.mark.run_level
@pytest.mark.check("DRFC-1105")
def test_valid_credentials_are_accepted_somewhere(credential_scheme, probe):
    """Last (run_level): the failed controls of the run have asked already, so this only reads."""
    credential_scheme = next(s for s in probe.target.schemes() if (s.word or s.kind) == credential_scheme)
    try:
        credential = probe.target.credentials.for_scheme(credential_scheme, "active")
    except MissingRole as exc:
        pytest.skip(f"{exc}: there is no valid {credential_scheme.word or credential_scheme.kind} credential "
                    "to try")
    found = acceptance(probe, credential)
    probe.reused_evidence += [answer.exchange for _where, answer in found.tried[:judges.MAX_LISTED]]
    probe.judge(judges.accepted_somewhere(found))
