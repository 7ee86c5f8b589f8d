"""tests/projects/clinic: an e-mail user model with REQUIRED_FIELDS, a non-null ``public_id``, a
clinic foreign key that needs a fixture, and a login that takes ``email`` (issue 13).

It audits to completion with no setting beyond its own FIXTURES, in-process and remotely; without
the fixture, one line names FIXTURES; the USER_FACTORY hook makes users the project's own way.
"""

import json

import pytest

from tests.conftest import run_audit
from tests.projects.conftest import PROJECTS

CLINIC = PROJECTS / "clinic"


def audit_in_process(report_dir, *args):
    return run_audit(["--ds", "clinic_site.settings", "--keep-all-evidence", *args], report_dir, cwd=CLINIC)


@pytest.fixture(scope="module")
def clinic_audit(tmp_path_factory):
    return audit_in_process(tmp_path_factory.mktemp("clinic") / "reports")


def test_the_clinic_audits_to_a_pass_in_process(clinic_audit):
    assert clinic_audit.exit_code == 0, clinic_audit.stdout[-3000:] + clinic_audit.stderr[-2000:]
    report = clinic_audit.report
    assert report["summary"]["error"] == 0 and report["summary"]["failed"] == 0
    assert report["summary"]["passed"] > 100


def test_logins_post_the_email_field_the_login_view_takes(clinic_audit):
    """Learned from the login view's serializer: no LOGIN_FIELDS setting."""
    token_endpoint = [r for r in clinic_audit.report["results"]
                      if r["family"] == "token-endpoint" and r["parameters"].get("login") == "token"]
    passed = {r["check_id"] for r in token_endpoint if r["outcome"] == "passed"}
    assert {"DRFC-902", "DRFC-903", "DRFC-904", "DRFC-905", "DRFC-906"} <= passed, token_endpoint
    bodies = [e["request"]["body"] for r in token_endpoint for e in r["evidence"]
              if e["request"]["url"].endswith("/api/login/") and isinstance(e["request"]["body"], str)]
    assert bodies and all("username=" not in body for body in bodies)
    assert any(body.startswith("email=") and "%40conformance.invalid" in body for body in bodies)


def test_without_its_fixture_one_line_names_fixtures(tmp_path):
    config = tmp_path / "no-fixtures.toml"
    config.write_text("FIXTURES = []\n", encoding="utf-8")
    run = audit_in_process(tmp_path / "reports", "--config", str(config))
    assert run.exit_code == 3, run.stdout[-3000:]
    line = next(line for line in run.stdout.splitlines() if "provisioning failed" in line)
    assert "CONFORMANCE['FIXTURES']" in line and "USER_FACTORY" in line and "clinic" in line
    assert "Traceback" not in run.stdout + run.stderr


def test_a_user_factory_makes_the_users_the_projects_way(tmp_path):
    config = tmp_path / "factory.toml"
    config.write_text('FIXTURES = []\nUSER_FACTORY = "clinic.testing.make_patient"\n', encoding="utf-8")
    run = audit_in_process(tmp_path / "reports", "--config", str(config), "-k", "DRFC_101 or test_anonymous")
    assert run.exit_code == 0, run.stdout[-3000:]
    assert run.report["summary"]["passed"] > 0 and run.report["summary"]["error"] == 0


def test_a_user_factory_that_cannot_be_imported_is_a_usage_line(tmp_path):
    config = tmp_path / "factory.toml"
    config.write_text('USER_FACTORY = "clinic.testing.no_such_function"\n', encoding="utf-8")
    run = audit_in_process(tmp_path / "reports", "--config", str(config))
    assert run.exit_code == 3, run.stdout[-3000:]
    assert "USER_FACTORY 'clinic.testing.no_such_function' is not an importable function" in run.stdout


def test_the_clinic_audits_remotely_and_learns_the_email_field(serve_project, tmp_path):
    """A black box: the login's own 400 answer ({"email": ["This field is required."]}) teaches
    the field name, so the e-mail login works with no setting."""
    served = serve_project("clinic", ("clinics",))
    credentials = json.loads(served.credentials.read_text())
    assert "@conformance.invalid" in credentials["password"]["username"]
    assert "session" not in credentials  # no view accepts session cookies: no session roles
    config = tmp_path / "conformance.toml"
    config.write_text('TOKEN_LOGIN_PATH = "/api/login/"\nMAX_TOKEN_AGE = "1d"\n', encoding="utf-8")
    endpoints = tmp_path / "endpoints.txt"
    endpoints.write_text("GET /api/me/\nGET /api/clinics/\nGET /api/clinics/1/\nPOST /api/login/\n", encoding="utf-8")
    run = served.audit(tmp_path / "reports", "--config", str(config), "--endpoints", str(endpoints))
    assert run.exit_code == 0, run.stdout[-4000:] + run.stderr[-2000:]
    report = run.report
    assert report["summary"]["error"] == 0 and report["summary"]["failed"] == 0
    passed = {r["check_id"] for r in report["results"] if r["outcome"] == "passed"}
    assert {"DRFC-101", "DRFC-902", "DRFC-903", "DRFC-905"} <= passed


def test_conformance_provision_without_the_fixture_says_so_in_one_line(tmp_path):
    import subprocess
    import sys

    from tests.projects.conftest import manage, project_env

    env = project_env("clinic", tmp_path / "db.sqlite3")
    manage(env, CLINIC, "migrate", "--noinput", "-v", "0")
    completed = subprocess.run([sys.executable, "-m", "django", "conformance_provision", "--output",
                                str(tmp_path / "creds.json")], env=env, cwd=CLINIC, capture_output=True,
                               text=True, timeout=120, check=False)
    assert completed.returncode == 1 and "Traceback" not in completed.stderr, completed.stderr[-2000:]
    assert "CONFORMANCE['FIXTURES']" in completed.stderr and "USER_FACTORY" in completed.stderr
    assert not (tmp_path / "creds.json").exists() and not (tmp_path / "creds.json.ledger").exists()


def test_a_foreign_key_the_database_refuses_names_fixtures(tmp_path):
    config = tmp_path / "factory.toml"
    config.write_text('USER_FACTORY = "clinic.testing.make_patient_of_a_missing_clinic"\n', encoding="utf-8")
    run = audit_in_process(tmp_path / "reports", "--config", str(config))
    assert run.exit_code == 3, run.stdout[-3000:]
    line = next(line for line in run.stdout.splitlines() if "provisioning failed" in line)
    assert "the database refused a test user" in line and "FOREIGN KEY" in line.upper()
    assert "CONFORMANCE['FIXTURES']" in line
