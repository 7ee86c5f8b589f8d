"""The knox stack audits clean in the families that judge its login, logout and tokens; each flawed
copy is caught by exactly its checks (issue 14: knox's login detected without any setting)."""

import pytest

from tests.stacks import flawed_copies
from tests.stacks.login_stacks import audit_copy, mine


@pytest.fixture(scope="module")
def sound(tmp_path_factory):
    _expected, run = audit_copy("knox", "settings", tmp_path_factory.mktemp("knox-sound"))
    return run


def test_the_sound_stack_passes_and_its_views_are_detected(sound):
    assert sound.exit_code == 0, sound.stdout[-3000:] + sound.stderr[-2000:]
    endpoints = sound.report["auth_endpoints"]
    assert endpoints["KNOX_LOGIN_PATH"] == {"path": "/api/auth/login/", "source": "detected"}
    assert endpoints["LOGOUT_PATH"] == {"path": "/api/auth/logout/", "source": "detected"}
    assert endpoints["LOGOUT_ALL_PATH"] == {"path": "/api/auth/logoutall/", "source": "detected"}
    passed = {(r["check_id"], r["parameters"].get("login") or r["parameters"].get("scheme"))
              for r in mine(sound) if r["outcome"] == "passed"}
    # knox's login is judged by every family that judges logins, its tokens by every aged/dead check.
    for check in ("DRFC-901", "DRFC-902", "DRFC-903", "DRFC-906", "DRFC-402", "DRFC-1002"):
        assert (check, "knox") in passed, check
    for check in ("DRFC-301", "DRFC-302", "DRFC-303", "DRFC-401", "DRFC-1001"):
        assert (check, "Token") in passed, check
    # Its Basic-credentials login has no body to malform and no room for a stale header: one skip each.
    skipped = [r for r in mine(sound) if r["outcome"] == "skipped" and r["parameters"].get("login") == "knox"]
    assert {r["check_id"] for r in skipped} == {"DRFC-904", "DRFC-905"}, [r["detail"] for r in skipped]


def test_logout_all_is_sent_only_credentials_of_their_own(sound):
    """knox's LogoutAllView deletes every token of the user: the shared knox.active must survive it."""
    controls = [r for r in mine(sound) if r["endpoint"] == "POST /api/auth/logoutall/"]
    assert {r["outcome"] for r in controls if r["check_id"] == "DRFC-401" and r["parameters"].get("scheme") == "Token"} \
        == {"passed"}
    for result in controls:
        for exchange in result["evidence"]:
            assert "knox.active]" not in exchange["request"]["headers"].get("Authorization", ""), result["check_id"]


@pytest.mark.parametrize("flawed", flawed_copies("knox"))
def test_each_flawed_copy_is_caught_by_exactly_its_checks(flawed, tmp_path):
    expected, run = audit_copy("knox", flawed, tmp_path)
    assert run.exit_code == 1, run.stdout[-3000:] + run.stderr[-2000:]
    assert {r["check_id"] for r in mine(run) if r["outcome"] == "failed"} == expected, run.stdout[-3000:]
    assert not [r for r in mine(run) if r["outcome"] == "error"], run.stdout[-3000:]
