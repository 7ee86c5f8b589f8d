"""Shared helpers of the project's own tests.

``run_audit`` runs the real command line in a subprocess (a fresh process per Django settings
module, as DRF binds its authentication classes at import) and returns the exit code, output and
the parsed report.json. Each such audit costs 20-40 s: ``shared_audit`` runs one that several
tests (in several directories) read only once per test run, even under pytest-xdist.
"""

from __future__ import annotations

import fcntl
import hashlib
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


def count_started(kind: str, *args: str) -> None:
    """With ``DRFC_TESTS_COUNT=FILE``, one line per subprocess audit or served deployment started:
    what this suite's running time is made of (``sort FILE | uniq -c`` shows the repeats)."""
    if os.environ.get("DRFC_TESTS_COUNT"):
        with open(os.environ["DRFC_TESTS_COUNT"], "a", encoding="utf-8") as log:
            log.write(f"{kind} {' '.join(args)}\n")


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
    count_started("audit", *args)
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


@pytest.fixture(scope="session")
def shared_audit(tmp_path_factory):
    """``shared_audit(*args, elsewhere=False)`` -> the ``AuditRun`` of ``drf-conformance ARGS``,
    run once per test run for the same arguments and read by every test that asks (from the
    repository, or with ``elsewhere`` from a directory outside it). Under pytest-xdist the
    workers share one directory and a lock (pytest-xdist's documented recipe), so the second
    worker to ask waits for the first one's audit instead of running it again. Read its reports,
    never write next to them."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by the workers of this run

    def run(*args: str, elsewhere: bool = False) -> AuditRun:
        key = hashlib.sha256(json.dumps([args, elsewhere]).encode()).hexdigest()[:16]
        directory = root / f"shared-audit-{key}"
        saved = directory / "run.json"
        with open(root / f"shared-audit-{key}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not saved.exists():
                cwd = directory / "elsewhere" if elsewhere else REPO
                cwd.mkdir(parents=True, exist_ok=True)
                done = run_audit(list(args), directory / "reports", cwd=cwd)
                saved.write_text(json.dumps({"args": args, "exit_code": done.exit_code, "stdout": done.stdout,
                                             "stderr": done.stderr}), encoding="utf-8")
        recorded = json.loads(saved.read_text(encoding="utf-8"))
        return AuditRun(recorded["exit_code"], recorded["stdout"], recorded["stderr"], directory / "reports")

    return run


# Scheduling under pytest-xdist (`pytest tests -n 2`) -----------------------------------------------
# The suite's time is its subprocess audits and served deployments. xdist's default `load` deals
# consecutive tests out in chunks: a module's tests split between the workers run its
# module-scoped audit twice, and the 45 corpus audits can end up on one worker. Here the workers
# get one unit at a time instead: a test module is one unit (its module-scoped fixtures run once),
# the corpus's tests are one unit each, the readers of one served audit are one unit, and so are
# the tests of the installed wheel (they would wait on one lock otherwise); the units that start
# subprocesses go first and the quick ones fill in at the end. An explicit --dist is kept.
# (xdist's own `loadgroup` marks do not reach the controller under pytest 9: the scheduler below
# groups by node ID, as xdist's `loadfile` does.)

SPREAD = ("tests/corpus/test_variants.py",)
UNITS = {
    "served-audit": ("tests/remote/test_end_to_end.py", "tests/remote/test_remote_variants.py",
                     "tests/remote/test_flawed_deployment.py", "tests/reports/test_curl_replay.py"),
    "install": ("tests/install/",),
}
# Fixtures whose tests start subprocess audits, deployments or installs.
HEAVY_FIXTURES = {"audit", "shared_audit", "served_deployment", "served_audit", "serve_project", "installed", "pytester",
                  "dist", "wheel"}


def _dist_given(config) -> bool:
    args = [*config.invocation_params.args, *os.environ.get("PYTEST_ADDOPTS", "").split()]
    return any(arg in ("--dist", "-d", "--distload") or arg.startswith("--dist=") for arg in args)


def unit_of(nodeid: str) -> str:
    path = nodeid.split("::", 1)[0]
    if path in SPREAD:
        return nodeid
    return next((unit for unit, paths in UNITS.items() if path.startswith(paths)), path)


@pytest.hookimpl(optionalhook=True)  # also runs with -p no:xdist, where the hook does not exist
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "load" or _dist_given(config):
        return None  # xdist's own choice
    from xdist.scheduler import LoadScopeScheduling

    class UnitScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit_of(nodeid)

    config.option.loadscopereorder = False  # keep the workers' order below: heavy units first
    return UnitScheduling(config, log)


def _heavy(item) -> bool:
    if HEAVY_FIXTURES & set(item.fixturenames):
        return True
    module = getattr(item, "module", None)
    if module is not None and {"run_audit", "subprocess"} & set(vars(module)):  # starts processes itself
        return True
    definitions = getattr(item, "_fixtureinfo", None)
    return any(fixturedef.scope == "module"  # module fixtures here run an audit or a server, mostly
               for name in item.fixturenames
               for fixturedef in (definitions.name2fixturedefs.get(name, ()) if definitions else ()))


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    yield
    # A worker (the controller takes the workers' order); after pytest-django's own ordering
    # (database tests first), which the stable sort keeps among equals.
    if hasattr(config, "workerinput") and not _dist_given(config):
        items.sort(key=lambda item: 0 if unit_of(item.nodeid) in UNITS else 1 if _heavy(item) else 2)


# The served deployments (gunicorn over TLS) of remote-mode tests, registered here once for the
# whole tree: session-scoped, so each xdist worker migrates, provisions and serves a settings
# module at most once, whichever directory asks first. Imported at the end: tests.served imports
# REPO from this module. When tests.served is imported first (tools/detection_table.py, outside
# pytest), it is the one importing this module: there are no fixtures to register then, and
# importing it back would be a circular import.
if "tests.served" not in sys.modules:
    from tests.served import migrated_database, served_audit, served_deployment, tls_files  # noqa: E402, F401

