"""Installing the suite into a project leaves the project's own packages alone (issue 15).

A project that pins Django 6.1 and django-oauth-toolkit 1.7 (an old DOT the suite's reference
deployment does not use) installs its requirements into a fresh venv; then the built wheel goes
in with plain ``pip install``. ``pip freeze`` of the pinned packages must be the same before and
after, and pip's own plan (``--dry-run --report``) must list neither of them. Django 6 needs
Python 3.12 or newer: the venv takes one from PATH or pyenv, or the test is skipped, saying so.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.install.conftest import make_venv, pip

PROJECT_REQUIREMENTS = "Django==6.1.*\ndjango-oauth-toolkit==1.7.*\n"
PINNED = ("django", "django-oauth-toolkit")


def python_for_django_6() -> str | None:
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    for version in ("3.13", "3.12"):
        candidates = [shutil.which(f"python{version}"), *sorted(pyenv.glob(f"versions/{version}.*/bin/python{version}"))]
        for candidate in filter(None, candidates):
            if subprocess.run([str(candidate), "-c", "import venv"], capture_output=True, check=False).returncode == 0:
                return str(candidate)
    return None


def frozen(python: Path) -> dict[str, str]:
    lines = pip(python, "freeze").stdout.splitlines()
    versions = dict(line.lower().split("==", 1) for line in lines if "==" in line)
    return {name: versions.get(name) for name in PINNED}


def test_a_project_pinning_django_6_1_and_dot_1_7_keeps_both(tmp_path, wheel):
    interpreter = python_for_django_6()
    if interpreter is None:
        pytest.skip("no Python 3.12 or 3.13 here (Django 6.1 needs one): install it, e.g. with pyenv")
    python = make_venv(tmp_path / "project-venv", interpreter)
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(PROJECT_REQUIREMENTS)
    pip(python, "install", "--quiet", "-r", str(requirements))
    before = frozen(python)
    assert before["django"].startswith("6.1") and before["django-oauth-toolkit"].startswith("1.7"), before

    plan = tmp_path / "plan.json"
    pip(python, "install", "--dry-run", "--quiet", "--report", str(plan), str(wheel))
    planned = {item["metadata"]["name"].lower() for item in json.loads(plan.read_text())["install"]}
    assert not planned & set(PINNED), planned

    pip(python, "install", "--quiet", str(wheel))
    assert frozen(python) == before
    # And the suite runs there: the help page imports the plugin, with DOT 1.7 beside it.
    run = subprocess.run([str(python.parent / "drf-conformance"), "--help"], capture_output=True, text=True,
                         cwd=tmp_path, timeout=120, check=False)
    assert run.returncode == 0 and run.stdout.startswith("usage: drf-conformance"), run.stderr
