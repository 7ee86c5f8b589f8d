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
