"""Run-level checks under pytest-xdist judge the whole run, as a serial run does (DRFC-1103/1104).

``--dist loadfile`` puts the malformed-credential probes (whose 5xx or debug output the flaw
causes) and the run-level checks on different workers, so the worker that runs the run-level
checks received nothing to find itself: only the controller, judging every worker's answer
digests again, sees the failure (conformance/run/run_level.py).
"""

import pytest


SELECTION = ["-k", "test_malformed_credentials or test_no_answer_of_the_run or test_no_request_of_the_run"]
RUN_LEVEL = {"DRFC-1103", "DRFC-1104"}


def run_level_outcomes(run) -> dict[str, set[str]]:
    outcomes: dict[str, set[str]] = {}
    for result in run.report["results"]:
        if result["check_id"] in RUN_LEVEL:
            outcomes.setdefault(result["check_id"], set()).add(result["outcome"])
    return outcomes


@pytest.mark.parametrize("variant, run_level_failure, other_failure", [
    ("ascii_crash_token", "DRFC-1104", "DRFC-202"),  # a 500 on latin-1 credentials
    ("traceback_in_errors", "DRFC-1103", None),  # a traceback in every 401
])
def test_two_workers_give_the_run_level_verdicts_of_a_serial_run(audit, variant, run_level_failure, other_failure):
    settings = f"target_project.variants.{variant}"
    serial = audit("--ds", settings, *SELECTION)
    parallel = audit("--ds", settings, *SELECTION, "-n", "2", "--dist", "loadfile")
    expected = {check: {"failed" if check == run_level_failure else "passed"} for check in RUN_LEVEL}
    assert run_level_outcomes(serial) == expected
    assert run_level_outcomes(parallel) == expected
    assert parallel.outcomes("failed") == serial.outcomes("failed") == {run_level_failure, other_failure} - {None}
    assert parallel.outcomes("error") == serial.outcomes("error") == set()
    assert parallel.exit_code == serial.exit_code == 1
    (finding,) = [r for r in parallel.report["results"] if r["check_id"] == run_level_failure]
    assert finding["evidence"], "the controller's verdict keeps the leaking exchanges as evidence"
