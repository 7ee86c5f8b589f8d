"""The djoser stack audits clean in the families that judge its logins and logout; each flawed copy
is caught by exactly its checks (issue 14: djoser's token and JWT logins detected without any setting)."""

import pytest

from tests.stacks import flawed_copies
from tests.stacks.login_stacks import audit_copy, mine


@pytest.fixture(scope="module")
def sound(tmp_path_factory):
    _expected, run = audit_copy("djoser", "settings", tmp_path_factory.mktemp("djoser-sound"))
    return run


def test_the_sound_stack_passes_and_its_views_are_detected(sound):
    assert sound.exit_code == 0, sound.stdout[-3000:] + sound.stderr[-2000:]
    endpoints = sound.report["auth_endpoints"]
    assert endpoints["DJOSER_LOGIN_PATH"] == {"path": "/auth/token/login", "source": "detected"}
    assert endpoints["JWT_LOGIN_PATH"] == {"path": "/auth/jwt/create", "source": "detected"}
    assert endpoints["LOGOUT_PATH"] == {"path": "/auth/token/logout", "source": "detected"}
    passed = {(r["check_id"], r["parameters"].get("login") or r["parameters"].get("scheme"))
              for r in mine(sound) if r["outcome"] == "passed"}
    for login in ("djoser", "jwt"):  # both of djoser's logins, judged by every login check
        for check in ("DRFC-901", "DRFC-902", "DRFC-903", "DRFC-904", "DRFC-905", "DRFC-906", "DRFC-402"):
            assert (check, login) in passed, (check, login)
    assert ("DRFC-1002", "djoser") in passed
    for scheme in ("Token", "Bearer"):
        for check in ("DRFC-301", "DRFC-302", "DRFC-303", "DRFC-401"):
            assert (check, scheme) in passed, (check, scheme)
    # djoser's DRF tokens are aged from its own login (not TOKEN_LOGIN_PATH, which is not routed).
    logins = {e["request"]["url"].split("/", 3)[-1] for r in mine(sound) if r["check_id"] == "DRFC-301"
              and r["parameters"].get("scheme") == "Token" for e in r["evidence"] if e["role"] == "login"}
    assert logins == {"auth/token/login"}, logins


@pytest.mark.parametrize("flawed", flawed_copies("djoser"))
def test_each_flawed_copy_is_caught_by_exactly_its_checks(flawed, tmp_path):
    expected, run = audit_copy("djoser", flawed, tmp_path)
    assert run.exit_code == 1, run.stdout[-3000:] + run.stderr[-2000:]
    failed = [r for r in mine(run) if r["outcome"] == "failed"]
    assert {r["check_id"] for r in failed} == expected, run.stdout[-3000:]
    # The mistake is djoser's token login's, never simplejwt's beside it.
    assert {r["parameters"].get("login") or r["parameters"].get("scheme") for r in failed} <= {"djoser", "Token"}
    assert not [r for r in mine(run) if r["outcome"] == "error"], run.stdout[-3000:]
