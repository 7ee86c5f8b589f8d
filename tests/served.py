"""Serving a deployment for remote-mode tests: gunicorn over TLS on loopback, as in production.

The fixtures here are registered once, in tests/conftest.py, so every directory (tests/remote,
tests/install, tests/reports, tests/projects) shares one session cache per xdist worker: a test
that needs the reference deployment reuses the gunicorn another directory already started, rather
than migrating, provisioning and serving a second copy.

``served_deployment(base_settings)`` gives a running gunicorn (a real subprocess, one gthread
worker) with a trustme certificate, its own SQLite file (copied from one migrated template per
session, so migrations run once), the sample data loaded, and a credentials file written by
``manage.py conformance_provision``. Loopback only.

``served_audit(base_settings, *args)`` is the remote audit of such a deployment with its own
OpenAPI document, run once per session for the same settings and arguments: several tests (in
several directories) read one report rather than auditing the same deployment again.
"""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import trustme

from tests.conftest import REPO, AuditRun, count_started, run_audit

SERVED = Path(__file__).resolve().parent / "remote" / "served"
START_TIMEOUT_S = 20
CONFIG = """\
PUBLIC_PATHS = []
MAX_TOKEN_AGE = "30d"
TOKEN_LOGIN_PATH = "/accounts/get_auth_token/"
LOGOUT_PATH = "/accounts/logout/"
SESSION_LOGIN_PATH = "/accounts/login/"
OAUTH2_TOKEN_PATH = "/auth/token/"
OAUTH2_ACCEPTED_GRANTS = ["password"]
"""


def served_env(base_settings: str, database: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFORMANCE_")}
    env.update({
        "DJANGO_SETTINGS_MODULE": "remote_served_settings",
        "CONFORMANCE_SERVED_BASE": base_settings,
        "CONFORMANCE_SERVED_DB": str(database),
        "PYTHONPATH": os.pathsep.join([str(REPO), str(SERVED)]),
    })
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    completed = subprocess.run([sys.executable, "-m", "django", *args], check=False, env=env, cwd=REPO,
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Deployment:
    url: str
    port: int
    ca_bundle: Path
    credentials: Path
    config: Path
    env: dict[str, str]
    directory: Path

    def manage(self, *args: str) -> subprocess.CompletedProcess:
        return manage(self.env, *args)


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("tls")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    files = {"ca": directory / "ca.pem", "cert": directory / "cert.pem", "key": directory / "key.pem"}
    ca.cert_pem.write_to_path(files["ca"])
    cert.private_key_pem.write_to_path(files["key"])
    for i, pem in enumerate(cert.cert_chain_pems):
        pem.write_to_path(files["cert"], append=i > 0)
    return files


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory) -> Path:
    """One migrated database with the sample data; each deployment gets a copy."""
    database = tmp_path_factory.mktemp("template") / "db.sqlite3"
    env = served_env("target_project.settings", database)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "loaddata", "conformance_sample", "-v", "0")
    return database


def stop_processes(processes: list[subprocess.Popen], grace_s: float = 10) -> None:
    """Stop servers started for a test (gunicorn): TERM them all, then KILL what outlives the grace."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_until_serving(process: subprocess.Popen, port: int, ca: Path) -> None:
    context = ssl.create_default_context(cafile=str(ca))
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {process.stderr.read()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock, \
                    context.wrap_socket(sock, server_hostname="127.0.0.1"):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not serve on port {port} within {START_TIMEOUT_S}s")


@pytest.fixture(scope="session")
def served_deployment(tmp_path_factory, tls_files, migrated_database):
    """``served_deployment(base_settings)`` -> a running, provisioned ``Deployment``."""
    processes: list[subprocess.Popen] = []
    cache: dict[str, Deployment] = {}

    def serve(base_settings: str = "target_project.settings") -> Deployment:
        if base_settings in cache:
            return cache[base_settings]
        count_started("deployment", base_settings)
        directory = tmp_path_factory.mktemp(base_settings.rsplit(".", 1)[-1])
        database = directory / "db.sqlite3"
        shutil.copyfile(migrated_database, database)
        env = served_env(base_settings, database)
        if base_settings != "target_project.settings":  # an auth stack's own apps (knox) need their tables
            manage(env, "migrate", "--noinput", "-v", "0")
        credentials = directory / "creds.json"
        manage(env, "conformance_provision", "--output", str(credentials))
        config = directory / "conformance.toml"
        config.write_text(CONFIG, encoding="utf-8")
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
             "--worker-class", "gthread", "--threads", "4", "--certfile", str(tls_files["cert"]),
             "--keyfile", str(tls_files["key"]), "--log-level", "warning", "target_project.wsgi:application"],
            env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        processes.append(process)
        _wait_until_serving(process, port, tls_files["ca"])
        deployment = Deployment(f"https://127.0.0.1:{port}", port, tls_files["ca"], credentials, config, env, directory)
        cache[base_settings] = deployment
        return deployment

    yield serve
    stop_processes(processes)


def remote_audit(deployment: Deployment, report_dir: Path, *discovery: str, extra: tuple[str, ...] = ()) -> AuditRun:
    """``drf-conformance --target-url`` on ``deployment`` with its credentials, CA and config."""
    return run_audit(["--target-url", deployment.url, "--credentials", str(deployment.credentials),
                      "--ca-bundle", str(deployment.ca_bundle), "--config", str(deployment.config),
                      *discovery, *extra], report_dir, timeout=300)


def openapi_document(deployment: Deployment) -> str:
    """The deployment's own OpenAPI document, as DRF's generateschema writes it (YAML)."""
    path = deployment.directory / "openapi.yaml"
    if not path.exists():  # the same settings and code give the same document: write it once
        path.write_text(deployment.manage("generateschema", "--format", "openapi").stdout, encoding="utf-8")
    return str(path)


@pytest.fixture(scope="session")
def served_audit(served_deployment, tmp_path_factory):
    """``served_audit(base_settings, *args)`` -> the ``AuditRun`` of the remote audit of that
    deployment, discovered from its OpenAPI document, with ``args`` added; run once per session
    for the same settings and arguments. Read its report, never change it."""
    runs: dict[tuple[str, ...], AuditRun] = {}

    def audit(base_settings: str = "target_project.settings", *args: str) -> AuditRun:
        key = (base_settings, *args)
        if key not in runs:
            deployment = served_deployment(base_settings)
            runs[key] = remote_audit(deployment, tmp_path_factory.mktemp("served-audit"),
                                     "--openapi", openapi_document(deployment), extra=args)
        return runs[key]

    return audit


# The flawed deployment of tests/remote/served/remote_flawed_settings.py, audited once for the
# tests that read its findings (tests/remote/test_flawed_deployment.py) and for those that replay
# their curl lines (tests/reports/test_curl_replay.py). DRFC-901 logs in as the owner of
# token.expired (role expired_password), and a login that rotates keys revokes that token by
# design: left out, every recorded credential stays alive for the replay, and no audit of the
# shared deployment changes what another one finds.
FLAWED_SETTINGS = "remote_flawed_settings"
FLAWED_AUDIT_ARGS = ("-k", "not test_login_after_expiry_yields_a_working_token")
