"""Exit codes of contract section 1 and the --fail-on threshold."""

import pytest

from conformance.run.gating import exit_code
from conformance.results import Result


def result(outcome, severity="high"):
    return Result(check_id="DRFC-101", family="missing-credentials", title="t", severity=severity,
                  outcome=outcome, endpoint="GET /x/", detail="", cwe="CWE-306", remediation="r")


@pytest.mark.parametrize("outcomes, fail_on, expected", [
    ([("passed", "high")], "low", 0),
    ([("failed", "high")], "low", 1),
    ([("failed", "low")], "medium", 0),
    ([("failed", "medium")], "medium", 1),
    ([("failed", "critical")], "never", 0),
    ([("error", "high")], "low", 4),
    ([("error", "high"), ("failed", "high")], "low", 1),
    ([("skipped", "high")], "low", 0),
])
def test_exit_codes(outcomes, fail_on, expected):
    assert exit_code([result(o, s) for o, s in outcomes], fail_on) == expected


def test_a_target_that_could_not_be_served_is_exit_3():
    assert exit_code([], "low", fatal="connection refused") == 3
