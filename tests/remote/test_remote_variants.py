"""Issue 12's remote parity, proven on served variants (gunicorn over TLS, conformance_provision):

- a long-lived bearer token shows its lifetime in the OAuth2 token answer's ``expires_in``:
  DRFC-301 fails without moving any clock (``long_lived_bearer``);
- DRF's stock ``obtain_auth_token`` hands the back-dated token of role ``expired_password`` back:
  DRFC-901 fails remotely (``stock_token_login``);
- the reference passes both.
"""

from __future__ import annotations

import pytest
import requests

from tests.served import remote_audit


@pytest.fixture
def audited(served_audit):
    """The remote audit of a served variant (the reference's is test_end_to_end.py's, run once)."""
    return served_audit


def results(run, check_id: str, **parameters) -> list[dict]:
    return [r for r in run.report["results"] if r["check_id"] == check_id
            and all(r["parameters"].get(k) == v for k, v in parameters.items())]


def test_a_long_lived_bearer_is_caught_by_its_expires_in(audited):
    run = audited("target_project.variants.long_lived_bearer")
    visible = results(run, "DRFC-301", visible_kind="bearer")
    assert [r["outcome"] for r in visible] == ["failed"], visible
    assert "expires_in = 5184000" in visible[0]["actual"]
    assert run.outcomes("failed") == {"DRFC-301"}, run.stdout[-3000:]


def test_a_stock_login_that_hands_back_the_dead_token_is_caught_remotely(audited):
    run = audited("target_project.variants.stock_token_login")
    relogin = results(run, "DRFC-901", login="token")
    assert [r["outcome"] for r in relogin] == ["failed"], relogin
    assert "handed back the expired token" in relogin[0]["detail"]


def test_the_reference_passes_both_remotely(audited):
    run = audited("target_project.settings")
    assert [r["outcome"] for r in results(run, "DRFC-301", visible_kind="bearer")] == ["passed"]
    assert [r["outcome"] for r in results(run, "DRFC-901", login="token")] == ["passed"]
    assert run.exit_code == 0, run.stdout[-3000:]



def test_the_stock_csrf_failure_page_is_no_debug_leak_remotely(served_deployment, tmp_path):
    """django_logout_view: an anonymous POST to Django's own LogoutView, listed in an endpoints
    file as auditors list it, gets the stock CSRF failure page (403, DEBUG = False), which says
    "More information is available with DEBUG=True."; DRFC-1103 read that as a DEBUG leak (issue 12).
    Narrowed to the anonymous checks, which meet the page, and the run-level debug check."""
    deployment = served_deployment("target_project.variants.django_logout_view")
    page = requests.post(f"{deployment.url}/accounts/logout/", verify=str(deployment.ca_bundle), timeout=10)
    assert page.status_code == 403 and "More information is available with DEBUG=True." in page.text
    endpoints = tmp_path / "endpoints.txt"
    endpoints.write_text("POST /accounts/logout/\nGET /polls/api/questions/\n", encoding="utf-8")
    run = remote_audit(deployment, tmp_path / "reports", "--endpoints", str(endpoints),
                       extra=("-k", "test_anonymous_request_is_refused or test_no_answer_of_the_run_shows_debug_output"))
    assert run.exit_code == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert [r["outcome"] for r in results(run, "DRFC-101") if r["endpoint"] == "POST /accounts/logout/"] == ["passed"]
    assert [r["outcome"] for r in results(run, "DRFC-1103")] == ["passed"]
