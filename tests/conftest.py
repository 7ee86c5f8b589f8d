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
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@contextmanager
def loopback_server(handler, ssl_context=None):
    """A real HTTP server on 127.0.0.1 answering with ``handler`` from a thread (TLS with
    ``ssl_context``); yields its base URL and shuts it down afterwards."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if ssl_context is not None:
        server.socket = ssl_context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield f"{'https' if ssl_context else 'http'}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


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
