"""A deployment with four flaws, served and audited remotely: each flaw is reported.

``served/remote_flawed_settings.py`` leaves the questions list open, uses DRF's stock
``TokenAuthentication`` (no lifetime: a token back-dated past ``MAX_TOKEN_AGE`` still works) and
stock django-oauth-toolkit ``OAuth2Authentication`` (a deactivated user's bearer token still
works). ``conformance_provision`` supplies the ``token.expired`` and ``bearer.inactive`` roles
those two need, and the ``session.*`` roles and a throwaway session from the login form catch the
session class that neither enforces CSRF nor tests ``is_active``. A family not in the catalogue yet is skipped here with the reason, not xfailed:
the test starts asserting as soon as the family lands.
"""

from __future__ import annotations

import pytest

from conformance.catalogue import all_checks
from tests.served import FLAWED_AUDIT_ARGS, FLAWED_SETTINGS


@pytest.fixture
def flawed_audit(served_audit):
    """One remote audit of the flawed deployment, shared with tests/reports/test_curl_replay.py
    (DRFC-901 is left out there, see tests/served.py; none of these tests reads it)."""
    run = served_audit(FLAWED_SETTINGS, *FLAWED_AUDIT_ARGS)
    assert run.exit_code == 1, run.stdout[-3000:] + run.stderr[-2000:]
    return run


def failed(run, family: str) -> list[dict]:
    return [r for r in run.report["results"] if r["family"] == family and r["outcome"] == "failed"]


def require_family(family: str) -> None:
    if family not in {check.family for check in all_checks()}:
        pytest.skip(f"the {family} family is not in the catalogue yet (issue 3); this test covers it once it is")


def test_open_endpoint_is_reported(flawed_audit):
    findings = failed(flawed_audit, "missing-credentials")
    assert {(r["check_id"], r["endpoint"]) for r in findings} >= {("DRFC-101", "GET /polls/api/questions/")}
    assert all(r["endpoint"] == "GET /polls/api/questions/" for r in findings), findings


def test_non_expiring_token_is_reported(flawed_audit):
    require_family("expired-token")
    findings = failed(flawed_audit, "expired-token")
    assert findings, [(r["check_id"], r["outcome"], r["detail"][:120]) for r in flawed_audit.report["results"]
                      if r["family"] == "expired-token"]
    assert any(r["parameters"].get("scheme") == "Token" for r in findings), findings


def test_deactivated_users_token_is_reported(flawed_audit):
    require_family("inactive-user")
    findings = failed(flawed_audit, "inactive-user")
    assert findings, [(r["check_id"], r["outcome"], r["detail"][:120]) for r in flawed_audit.report["results"]
                      if r["family"] == "inactive-user"]
    assert any(r["parameters"].get("scheme") == "Bearer" for r in findings), findings


def test_deactivated_users_session_is_reported(flawed_audit):
    """The ``session.inactive`` role, opened by conformance_provision before deactivation (not on
    /accounts/me/, whose own authentication_classes keep the reference session class)."""
    findings = [r for r in failed(flawed_audit, "inactive-user") if r["parameters"] == {}]
    assert {r["endpoint"] for r in findings} >= {"GET /polls/api/questions/1/", "GET /polls/api/questions/1/choices/"}, findings


def test_session_write_without_csrf_is_reported(flawed_audit):
    """Read-only mode sends unsafe requests to the declared auth endpoints only: the logout
    endpoint, with a throwaway session from SESSION_LOGIN_PATH per request."""
    findings = failed(flawed_audit, "csrf")
    assert {(r["check_id"], r["endpoint"]) for r in findings} == {
        ("DRFC-801", "POST /accounts/logout/"), ("DRFC-802", "POST /accounts/logout/")}, findings
