"""The support matrix: one nox session per supported Python / Django / DRF combination (issue 15).

Each session installs the *built wheel* (never the checkout, never editable) with the
``[reference]`` extra into a fresh venv, then, from a temporary directory outside the repository,
audits the embedded reference deployment and a handful of flawed variants and asserts their
verdicts: the exit code and the exact set of failed check IDs in ``report.json``.

    nox -l                      # the sessions
    nox -t oldest newest        # what .ci/run runs
    nox                         # every combination (5 to 20 minutes a session on 2 cores)

Interpreters are found on PATH or in pyenv (``python3.10`` ... ``python3.13``); nox never
downloads one here (``download_python = "never"``). docs/install.md lists the combinations.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent

nox.options.default_venv_backend = "venv"
nox.options.download_python = "never"
nox.options.error_on_missing_interpreters = True
nox.options.reuse_venv = "no"


@dataclass(frozen=True)
class Combination:
    python: str
    django: str
    drf: str
    pytest: str
    tags: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"matrix-py{self.python}-django{self.django}-drf{self.drf}"

    @property
    def pins(self) -> list[str]:
        return [f"Django=={self.django}.*", f"djangorestframework=={self.drf}.*",
                f"pytest=={self.pytest}.*"]


# Oldest first, newest last: the ends of every range, and the LTS releases between them.
# Django 6.x needs Python 3.12 or newer.
MATRIX = (
    Combination("3.10", "4.2", "3.15", "8.2", tags=("oldest",)),
    Combination("3.11", "5.2", "3.16", "8.4"),
    Combination("3.12", "5.2", "3.17", "9.0"),
    Combination("3.12", "6.0", "3.17", "9.1"),
    Combination("3.13", "6.1", "3.18", "9.2", tags=("newest",)),
)

# What each audit must find: the exit code, and exactly these failed checks (no error outcome).
# The variants cover frozen time (never_expiring), django-oauth-toolkit (stock_oauth2), sessions
# and CSRF (csrf_exempt_session), and plain permissions (open_endpoint); their flaws and checks
# are in docs/DETECTION.md.
AUDITS = {
    "target_project.settings": (0, set()),
    "target_project.variants.open_endpoint": (1, {"DRFC-101"}),
    "target_project.variants.never_expiring": (1, {"DRFC-301", "DRFC-302"}),
    "target_project.variants.stock_oauth2": (1, {"DRFC-401", "DRFC-602"}),
    "target_project.variants.csrf_exempt_session": (1, {"DRFC-801", "DRFC-802"}),
}

_built: dict[str, Path] = {}


def interpreter(version: str) -> str:
    """``pythonX.Y`` from PATH if it runs (a pyenv shim may not), else pyenv's own copy, else the
    bare version for nox to report as missing."""
    candidates = [shutil.which(f"python{version}")]
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += sorted(pyenv_root.glob(f"versions/{version}.*/bin/python{version}"), reverse=True)
    for candidate in filter(None, candidates):
        probe = subprocess.run([str(candidate), "-c", "import venv"], capture_output=True, check=False)
        if probe.returncode == 0:
            return str(candidate)
    return version


def built_wheel(session: nox.Session) -> Path:
    """The wheel of this checkout, built once per nox run (by the first session's pip)."""
    if "wheel" not in _built:
        out = Path(tempfile.mkdtemp(prefix="drf-conformance-wheel-"))
        session.run("python", "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT))
        _built["wheel"] = next(out.glob("drf_conformance-*.whl"))
    return _built["wheel"]


def failed_checks(report: Path) -> tuple[set[str], list[str]]:
    """The failed check IDs of a report.json, and its results with outcome ``error``."""
    results = json.loads(report.read_text())["results"]
    failed = {result["check_id"] for result in results if result["outcome"] == "failed"}
    errors = [f"{result['check_id']} {result.get('endpoint', '')}: {result.get('detail', '')}"
              for result in results if result["outcome"] == "error"]
    return failed, errors


def audit(session: nox.Session, settings: str, workdir: Path) -> None:
    """One audit from outside the repository, with the installed console script; asserts its verdict."""
    expected_exit, expected_failed = AUDITS[settings]
    reports = workdir / settings
    command = [str(Path(session.bin) / "drf-conformance"), "-q",
               "--ds", settings, "--report-dir", str(reports)]
    # Nothing of the checkout may leak in: no PYTHONPATH, no settings variable, cwd outside it.
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV")}
    env["PATH"] = session.bin + os.pathsep + env.get("PATH", "")
    session.log(" ".join(command[1:]))
    run = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, check=False)
    problems = []
    if run.returncode != expected_exit:
        problems.append(f"exit {run.returncode}, expected {expected_exit}")
    report = reports / "report.json"
    if report.is_file():
        failed, errors = failed_checks(report)
        if failed != expected_failed:
            problems.append(f"failed checks {sorted(failed)}, expected {sorted(expected_failed)}")
        problems += [f"error outcome: {error}" for error in errors[:5]]
    else:
        problems.append("no report.json written")
    if problems:
        tail = "\n".join((run.stdout + run.stderr).splitlines()[-25:])
        session.error(f"{settings}: " + "; ".join(problems) + f"\n{tail}")


def matrix_session(combination: Combination):
    def session_function(session: nox.Session) -> None:
        wheel = built_wheel(session)
        session.install(f"drf-conformance[reference] @ {wheel.as_uri()}", *combination.pins)
        session.run("python", "-m", "pip", "freeze", "--quiet", silent=False)
        workdir = Path(tempfile.mkdtemp(prefix="drf-conformance-matrix-"))
        session.log(f"reports in {workdir} (kept if an audit fails)")
        for settings in AUDITS:
            audit(session, settings, workdir)
        shutil.rmtree(workdir, ignore_errors=True)

    session_function.__doc__ = (f"Python {combination.python}, Django {combination.django}, "
                                f"DRF {combination.drf}, pytest {combination.pytest}: "
                                f"the wheel audits the reference deployment and {len(AUDITS) - 1} flawed variants")
    return session_function


for _combination in MATRIX:
    nox.session(name=_combination.name, python=interpreter(_combination.python),
                tags=["matrix", *_combination.tags])(matrix_session(_combination))
