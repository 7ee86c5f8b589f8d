"""Serving a small project of tests/projects/ for a remote audit: migrated, its fixtures loaded,
provisioned by ``manage.py conformance_provision`` and served by gunicorn over TLS on loopback,
as tests/served.py does for target_project. Loopback only.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO, count_started, run_audit
from tests.served import _wait_until_serving, free_port, stop_processes

PROJECTS = Path(__file__).resolve().parent


@dataclass
class ServedProject:
    url: str
    ca_bundle: Path
    credentials: Path
    directory: Path
    env: dict[str, str]

    def audit(self, report_dir: Path, *args: str):
        return run_audit(["--target-url", self.url, "--credentials", str(self.credentials),
                          "--ca-bundle", str(self.ca_bundle), *args], report_dir, timeout=600)


def project_env(name: str, database: Path, directory: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFORMANCE_")}
    env.update({
        "DJANGO_SETTINGS_MODULE": f"{name}_site.settings",
        f"{name.upper()}_PROVISIONING": "1",
        f"{name.upper()}_DB": str(database),
        "PYTHONPATH": os.pathsep.join([str(REPO), str(directory or PROJECTS / name)]),
    })
    return env


def manage(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess:
    completed = subprocess.run([sys.executable, "-m", "django", *args], env=env, cwd=cwd, capture_output=True,
                               text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed


@pytest.fixture(scope="module")
def serve_project(tmp_path_factory, tls_files):
    """``serve_project(name, fixtures)`` -> a running, provisioned ``ServedProject``; ``project``
    serves a project kept elsewhere (tests/other_project holds ``inventory_site``)."""
    processes: list[subprocess.Popen] = []

    def serve(name: str, fixtures: tuple[str, ...] = (), project: Path | None = None) -> ServedProject:
        count_started("deployment", name)
        directory = tmp_path_factory.mktemp(f"served-{name}")
        env = project_env(name, directory / "db.sqlite3", project)
        cwd = project or PROJECTS / name
        manage(env, cwd, "migrate", "--noinput", "-v", "0")
        if fixtures:
            manage(env, cwd, "loaddata", *fixtures, "-v", "0")
        credentials = directory / "creds.json"
        manage(env, cwd, "conformance_provision", "--output", str(credentials))
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
             "--worker-class", "gthread", "--threads", "4", "--certfile", str(tls_files["cert"]),
             "--keyfile", str(tls_files["key"]), "--log-level", "warning", f"{name}_site.wsgi:application"],
            env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        processes.append(process)
        _wait_until_serving(process, port, tls_files["ca"])
        return ServedProject(f"https://127.0.0.1:{port}", tls_files["ca"], credentials, directory, env)

    yield serve
    stop_processes(processes)
