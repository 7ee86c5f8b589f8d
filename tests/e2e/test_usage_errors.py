"""Bad input gets one clear line and exit 2 (or 3 for a target that cannot be served), never a traceback."""

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
