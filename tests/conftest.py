"""Shared helpers of the project's own tests.

``run_audit`` runs the real command line in a subprocess (a fresh process per Django settings
module, as DRF binds its authentication classes at import) and returns the exit code, output and
the parsed report.json.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@dataclass
class AuditRun:
    exit_code: int
    stdout: str
    stderr: str
    report_dir: Path

    @property
    def report(self) -> dict:
        return json.loads((self.report_dir / "report.json").read_text(encoding="utf-8"))

    def outcomes(self, outcome: str) -> set[str]:
        return {r["check_id"] for r in self.report["results"] if r["outcome"] == outcome}


def run_audit(args: list[str], report_dir: Path, *, cwd: Path = REPO, env: dict | None = None,
              timeout: float = 600) -> AuditRun:
    # A CI job's own step summary must not receive the test audits' summaries; a test may set one.
    environment = {key: value for key, value in os.environ.items() if key != "GITHUB_STEP_SUMMARY"}
    environment.update(env or {})
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), environment.get("PYTHONPATH", "")]))
    completed = subprocess.run(
        [sys.executable, "-m", "conformance", "--report-dir", str(report_dir), "-q", "-p", "no:warnings", *args],
        cwd=cwd, env=environment, capture_output=True, text=True, timeout=timeout,
    )
    return AuditRun(completed.returncode, completed.stdout, completed.stderr, report_dir)


@pytest.fixture
def audit(tmp_path):
    """``audit(*args)`` runs ``drf-conformance`` with a fresh report directory."""
    counter = iter(range(1000))

    def run(*args: str, cwd: Path = REPO, env: dict | None = None) -> AuditRun:
        return run_audit(list(args), tmp_path / f"reports-{next(counter)}", cwd=cwd, env=env)

    return run
