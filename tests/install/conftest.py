"""The wheel as users get it (issue 15): built once, installed once into a venv outside the repository.

``wheel`` builds the distribution with ``python -m build`` (sdist, then the wheel from the sdist,
as an index would); ``installed`` is one fresh venv, shared by every test here, holding that
wheel with the ``[reference]`` extra and nothing of the checkout. Installing needs the package
registry: when pip cannot reach it, the tests that need it are skipped, saying so.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO, count_started

# What pip prints when the registry cannot be reached (as opposed to a real resolution problem).
OFFLINE_SIGNS = ("NewConnectionError", "Temporary failure in name resolution", "Network is unreachable",
                 "ProxyError", "Max retries exceeded", "No matching distribution found")


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: nothing of the checkout or of this test run leaks in."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV", "GITHUB_STEP_SUMMARY",
                          "PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER")
           and not key.startswith("CONFORMANCE_")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env.update(extra)
    return env


def pip(python: Path, *args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    """``python -m pip ARGS``; skips the test, naming the cause, when the registry is unreachable."""
    completed = subprocess.run([str(python), "-m", "pip", *args], capture_output=True, text=True,
                               env=clean_env(), timeout=timeout, check=False)
    if completed.returncode != 0:
        output = completed.stdout + completed.stderr
        if any(sign in output for sign in OFFLINE_SIGNS):
            pytest.skip(f"the package registry is unreachable from here (pip: {output.strip().splitlines()[-1]})")
        pytest.fail(f"pip {' '.join(args)} failed:\n{output[-3000:]}")
    return completed


def make_venv(directory: Path, python: str | None = None) -> Path:
    """A fresh venv at ``directory`` (with ``python`` when given); its interpreter."""
    if python is None:
        venv.EnvBuilder(with_pip=True, clear=True).create(directory)
    else:
        subprocess.run([python, "-m", "venv", "--clear", str(directory)], check=True, timeout=300)
    return directory / "bin" / "python"


# The reference deployment's polls API, for remote audits (a file, as an auditor would write it).
ENDPOINTS = """\
GET    /polls/api/questions/
GET    /polls/api/questions/{id}/
GET    /polls/api/questions/{id}/choices/
"""


@pytest.fixture
def endpoints(tmp_path) -> Path:
    path = tmp_path / "endpoints.txt"
    path.write_text(ENDPOINTS, encoding="utf-8")
    return path


@dataclass
class Installed:
    """A venv that holds the built wheel, and a directory outside the repository to run from."""

    python: Path
    workdir: Path

    @property
    def bin(self) -> Path:
        return self.python.parent

    def run(self, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 900) -> subprocess.CompletedProcess:
        """The installed ``drf-conformance ARGS``, as a user would type it."""
        count_started("installed", *args)
        return subprocess.run([str(self.bin / "drf-conformance"), *args], cwd=cwd or self.workdir,
                              env=clean_env(**(env or {})), capture_output=True, text=True, timeout=timeout,
                              check=False)


def shared_directory(tmp_path_factory, name: str, make) -> Path:
    """``make(directory)`` once per test run, even under xdist: every worker's session fixture
    waits on one lock and reuses what the first one made (pytest-xdist's documented recipe)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by the workers of this run
    directory, done = root / f"install-{name}", root / f"install-{name}.done"
    with open(root / f"install-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            directory.mkdir(exist_ok=True)
            make(directory)
            done.write_text("")
    return directory


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    """``python -m build`` of the checkout: the sdist and the wheel, in a directory of their own."""
    return shared_directory(tmp_path_factory, "dist", build)


def build(out: Path) -> None:
    completed = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
                               capture_output=True, text=True, env=clean_env(), timeout=900, check=False)
    if completed.returncode != 0:
        output = completed.stdout + completed.stderr
        if any(sign in output for sign in OFFLINE_SIGNS):
            pytest.skip("the package registry is unreachable: `python -m build` cannot fetch setuptools")
        pytest.fail(f"python -m build failed:\n{output[-3000:]}")


@pytest.fixture(scope="session")
def wheel(dist) -> Path:
    (built,) = dist.glob("drf_conformance-*.whl")
    return built


@pytest.fixture(scope="session")
def installed(tmp_path_factory, wheel) -> Installed:
    def install(directory: Path) -> None:
        python = make_venv(directory)
        pip(python, "install", "--quiet", f"drf-conformance[reference] @ {wheel.as_uri()}")

    python = shared_directory(tmp_path_factory, "venv", install) / "bin" / "python"
    workdir = tmp_path_factory.mktemp("outside-the-repository")
    assert REPO not in workdir.parents
    return Installed(python, workdir)
