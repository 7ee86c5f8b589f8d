"""Issue 16: what a run keeps in memory stays flat in the number of endpoints (structure only;
the figures are in docs/benchmarks.md, measured by ``python -m bench``)."""

from pathlib import Path

from conformance.http import Exchange
from conformance.plugin import PASS_EVIDENCE_SAMPLE, _sample_evidence
from conformance.results import Result
from conformance.run.run_level import RunAnswers, WorkerDigests
from conformance.run.state import RunOptions, RunState


def _state(keep_all: bool = False) -> RunState:
    return RunState(RunOptions(
        target_url=None, credentials_file=None, config_file=None, report_dir=Path("reports"), fail_on="low",
        openapi=None, endpoints_file=None, ca_bundle=None, insecure=False, allow_unsafe_methods=False,
        max_rps=None, baseline=None, compare=None, settings_module=None, keep_all_evidence=keep_all))


def _result(outcome: str, endpoint: str, scheme: str = "Token", check_id: str = "DRFC-101") -> Result:
    return Result(check_id=check_id, family="missing-credentials", title="t", severity="high", outcome=outcome,
                  endpoint=endpoint, detail="", cwe="CWE-306", remediation="r", parameters={"scheme": scheme},
                  evidence=[{"role": "probe", "request": {}, "response": {}, "curl": "curl"}])


def _sampled(state: RunState, results: list[Result]) -> list[Result]:
    for result in results:
        _sample_evidence(state, result)
    return results


def test_passes_keep_the_exchanges_of_the_first_result_of_each_check_and_scheme_only():
    results = _sampled(_state(), [_result("passed", f"GET /items-{n}/") for n in range(50)]
                       + [_result("skipped", f"GET /items-{n}/", scheme="Bearer") for n in range(50)])
    with_evidence = [r for r in results if r.evidence]
    assert len(with_evidence) == 2 * PASS_EVIDENCE_SAMPLE
    assert {r.parameters["scheme"] for r in with_evidence} == {"Token", "Bearer"}


def test_failures_and_errors_keep_every_exchange():
    results = _sampled(_state(), [_result(outcome, f"GET /items-{n}/") for n in range(30)
                                  for outcome in ("failed", "error")])
    assert all(r.evidence for r in results)


def test_keep_all_evidence_keeps_the_passes_exchanges_too():
    results = _sampled(_state(keep_all=True), [_result("passed", f"GET /items-{n}/") for n in range(30)])
    assert all(r.evidence for r in results)


class _Answer:
    def __init__(self, status: int, body: bytes, role: str = "probe"):
        self.status, self.body = status, body
        self.exchange = Exchange(role, {"method": "GET", "url": "https://127.0.0.1/x"}, {"status": status}, "curl", 0.0)

    @property
    def text(self) -> str:
        return self.body.decode()


def test_answers_are_digested_and_forgotten_keeping_only_what_a_run_level_judge_names():
    answers = [_Answer(200, b"{}") for _ in range(100)] + [_Answer(500, b"oops"),
                                                          _Answer(200, b'Traceback (most recent call last)')]
    digest = WorkerDigests().take(answers)
    assert answers == []  # the client's list is emptied: bodies are not kept past their check
    run = RunAnswers()
    run.add(digest, distributed=False)
    assert run.counts == {"probe": 102} and len(run.notable) == 2
    assert not run.received  # this process's own answers: nothing for the controller to re-judge


def test_runs_of_one_byte_are_found_whole_without_a_state_per_byte():
    """The curl line of DRFC-904's 3 MiB body: found in blocks (the unbounded backreference
    regex kept a backtracking state per byte, some 240 MiB)."""
    from conformance.evidence import _runs

    data = b"x" * 255 + b"-" + b"a" * (3 * 1024 * 1024 + 7) + b"&b=" + b"\x00" * 256 + b"c" * 300
    runs = list(_runs(data))
    assert [(end - start, byte) for start, end, byte in runs] == [(3 * 1024 * 1024 + 7, b"a"), (256, b"\x00"), (300, b"c")]
    assert runs[0][0] == 256 and data[runs[0][0]:runs[0][1]] == b"a" * (3 * 1024 * 1024 + 7)
