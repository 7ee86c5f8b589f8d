"""A real ``drf-conformance`` process stopped by a signal (contract section 6, issue 13).

Each test starts the command line on the embedded target, waits until checks have started by
watching the results it persists (``results.jsonl`` in the report directory; never a fixed sleep),
sends the signal and reads what is left: reports that say INCOMPLETE, exit 4 (the reference
deployment has no failure), the in-process CA's temp directory removed. ``TMPDIR`` is private to
each test so that directory can be looked for.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

FORMATS = ("report.json", "junit.xml", "report.md", "report.html", "report.sarif")
STARTUP_DEADLINE_S = 300  # a bound on waiting for the first result, not a measured duration


def start_audit(tmp_path: Path, *args: str) -> tuple[subprocess.Popen, Path, Path]:
    reports, private_tmp = tmp_path / "reports", tmp_path / "tmp"
    private_tmp.mkdir()
    environment = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "GITHUB_STEP_SUMMARY")}
    environment.update(PYTHONPATH=str(REPO), TMPDIR=str(private_tmp))
    process = subprocess.Popen(
        [sys.executable, "-m", "conformance", "--report-dir", str(reports), "-q", "-p", "no:warnings", *args],
        cwd=tmp_path, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    return process, reports, private_tmp


def wait_for_results(process: subprocess.Popen, reports: Path, count: int = 1) -> None:
    """Until the run has persisted ``count`` results (bounded; fails if the process ends first)."""
    journal = reports / "results.jsonl"
    deadline = time.monotonic() + STARTUP_DEADLINE_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the audit ended before it was interrupted: {process.stdout.read()[-3000:]}")
        if journal.exists() and journal.read_text(encoding="utf-8").count("\n") >= count:
            return
        time.sleep(0.05)
    process.kill()
    pytest.fail("no result was persisted")


def finish(process: subprocess.Popen) -> tuple[int, str]:
    output, _ = process.communicate(timeout=300)
    return process.returncode, output


@pytest.mark.parametrize("signum, name", [(signal.SIGTERM, "SIGTERM"), (signal.SIGINT, "SIGINT")])
def test_a_signal_ends_the_run_with_incomplete_reports_and_no_temp_files(tmp_path, signum, name):
    process, reports, private_tmp = start_audit(tmp_path)
    wait_for_results(process, reports, count=3)
    process.send_signal(signum)
    code, output = finish(process)

    assert code == 4, output[-3000:]  # never 0, never 143; no failure so far, so 4
    report = json.loads((reports / "report.json").read_text(encoding="utf-8"))
    completeness = report["completeness"]
    assert completeness["status"] == "interrupted" and completeness["reason"] == f"interrupted by {name}"
    assert completeness["run"] == len(report["results"]) >= 3
    assert completeness["not_run"] == completeness["planned"] - completeness["run"] > 0
    assert report["verdict"] == "INCOMPLETE" and report["exit_code"] == 4
    for format_name in FORMATS:
        text = (reports / format_name).read_text(encoding="utf-8")
        assert "INCOMPLETE" in text, format_name
        assert f"interrupted by {name}" in text, format_name
    for format_name in ("report.md", "report.html"):
        assert "PASSED" not in (reports / format_name).read_text(encoding="utf-8")
    assert "PASSED" not in output and "drf-conformance: INCOMPLETE (exit 4" in output
    assert "Completeness: interrupted" in output
    assert not (reports / "results.jsonl").exists()
    assert not list(private_tmp.glob("drf-conformance-*")), "the in-process CA's files were left behind"


def test_results_are_on_disk_before_the_run_ends(tmp_path):
    """Killed outright (nothing can be caught), the results made so far are still on disk,
    and no earlier run's report.json is left looking current."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "report.json").write_text('{"verdict": "PASSED", "from": "an earlier run"}')
    process, reports, _ = start_audit(tmp_path)
    wait_for_results(process, reports, count=2)
    process.kill()
    finish(process)
    assert not (reports / "report.json").exists()
    lines = (reports / "results.jsonl").read_text(encoding="utf-8").splitlines()
    persisted = [json.loads(line) for line in lines if line.endswith("}")]
    assert len(persisted) >= 2
    assert all(r["outcome"] in ("passed", "failed", "skipped", "error") and r["check_id"] for r in persisted)


def test_under_xdist_sigterm_leaves_no_worker_temp_files(tmp_path):
    """pytest-xdist ends its workers with SIGKILL on an interruption: their targets' temp
    directories live in the run's own directory, which the controller removes."""
    process, reports, private_tmp = start_audit(tmp_path, "-n", "2")
    wait_for_results(process, reports, count=1)
    process.send_signal(signal.SIGTERM)
    code, output = finish(process)
    assert code == 4, output[-3000:]
    report = json.loads((reports / "report.json").read_text(encoding="utf-8"))
    assert report["completeness"]["status"] == "interrupted" and report["verdict"] == "INCOMPLETE"
    assert report["completeness"]["planned"] > report["completeness"]["run"]
    assert not list(private_tmp.glob("drf-conformance-*")), list(private_tmp.iterdir())


def test_a_projects_own_test_run_keeps_its_signals(tmp_path):
    """The plugin is loaded into every pytest run of the environment it is installed in: a
    project's own tests (not an audit) must die of SIGTERM as they would without it, not be turned
    into an "interrupted audit"."""
    (tmp_path / "test_waits.py").write_text(
        "import pathlib, time\n\n"
        "def test_waits():\n"
        "    pathlib.Path('started').touch()\n"
        "    time.sleep(120)\n")
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    process = subprocess.Popen([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_waits.py"],
                               cwd=tmp_path, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    deadline = time.monotonic() + STARTUP_DEADLINE_S
    while not (tmp_path / "started").exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    code, output = finish(process)
    assert code == -signal.SIGTERM, output
    assert "drf-conformance" not in output
