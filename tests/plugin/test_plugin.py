"""The pytest plugin driven with ``pytester``: outcomes, exit codes, xdist, misuse.

Each run is a real pytest subprocess auditing the reference deployment with a small scenario
module written for the test, so what is checked is the plugin's bookkeeping, not a family.
"""

import json

import pytest

from tests.conftest import REPO

pytest_plugins = ["pytester"]

SCENARIOS = '''
import pytest

from conformance.results import PositiveControlFailed, Verdict


@pytest.mark.check("DRFC-101")
def test_passes(endpoint, probe):
    probe.positive_control(endpoint)
    probe.judge(Verdict.ok("a refusal", "HTTP 401"))


@pytest.mark.check("DRFC-102")
def test_fails(endpoint, probe):
    probe.judge(Verdict.fail("a challenge", "none", "no WWW-Authenticate"))


@pytest.mark.check("DRFC-103")
def test_not_applicable(endpoint, probe):
    probe.judge(Verdict.skip("nothing to judge here"))


@pytest.mark.check("DRFC-201")
def test_crashes(endpoint, probe):
    raise RuntimeError("a bug in the check")


@pytest.mark.check("DRFC-202")
def test_control_fails(endpoint, probe):
    raise PositiveControlFailed("valid credentials were refused")


def test_not_a_check():
    pass
'''


@pytest.fixture
def run(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    pytester.makepyfile(test_scenarios=SCENARIOS)

    def run_pytest(*args):
        result = pytester.runpytest_subprocess(
            "--ds", "target_project.settings", "-p", "no:cacheprovider", "-p", "no:warnings",
            "-o", "django_debug_mode=keep", "-o", "django_find_project=false",
            f"--report-dir={pytester.path / 'reports'}", *args,
        )
        report_file = pytester.path / "reports" / "report.json"
        report = json.loads(report_file.read_text()) if report_file.exists() else None
        return result, report

    return run_pytest


def outcomes(report):
    by_check = {}
    for result in report["results"]:
        by_check.setdefault(result["check_id"], set()).add(result["outcome"])
    return by_check


def test_the_four_outcomes_are_never_blurred(run):
    result, report = run()
    assert outcomes(report) == {"DRFC-101": {"passed"}, "DRFC-102": {"failed"}, "DRFC-103": {"skipped"},
                                "DRFC-201": {"error"}, "DRFC-202": {"error"}}
    assert result.ret == 1
    crash = next(r for r in report["results"] if r["check_id"] == "DRFC-201")
    assert "RuntimeError: a bug in the check" in crash["detail"]
    assert "not_a_check" not in json.dumps(report)  # plain tests are not checks


def test_every_check_is_parametrized_over_every_protected_endpoint(run):
    _, report = run("-k", "test_passes")
    endpoints = {r["endpoint"] for r in report["results"]}
    assert endpoints == {e for e in report["endpoints"] if e in endpoints} and len(endpoints) >= 9
    assert "POST /accounts/get_auth_token/" not in endpoints  # an auth endpoint is public by design


@pytest.mark.parametrize("selection, expected", [
    ("test_passes", 0), ("test_fails", 1), ("test_crashes", 4), ("test_control_fails", 4),
    ("test_not_applicable", 0),
])
def test_exit_codes_follow_the_contract(run, selection, expected):
    result, _ = run("-k", selection)
    assert result.ret == expected


def test_fail_on_raises_the_threshold(run):
    result, report = run("-k", "test_fails", "--fail-on", "critical")
    assert result.ret == 0
    assert report["fail_on"] == "critical" and report["summary"]["failed"] > 0


def test_xdist_workers_report_the_same_results(run):
    _, serial = run("-k", "test_passes or test_fails")
    _, parallel = run("-k", "test_passes or test_fails", "-n", "2")
    key = lambda report: sorted((r["check_id"], r["endpoint"], r["outcome"]) for r in report["results"])  # noqa: E731
    assert key(parallel) == key(serial) and key(serial)


def test_a_check_marker_naming_no_catalogue_check_is_a_usage_error(pytester, run):
    pytester.makepyfile(test_unknown='''
import pytest

@pytest.mark.check("DRFC-0000")
def test_unknown(endpoint, probe):
    pass
''')
    result, _ = run("test_unknown.py")
    assert result.ret != 0
    result.stderr.fnmatch_lines(["*DRFC-0000*"]) if result.stderr.lines else result.stdout.fnmatch_lines(["*DRFC-0000*"])
