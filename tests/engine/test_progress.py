"""Progress output: a live line on a terminal; in a pipe (a CI log) only the header and summary.

Both audits select a few checks with ``-k`` to stay short; the terminal one runs the real
command line on a pseudo-terminal, as a person at a shell would.
"""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

import pytest

from tests.conftest import REPO

SELECT = ["--ds", "target_project.variants.open_endpoint", "-k", "anonymous_request_is_refused"]
LIVE_LINE = re.compile(r"\rdrf-conformance: (\d+)/(\d+) checks · missing-credentials")


def _environment() -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "GITHUB_STEP_SUMMARY")}
    environment["PYTHONPATH"] = str(REPO)
    environment["COLUMNS"] = "120"
    return environment


def _on_a_terminal(args: list[str]) -> tuple[int, str]:
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "conformance", *args], cwd=REPO, env=_environment(),
                               stdin=subprocess.DEVNULL, stdout=terminal, stderr=terminal)
    os.close(terminal)
    output = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the process is done writing
            break
        if not chunk:
            break
        output += chunk
    os.close(controller)
    return process.wait(timeout=600), output.decode("utf-8", errors="replace")


@pytest.fixture
def report_dir(tmp_path):
    return str(tmp_path / "reports")


def test_a_terminal_gets_a_live_line_of_checks_done_and_the_current_family(report_dir):
    code, output = _on_a_terminal(["--report-dir", report_dir, "-p", "no:warnings", *SELECT])
    assert code == 1, output[-3000:]
    counts = [(int(done), int(total)) for done, total in LIVE_LINE.findall(output)]
    assert counts, output[-3000:]
    total = counts[-1][1]
    assert counts[-1] == (total, total) and total > 1
    assert [done for done, _ in counts] == sorted(done for done, _ in counts)
    assert "1 failed" in output
    assert "drf-conformance: FAILED (exit 1" in output
    assert not re.search(r"^\.+F?\.*\s*\[", output, re.M)  # no pytest dots and percentages


def test_quiet_on_a_terminal_has_no_live_line(report_dir):
    code, output = _on_a_terminal(["--report-dir", report_dir, "-q", "-p", "no:warnings", *SELECT])
    assert code == 1
    assert not LIVE_LINE.search(output) and "checks ·" not in output
    assert "drf-conformance: FAILED (exit 1" in output


def test_a_pipe_gets_no_live_line_and_no_dots_only_the_summary(audit):
    run = audit("-v", *SELECT)  # the audit fixture passes -q: -q -v is pytest's default verbosity
    assert run.exit_code == 1
    assert "\r" not in run.stdout and "checks ·" not in run.stdout
    assert not re.search(r"^\S*\.\.\.", run.stdout, re.M)
    assert "drf-conformance summary" in run.stdout and "drf-conformance: FAILED (exit 1" in run.stdout


def test_a_pipe_gets_a_progress_line_at_most_every_interval(audit):
    """Issue 13: a long run in a CI log is never silent. An interval of 0 makes the line come after
    every check here, to see it at all in a short run; the default is 30 s (bounded below)."""
    run = audit(*SELECT, env={"DRF_CONFORMANCE_PROGRESS_INTERVAL": "0"})
    assert run.exit_code == 1
    done = [int(n) for n in re.findall(r"^drf-conformance: (\d+)/\d+ checks done after \d+ s", run.stdout, re.M)]
    assert done and done == sorted(done)
    assert "\r" not in run.stdout


def test_the_pipe_line_is_bounded_by_the_interval_not_per_check():
    """A fake clock: 1,000 checks over 95 s make 3 lines at a 30 s interval, not 1,000."""
    from types import SimpleNamespace

    from conformance.run.progress import PIPED_INTERVAL_S, ProgressLine, piped_interval

    assert piped_interval({}) == PIPED_INTERVAL_S == 30.0
    assert piped_interval({"DRF_CONFORMANCE_PROGRESS_INTERVAL": "nonsense"}) == 30.0
    written = []
    config = SimpleNamespace(get_verbosity=lambda: 0, pluginmanager=SimpleNamespace(get_plugin=lambda name: None))
    now = [0.0]
    progress = ProgressLine(config)
    progress.clock = lambda: now[0]
    progress._started_at = progress._logged_at = 0.0
    progress.piped, progress.interval = True, 30.0
    progress._reporter = SimpleNamespace(write_line=written.append)
    progress.families = {f"check-{i}": "csrf" for i in range(1000)}
    progress.total = 1000
    for i in range(1000):
        now[0] = i * 0.095
        progress.pytest_runtest_logstart(f"check-{i}", None)
        progress.pytest_runtest_logreport(SimpleNamespace(nodeid=f"check-{i}", when="call", passed=True, failed=False))
    assert len(written) == 3, written
    assert written[0].startswith("drf-conformance: ") and "checks done after 30 s (csrf)" in written[0]
