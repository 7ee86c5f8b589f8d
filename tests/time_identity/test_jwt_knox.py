"""simplejwt and knox tokens: expiry under frozen time and deactivated users, caught when broken.

``target_project.jwt_knox.settings`` is the reference deployment plus JWT and knox schemes; each
flawed module beside it breaks one thing. Only the four time-and-identity families are run: both
libraries carry findings of their own elsewhere (knox answers a latin-1 token with a 500,
simplejwt compares its scheme word case-sensitively), which are not what these tests prove.
"""

import importlib

import pytest

FAMILIES = "test_expired_token or test_inactive_user or test_token_endpoint or test_revocation"
MINE = {"expired-token", "inactive-user", "token-endpoint", "revocation"}


def results(run):
    return [r for r in run.report["results"] if r["family"] in MINE]


def test_jwt_and_knox_tokens_expire_and_die_with_their_user(shared_audit):
    run = shared_audit("--ds", "target_project.jwt_knox.settings", "-k", FAMILIES, "--keep-all-evidence")
    assert run.exit_code == 0, run.stdout[-3000:] + run.stderr[-2000:]
    passed = {(r["check_id"], r["parameters"].get("scheme")) for r in results(run) if r["outcome"] == "passed"}
    for scheme in ("JWT", "Knox"):
        for check in ("DRFC-301", "DRFC-302", "DRFC-303", "DRFC-401"):
            assert (check, scheme) in passed, (check, scheme)
    assert {r["outcome"] for r in results(run) if r["parameters"].get("scheme") == "JWT"
            and r["check_id"] == "DRFC-1001"} == {"skipped"}


def test_jwt_and_knox_logins_are_detected_used_and_kept_out_of_the_reports(shared_audit):
    # The audit above, read again (every exchange kept): its expired-token family logs in with both schemes.
    run = shared_audit("--ds", "target_project.jwt_knox.settings", "-k", FAMILIES, "--keep-all-evidence")
    endpoints = run.report["auth_endpoints"]
    assert endpoints["JWT_LOGIN_PATH"] == {"path": "/accounts/jwt/", "source": "detected"}
    assert endpoints["KNOX_LOGIN_PATH"] == {"path": "/accounts/knox/login/", "source": "detected"}
    logins = {(r["parameters"].get("scheme"), e["request"]["url"].split("/", 3)[-1])
              for r in run.report["results"] for e in r["evidence"] if e["role"] == "login"}
    assert ("JWT", "accounts/jwt/") in logins and ("Knox", "accounts/knox/login/") in logins
    # simplejwt answers {"access": ..., "refresh": ...}: neither may reach any report file.
    for report in run.report_dir.iterdir():
        assert "eyJ" not in report.read_text(encoding="utf-8", errors="replace"), report.name


@pytest.mark.parametrize(("flawed", "scheme"), [
    ("inactive_jwt", "JWT"), ("never_expiring_knox", "Knox"), ("long_lived_jwt", "JWT"),
])
def test_each_flaw_is_caught_for_its_scheme_only(flawed, scheme, audit):
    expected = importlib.import_module(f"target_project.jwt_knox.{flawed}").EXPECTED_FAILURES
    run = audit("--ds", f"target_project.jwt_knox.{flawed}", "-k", FAMILIES)
    failed = [r for r in results(run) if r["outcome"] == "failed"]
    assert {r["check_id"] for r in failed} == expected, run.stdout[-3000:]
    assert {r["parameters"].get("scheme") for r in failed} == {scheme}
    assert not [r for r in results(run) if r["outcome"] == "error"], run.stdout[-3000:]
