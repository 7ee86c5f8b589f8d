"""Complete or say so (contract section 6), and a crash never loses a run (issue 13).

Real pytest subprocesses (``pytester``) audit the reference deployment with the small scenario
module of test_plugin.py: ``-k``, ``-x``, an ``addopts = -x`` of the project's own, a writer that
raises and a report that cannot be built, each checked in report.json, every other format and the
exit code.
"""

import json
import xml.etree.ElementTree as ElementTree

import jsonschema
import pytest

from tests.conftest import REPO
from tests.plugin.test_plugin import SCENARIOS

pytest_plugins = ["pytester"]

SCHEMA = json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8"))
FORMATS = ("report.json", "junit.xml", "report.md", "report.html", "report.sarif")


@pytest.fixture
def run(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    pytester.makepyfile(test_scenarios=SCENARIOS)
    reports = pytester.path / "reports"

    def run_pytest(*args):
        result = pytester.runpytest_subprocess(
            "--ds", "target_project.settings", "-p", "no:cacheprovider", "-p", "no:warnings",
            "-o", "django_debug_mode=keep", "-o", "django_find_project=false",
            f"--report-dir={reports}", *args,
        )
        report_file = reports / "report.json"
        report = json.loads(report_file.read_text()) if report_file.exists() else None
        return result, report

    run_pytest.reports = reports
    return run_pytest


def every_format_says(reports, words: str) -> None:
    for name in FORMATS:
        assert words in (reports / name).read_text(encoding="utf-8"), name


def test_a_complete_run_says_so(run):
    result, report = run("-k", "test_passes or test_fails or test_not_applicable or test_crashes "
                               "or test_control_fails")
    jsonschema.validate(report, SCHEMA)
    completeness = report["completeness"]
    assert completeness["status"] == "complete" and completeness["complete"] is True
    assert completeness["planned"] == completeness["run"] == len(report["results"])
    assert completeness["not_run"] == completeness["deselected"] == 0
    assert "Completeness: complete" in result.stdout.str()


def test_a_narrowed_selection_is_a_partial_pass_in_every_format(run):
    result, report = run("-k", "test_passes")
    assert result.ret == 0
    completeness = report["completeness"]
    run_count = len(report["results"])
    assert completeness["status"] == "partial" and completeness["deselected"] > 0
    assert completeness["run"] == run_count and completeness["planned"] == run_count + completeness["deselected"]
    assert "-k 'test_passes'" in completeness["reason"]
    label = f"PASSED (partial: {run_count} of {completeness['planned']} checks)"
    assert report["verdict"] == label
    every_format_says(run.reports, label)
    assert label in result.stdout.str()
    junit = ElementTree.parse(run.reports / "junit.xml").getroot()
    properties = {p.get("name"): p.get("value") for p in junit.iter("property")}
    assert properties["completeness.status"] == "partial" and properties["verdict"] == label
    sarif = json.loads((run.reports / "report.sarif").read_text())
    assert sarif["runs"][0]["properties"]["completeness"]["status"] == "partial"


def test_deselect_counts_as_a_narrowed_selection(run, pytester):
    result, report = run("--deselect", "test_scenarios.py::test_fails", "-k", "test_passes or test_fails")
    assert report["completeness"]["status"] == "partial"
    assert "--deselect test_scenarios.py::test_fails" in report["completeness"]["reason"]


def test_stopping_at_the_first_failure_is_incomplete_never_passed(run):
    # test_crashes (an error, not a failure at --fail-on) runs first: -x stops there, before any
    # failed check; the run is INCOMPLETE and exits 4, not 0.
    result, report = run("-x", "-k", "test_crashes or test_passes")
    assert result.ret == 4
    completeness = report["completeness"]
    assert completeness["status"] == "stopped-early" and completeness["not_run"] > 0
    assert "stopping after 1 failures" in completeness["reason"]
    assert report["verdict"] == "INCOMPLETE" and report["exit_code"] == 4
    every_format_says(run.reports, "INCOMPLETE")
    for name in ("report.md", "report.html"):
        assert "PASSED" not in (run.reports / name).read_text(encoding="utf-8")
    assert "drf-conformance: INCOMPLETE (exit 4" in result.stdout.str()


def test_stopping_after_a_gating_failure_exits_1_and_reads_incomplete(run):
    result, report = run("--maxfail=1", "-k", "test_fails or test_passes")
    assert result.ret == 1
    assert report["completeness"]["status"] == "stopped-early"
    assert report["verdict"] == "INCOMPLETE"


def test_a_projects_own_addopts_x_is_reported_too(run, pytester):
    pytester.makeini("[pytest]\naddopts = -x\n")
    result, report = run("-k", "test_crashes or test_passes")
    assert result.ret == 4
    assert report["completeness"]["status"] == "stopped-early"
    assert report["completeness"]["run"] < report["completeness"]["planned"]


def test_a_writer_that_raises_does_not_stop_the_others(run, pytester):
    pytester.makeconftest('''
import conformance.reports.html as html

def _broken(report, path):
    path.write_text("half a page")
    raise RuntimeError("the HTML writer broke")

html.write = _broken
''')
    result, report = run("-k", "test_passes")
    assert result.ret == 0
    assert any("report.html could not be written: RuntimeError: the HTML writer broke" in w
               for w in report["warnings"])
    assert not (run.reports / "report.html").exists()  # no half file left looking current
    for name in ("report.json", "junit.xml", "report.md", "report.sarif"):
        assert (run.reports / name).stat().st_size > 0, name
    assert "the HTML writer broke" in result.stdout.str()


def test_a_report_that_cannot_be_built_is_still_written_from_the_results(run, pytester):
    pytester.makeconftest('''
import conformance.reports as reports

def _broken(state):
    raise TypeError("'<' not supported between instances of 'property' and 'str'")

reports.build_report = _broken
''')
    result, report = run("-k", "test_passes or test_fails")
    assert result.ret == 1
    assert report is not None and report["summary"]["passed"] > 0 and report["summary"]["failed"] > 0
    assert any("TypeError" in w and "property" in w for w in report["warnings"])
    assert not (run.reports / "results.jsonl").exists()  # report.json holds everything now


def test_stale_reports_are_removed_before_the_audit_starts(run, pytester):
    # report.sarif is not written by this run (its writer cannot be imported, as in a build
    # without it): the earlier run's file must not stay beside this run's reports as if current.
    pytester.makeconftest('''
import sys
sys.modules["conformance.reports.sarif"] = None
''')
    run.reports.mkdir()
    for name in FORMATS + ("results.jsonl",):
        (run.reports / name).write_text("from an earlier run")
    (run.reports / "notes.txt").write_text("not ours")
    result, report = run("-k", "test_passes")
    assert result.ret == 0 and report["completeness"]["status"] == "partial"
    assert not (run.reports / "report.sarif").exists()
    assert not (run.reports / "results.jsonl").exists()
    assert (run.reports / "notes.txt").read_text() == "not ours"


def test_selecting_nothing_is_not_a_success(run):
    result, report = run("-k", "no_check_has_this_name")
    assert result.ret != 0
    assert report is None


def test_under_xdist_the_controller_counts_what_the_workers_collected(run):
    result, report = run("-n", "2", "-k", "test_passes")
    assert result.ret == 0
    completeness = report["completeness"]
    assert completeness["status"] == "partial" and completeness["deselected"] > 0
    assert completeness["planned"] == completeness["run"] + completeness["deselected"]
    assert not (run.reports / "results.jsonl").exists()


def test_compare_with_the_previous_report_in_the_same_directory_still_works(run):
    """The previous report.json is read (--compare) before the stale reports are removed."""
    run("-k", "test_fails")
    result, report = run("-k", "test_fails", "--compare", str(run.reports / "report.json"))
    assert result.ret == 1
    assert report["comparison"]["unchanged"] and not report["comparison"]["new"]
