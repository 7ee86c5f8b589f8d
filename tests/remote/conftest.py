"""Serving a deployment for remote-mode tests: gunicorn over TLS on loopback, as in production.

``served_deployment(base_settings)`` gives a running gunicorn (a real subprocess, one gthread
worker) with a trustme certificate, its own SQLite file (copied from one migrated template per
session, so migrations run once), the sample data loaded, and a credentials file written by
``manage.py conformance_provision``. Loopback only.
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

from tests.conftest import REPO

SERVED = Path(__file__).resolve().parent / "served"
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
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
