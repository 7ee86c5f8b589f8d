"""The allauth headless stack audits clean in the families that judge its app-client login and its
``X-Session-Token``, with no setting naming its endpoints; each flawed copy is caught by exactly its
checks.

The sound stack is audited once (``shared_audit``) in all of those families, so a false positive
anywhere there shows; a flawed copy only in the scenario of its mistake (``-k``), to keep it cheap.
"""

import importlib
from pathlib import Path

import pytest

from tests.stacks import FAMILY_SELECTION, flawed_copies

SELECTION = FAMILY_SELECTION["allauth_headless"]
NARROW = {"DRFC-401": "test_deactivated_users_credential_is_refused",
          "DRFC-903": "test_failed_logins_are_indistinguishable", "DRFC-304": "test_session_older",
          "DRFC-1001": "test_logged_out_credential_is_refused", "DRFC-1002": "test_next_login_yields_a_new_token"}


def bad(run):
    return [(r["check_id"], r["endpoint"], r["outcome"], r["detail"][:200]) for r in run.report["results"]
            if r["outcome"] in ("failed", "error")]


@pytest.fixture
def sound(shared_audit):
    """One audit of the sound stack for the run, read by every test here (tests/conftest.py)."""
    return shared_audit("--ds", "tests.stacks.allauth_headless.settings", "-k", SELECTION)


def test_the_sound_stack_audits_clean_with_its_endpoints_detected(sound):
    assert sound.exit_code == 0, sound.stdout[-3000:] + sound.stderr[-2000:]
    assert not bad(sound), bad(sound)
    endpoints = sound.report["auth_endpoints"]
    assert endpoints["ALLAUTH_LOGIN_PATH"] == {"path": "/_allauth/app/v1/auth/login", "source": "detected"}
    assert endpoints["ALLAUTH_SESSION_PATH"] == {"path": "/_allauth/app/v1/auth/session", "source": "detected"}


def test_its_login_and_its_session_token_are_judged(sound):
    passed = {r["check_id"] for r in sound.report["results"] if r["outcome"] == "passed"}
    # the login (token-endpoint, DRFC-402) and the X-Session-Token on the API (DRFC-401)
    assert {"DRFC-401", "DRFC-402", "DRFC-902", "DRFC-903", "DRFC-905", "DRFC-1001", "DRFC-1002", "DRFC-304"} <= passed, passed
    judged_401 = [r for r in sound.report["results"] if r["check_id"] == "DRFC-401" and r["outcome"] == "passed"]
    # judged with the session token sent as allauth's own header, never as Authorization
    sent = [e["request"]["headers"] for r in judged_401 for e in r["evidence"] if e.get("request")]
    assert sent and any("X-Session-Token" in headers for headers in sent), sent[:2]
    assert not any("Authorization" in headers for headers in sent), sent[:2]


def test_no_session_token_reaches_a_report(sound):
    # every token the login issued (meta.session_token) was registered and redacted: the raw
    # 32-character session keys of allauth never appear in any report file
    import re

    for path in Path(sound.report_dir).iterdir():
        if path.is_file():
            text = path.read_text(errors="replace")
            assert not re.search(r'"session_token":\s*"[a-z0-9]{32}"', text), path.name


@pytest.mark.parametrize("flawed", flawed_copies("allauth_headless"))
def test_each_flawed_copy_is_caught_by_exactly_its_checks(flawed, audit):
    expected = importlib.import_module(f"tests.stacks.allauth_headless.{flawed}").EXPECTED_FAILURES
    narrow = " or ".join(sorted({NARROW[check] for check in expected}))
    run = audit("--ds", f"tests.stacks.allauth_headless.{flawed}", "-k", narrow)
    assert run.exit_code == 1, run.stdout[-3000:] + run.stderr[-2000:]
    assert {r["check_id"] for r in run.report["results"] if r["outcome"] == "failed"} == expected, bad(run)
    assert not [r for r in run.report["results"] if r["outcome"] == "error"], bad(run)
