"""``drf-conformance --help`` is a page people read, and unsupported versions stop the run (issue 15).

The version check is proven end to end without installing old releases: a directory holding a
``Django-4.1.dist-info`` (or ``djangorestframework-3.14...``) goes first on the path, so
``importlib.metadata`` reports that version as it would for a real install.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conformance import help as help_page
from conformance import supported
from tests.conftest import REPO
from tests.install.conftest import clean_env


def drf_conformance(*args: str, env: dict[str, str] | None = None, cwd=REPO) -> subprocess.CompletedProcess:
    environment = clean_env(**{"PYTHONPATH": str(REPO), **(env or {})})
    return subprocess.run([sys.executable, "-m", "conformance", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=300, check=False)


def test_help_starts_with_what_it_does_then_options_examples_and_exit_codes():
    run = drf_conformance("--help")
    assert run.returncode == 0, run.stderr
    text = run.stdout
    assert text.startswith("usage: drf-conformance ")
    assert "pytest.main()" not in text
    assert text.splitlines()[2].startswith("Audits the authentication of a Django REST Framework deployment")
    # The suite's own options, every one the plugin declares, and the two ways to choose a target.
    for names, _ in help_page.suite_options():
        assert names[0] in text, names
    assert "--ds SETTINGS" in text and "--target-url URL" in text
    # Two examples, in-process and remote, then the exit codes of contract section 1.
    assert "drf-conformance --ds myproject.settings" in text
    assert "drf-conformance --target-url https://staging.example.com" in text
    codes = text[text.index("exit codes:"):]
    for code in "01234":
        assert f"\n  {code}  " in codes
    # One screen or so, not pytest's 400 lines: those are behind --help-all.
    assert len(text.splitlines()) < 100
    assert "--help-all" in text and "--numprocesses" not in text


def test_help_all_adds_pytests_options_under_a_heading():
    run = drf_conformance("--help-all")
    assert run.returncode == 0, run.stderr
    text = run.stdout
    assert text.startswith("usage: drf-conformance ")
    heading = text.index("pytest options (they all pass through drf-conformance")
    assert text.index("exit codes:") < heading < text.index("--maxfail")
    assert "usage: pytest" not in text and "pytest.main()" not in text


def test_help_needs_no_project(tmp_path):
    """Not even the reference deployment: --help is answered before any settings are imported."""
    run = drf_conformance("--help", env={"DJANGO_SETTINGS_MODULE": "no_such.settings"}, cwd=tmp_path)
    assert run.returncode == 0 and run.stdout.startswith("usage: drf-conformance"), run.stderr


def fake_distribution(directory, name: str, version: str):
    info = directory / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    return directory


@pytest.mark.parametrize("name, version, shown", [
    ("Django", "4.1.13", "Django 4.1.13 is not supported: drf-conformance supports Django 4.2 to 6.1"),
    ("Django", "6.2", "Django 6.2 is not supported: drf-conformance supports Django 4.2 to 6.1"),
    ("djangorestframework", "3.14.0",
     "Django REST framework 3.14.0 is not supported: drf-conformance supports Django REST framework 3.15 to 3.18"),
])
def test_an_unsupported_version_is_one_line_and_exit_2(tmp_path, name, version, shown):
    fake = fake_distribution(tmp_path / "site", name, version)
    run = drf_conformance("-q", "--report-dir", str(tmp_path / "reports"),
                          env={"PYTHONPATH": f"{fake}:{REPO}"}, cwd=tmp_path)
    assert run.returncode == 2
    lines = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"drf-conformance: {shown}"), lines
    assert supported.SKIP_VARIABLE in lines[0]


def test_remote_mode_does_not_care_which_django_is_installed(monkeypatch):
    monkeypatch.setattr(supported, "_installed", lambda distribution: "3.2.0")
    assert supported.problem(in_process=False) is None
    assert "Django 3.2.0 is not supported" in supported.problem(in_process=True)


def test_the_python_range_is_checked(monkeypatch):
    monkeypatch.setattr(supported.platform, "python_version", lambda: "3.9.18")
    assert supported.problem(in_process=False).startswith(
        "Python 3.9.18 is not supported: drf-conformance supports Python 3.10 to 3.13")
    monkeypatch.setattr(supported.platform, "python_version", lambda: "3.14.0")
    assert "Python 3.14.0 is not supported" in supported.problem(in_process=False)
    monkeypatch.setenv(supported.SKIP_VARIABLE, "1")
    assert supported.problem(in_process=False) is None


def test_the_ranges_match_pyproject():
    """The check and the package metadata say the same thing."""
    from conformance import toml

    project = toml.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == f">={supported.PYTHON[0][0]}.{supported.PYTHON[0][1]}"
    requirements = " ".join(project["dependencies"])
    low, high = supported.DJANGO
    assert f"Django>={low[0]}.{low[1]},<{high[0]}.{high[1] + 1}" in requirements
    low, high = supported.DRF
    assert f"djangorestframework>={low[0]}.{low[1]},<{high[0]}.{high[1] + 1}" in requirements
