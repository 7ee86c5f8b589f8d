"""Bad input gets one clear line and exit 2 (or 3 for a target that cannot be served), never a traceback."""

import os
from pathlib import Path

import pytest

from tests.conftest import REPO


def assert_one_clear_line(run, *fragments):
    lines = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("drf-conformance: "), lines[0]
    assert "Traceback" not in run.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.mark.parametrize("args, fragments", [
    (["--no-such-option"], ["unrecognized arguments: --no-such-option"]),
    (["--ds", "no_such_project.settings"], ["--ds no_such_project.settings", "PYTHONPATH"]),
    (["--fail-on", "sometimes"], ["--fail-on", "never"]),
    (["--config", "absent.toml"], ["--config absent.toml", "no such file"]),
    (["--ds", "target_project.settings", "--target-url", "https://127.0.0.1:1"], ["--ds and --target-url"]),
    (["--target-url", "ftp://example.invalid/"], ["--target-url", "http"]),
])
def test_a_usage_error_is_one_line_and_exit_2(audit, args, fragments):
    run = audit(*args)
    assert run.exit_code == 2
    assert_one_clear_line(run, *fragments)


def test_an_unreadable_config_file_is_one_line_and_exit_2(audit, tmp_path):
    directory = tmp_path / "a-directory.toml"
    directory.mkdir()
    run = audit("--config", str(directory))
    assert run.exit_code == 2
    assert_one_clear_line(run, "--config", "cannot read it")


def test_an_invalid_config_value_names_the_key_and_the_choices(audit, tmp_path):
    config = tmp_path / "conformance.toml"
    config.write_text('HTTP_POLICY = "sometimes"\n')
    run = audit("--config", str(config))
    assert run.exit_code == 2
    assert_one_clear_line(run, "HTTP_POLICY")


def test_a_settings_module_that_fails_to_import_is_one_line(audit, tmp_path):
    (tmp_path / "broken_settings.py").write_text("import no_such_dependency\n")
    run = audit("--ds", "broken_settings", cwd=tmp_path)
    assert run.exit_code in (2, 3)
    assert "Traceback" not in run.stdout + run.stderr
    assert "no_such_dependency" in run.stdout + run.stderr


def test_selecting_no_check_is_a_usage_error_not_a_pass(audit):
    run = audit("-k", "no_check_has_this_name")
    assert run.exit_code == 2
    assert "no check was selected" in run.stdout + run.stderr


def test_version():
    import subprocess
    import sys

    completed = subprocess.run([sys.executable, "-m", "conformance", "--version"], capture_output=True,
                               text=True, cwd=REPO)
    assert completed.returncode == 0 and completed.stdout.startswith("drf-conformance ")


# Fails early (contract section 6): before anything is sent, in one line, exit 2. -------------

def test_a_report_dir_that_is_a_file_is_one_line_before_anything_runs(audit, tmp_path):
    a_file = tmp_path / "reports"
    a_file.write_text("not a directory")
    run = run_report_dir(audit, a_file)
    assert run.exit_code == 2
    assert_one_clear_line(run, f"--report-dir {a_file}", "not a directory")


def test_a_report_dir_under_a_file_is_one_line(audit, tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    run = run_report_dir(audit, a_file / "reports")
    assert run.exit_code == 2
    assert_one_clear_line(run, "--report-dir", "cannot write reports there")


def test_a_report_dir_nothing_can_be_created_in_is_one_line(audit):
    run = run_report_dir(audit, Path("/proc/self/drf-conformance-reports"))  # not writable, even for root
    assert run.exit_code == 2
    assert_one_clear_line(run, "--report-dir", "cannot write reports there")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into a read-only directory")
def test_a_read_only_report_dir_is_one_line(audit, tmp_path):
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    read_only.chmod(0o555)
    try:
        run = run_report_dir(audit, read_only)
    finally:
        read_only.chmod(0o755)
    assert run.exit_code == 2
    assert_one_clear_line(run, f"--report-dir {read_only}", "cannot write reports there")


def run_report_dir(audit, report_dir: Path):
    """The audit with ``report_dir`` (the fixture's own --report-dir comes first; the last wins)."""
    return audit("--report-dir", str(report_dir))


MISSING_APP = '''
from target_project.settings import *  # noqa: F403
INSTALLED_APPS = [*INSTALLED_APPS, "no_such_app"]  # noqa: F405
'''

DUPLICATE_APP = '''
from target_project.settings import *  # noqa: F403
INSTALLED_APPS = [*INSTALLED_APPS, "rest_framework"]  # noqa: F405
'''


@pytest.mark.parametrize("source, fragments", [
    (MISSING_APP, ["ModuleNotFoundError", "no_such_app", "INSTALLED_APPS"]),
    (DUPLICATE_APP, ["ImproperlyConfigured", "rest_framework"]),
])
def test_a_django_configuration_error_is_one_line_and_exit_2(audit, tmp_path, source, fragments):
    (tmp_path / "misconfigured_settings.py").write_text(source)
    run = audit("--ds", "misconfigured_settings", cwd=tmp_path)
    assert run.exit_code == 2
    assert_one_clear_line(run, "--ds misconfigured_settings", "Django could not start", *fragments)


@pytest.mark.parametrize("module, source, fragments", [
    ("misconfigured_settings", MISSING_APP, ["Django could not start", "no_such_app", "INSTALLED_APPS"]),
    ("absent_settings", None, ["no such settings module", "PYTHONPATH"]),
])
def test_plain_pytest_with_a_broken_settings_module_is_one_line_and_exit_2(tmp_path, module, source, fragments):
    """``pytest --ds ...`` (the plugin loaded from its entry point, not the CLI) words it the same:
    pytest-django alone prints a traceback and exits 1, which reads as "checks failed"."""
    import subprocess
    import sys

    if source is not None:
        (tmp_path / f"{module}.py").write_text(source)
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    environment["PYTHONPATH"] = os.pathsep.join([str(tmp_path), str(REPO)])
    completed = subprocess.run([sys.executable, "-m", "pytest", "--ds", module, "-q", "-p", "no:cacheprovider"],
                               cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=300)
    lines = [line for line in (completed.stdout + completed.stderr).splitlines() if line.strip()]
    assert completed.returncode == 2, lines
    assert lines == [lines[0]] and lines[0].startswith(f"drf-conformance: --ds {module}: "), lines
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
