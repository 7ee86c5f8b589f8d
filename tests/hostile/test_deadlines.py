"""Always ends (contract section 6, issue 11): every exchange and every wait is bounded.

Hostile loopback servers send headers and then dribble or stall the body, or answer 429 with
``Retry-After: 10`` forever. The deadlines are set short (``--exchange-deadline 1``) so each test
is quick; the assertions are on outcomes (the request ended, as what, saying what), never on
seconds. A request that could hang runs in a thread joined with a generous bound, so a regression
fails the test instead of hanging the suite.
"""

from __future__ import annotations

import threading

import pytest

from conformance.http import ConformanceClient, RateLimited, TargetUnreachable
from tests.hostile import servers

TOKEN = "deadline-canary-token-51c0"
ENV = {"CONFORMANCE_TOKEN_ACTIVE": TOKEN}
HANG_BOUND_S = 120  # far beyond any deadline here: only a request that never ends reaches it


def outcome_of(call) -> BaseException | object:
    """``call()``'s result or exception, from a thread; fails the test if it never returns."""
    box: list = []

    def run():
        try:
            box.append(call())
        except BaseException as exc:  # noqa: BLE001 (the test inspects it)
            box.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_BOUND_S)
    assert not thread.is_alive(), "the request never ended"
    return box[0]


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    return servers.tls_files(tmp_path_factory.mktemp("tls"))


SENDS = {
    "plain": lambda client: client.request("GET", "/api/items/"),
    "repeated headers": lambda client: client.request("GET", "/api/items/", headers=[("X-A", "1"), ("X-A", "2")]),
    "large body": lambda client: client.request("POST", "/api/items/", data=b"x" * 200_000),
}


@pytest.mark.parametrize("send", list(SENDS))
@pytest.mark.parametrize("behaviour", ["dribbling", "stalling"])
@pytest.mark.parametrize("use_tls", [False, True], ids=["http", "https"])
def test_a_slow_body_ends_at_the_exchange_deadline(tls, behaviour, send, use_tls):
    server = servers.dribbling(0.2, tls=tls if use_tls else None) if behaviour == "dribbling" \
        else servers.stalling(tls=tls if use_tls else None)
    with server as hostile:
        client = ConformanceClient(hostile.url, verify=str(tls.ca), exchange_deadline=1.0)
        result = outcome_of(lambda: SENDS[send](client))
    assert isinstance(result, TargetUnreachable), result
    assert "no complete answer within 1 s (the exchange deadline" in str(result)
    assert hostile.requests  # it was reached: the deadline, not a refusal, ended it


def test_the_connection_after_a_cut_one_still_works(tls):
    """Cutting a stalled exchange must not poison the client: the next request gets its answer."""
    def respond(handler, server):
        if handler.path == "/stall/":
            handler.send_response(200)
            handler.send_header("Content-Length", "10")
            handler.end_headers()
            handler.wfile.flush()
            server.closing.wait(600)
            return
        servers.answer(handler, 200, b"{}")

    with servers.serve(respond, tls) as hostile:
        client = ConformanceClient(hostile.url, verify=str(tls.ca), exchange_deadline=1.0)
        assert client.request("GET", "/ok/").status == 200  # a kept-alive connection, then cut
        assert isinstance(outcome_of(lambda: client.request("GET", "/stall/")), TargetUnreachable)
        assert outcome_of(lambda: client.request("GET", "/ok/")).status == 200


def stalls_after_the_first_answer():
    """Answers the reachability check, then stalls every body: a target that stopped answering."""

    def respond(handler, server):
        if len(server.requests) == 1:
            servers.answer(handler, 200, b"{}")
            return
        handler.send_response(200)
        handler.send_header("Content-Length", "100")
        handler.end_headers()
        handler.wfile.write(b"{")
        handler.wfile.flush()
        server.closing.wait(600)

    return servers.serve(respond)


def test_an_audit_of_a_stalling_target_ends_as_unreachable(audit, tmp_path):
    endpoints = tmp_path / "endpoints.txt"
    endpoints.write_text("GET /api/items/\n", encoding="utf-8")
    with stalls_after_the_first_answer() as hostile:
        run = audit("--target-url", hostile.url, "--endpoints", str(endpoints), "--exchange-deadline", "1", env=ENV)
    text = run.stdout + run.stderr
    assert run.exit_code == 3, text[-3000:]
    assert "target unreachable" in text and "no complete answer within 1 s" in text
    assert "Traceback" not in text
    assert (run.report_dir / "report.json").is_file()  # what was learned is kept


def test_retry_after_waiting_has_a_total_cap_said_once(audit, tmp_path):
    endpoints = tmp_path / "endpoints.txt"
    endpoints.write_text("GET /api/items/\nGET /api/other/\n", encoding="utf-8")
    with servers.throttling("10") as hostile:
        run = audit("--target-url", hostile.url, "--endpoints", str(endpoints), "--max-retry-wait", "2", env=ENV)
    text = run.stdout + run.stderr
    assert run.exit_code == 4, text[-3000:]  # errors only: nothing could be judged, nothing passed
    results = [r for r in run.report["results"] if r["endpoint"]]  # run-level checks judge the 429s themselves
    errors = [r for r in results if r["outcome"] == "error"]
    assert errors and not [r for r in results if r["outcome"] in ("passed", "failed")]
    assert all("429" in r["detail"] for r in errors)
    explained = [r for r in errors if "--max-retry-wait" in r["detail"]]
    assert len(explained) == 1  # said once, not per check
    assert sum("not waited for" in r["detail"] for r in errors) == len(errors) - 1


def test_the_client_never_waits_beyond_its_budget():
    with servers.throttling("10") as hostile:
        client = ConformanceClient(hostile.url, max_retry_wait=0)
        first = outcome_of(lambda: client.request("GET", "/a/"))
        second = outcome_of(lambda: client.request("GET", "/b/"))
    assert isinstance(first, RateLimited) and "--max-retry-wait" in str(first)
    assert isinstance(second, RateLimited) and "not waited for" in str(second)
    assert len(hostile.requests) == 2  # one each: no retry was waited for


@pytest.mark.parametrize("send", ["plain", "repeated headers"])
def test_a_read_timeout_in_the_body_is_an_unreachable_target_not_a_crash(send):
    """urllib3's ReadTimeoutError (raised while reading a streamed body) is no requests exception:
    before, it escaped the client, so the check crashed and the reachability logic never ran."""
    with servers.stalling() as hostile:
        client = ConformanceClient(hostile.url, timeout=(5.0, 0.5), exchange_deadline=30.0)
        result = outcome_of(lambda: SENDS[send](client))
    assert isinstance(result, TargetUnreachable), repr(result)
    assert "timed out" in str(result)


def test_fetching_a_dribbled_openapi_document_ends_at_the_deadline():
    from conformance.egress import EgressGate
    from conformance.targets.base import TargetError
    from conformance.targets.remote import fetch_openapi

    with servers.dribbling(0.2) as hostile:
        result = outcome_of(lambda: fetch_openapi(f"{hostile.url}/schema/", True, EgressGate(hostile.url), 1.0))
    assert isinstance(result, TargetError), repr(result)
    assert "no complete answer within 1 s" in str(result) and "fetching --openapi" in str(result)
