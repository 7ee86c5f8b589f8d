"""The dj-rest-auth stack (token, JWT in headers, JWT in cookies) audits clean in the families that judge
its login, logout and cookies, with no setting naming its endpoints; each flawed copy is caught by
exactly its checks.

A sound mode is audited once in all of those families (``FAMILY_SELECTION``), so a false positive
anywhere there shows; a flawed copy only in the family of its mistake (``-k``), to keep the suite
cheap: the sound runs prove the other families stay quiet on the same code.
"""

import importlib

import pytest

from tests.stacks import FAMILY_SELECTION, flawed_copies

SELECTION = FAMILY_SELECTION["dj_rest_auth"]
# The scenarios of each flawed copy's expected checks (their families run whole on the sound modes).
NARROW = {"DRFC-901": "test_login_after_expiry", "DRFC-903": "test_failed_logins_are_indistinguishable",
          "DRFC-1302": "test_refresh_token", "DRFC-1303": "test_refresh_token",
          "DRFC-707": "test_token_cookie_attributes", "DRFC-803": "test_token_cookie_write"}


def bad(run):
    return [(r["check_id"], r["endpoint"], r["outcome"], r["detail"][:200]) for r in run.report["results"]
            if r["outcome"] in ("failed", "error")]


def passed(run) -> set[str]:
    return {r["check_id"] for r in run.report["results"] if r["outcome"] == "passed"}


@pytest.mark.parametrize(("mode", "login_key", "judged"), [
    ("settings", "TOKEN_LOGIN_PATH", {"DRFC-401", "DRFC-402", "DRFC-901", "DRFC-902", "DRFC-903", "DRFC-905",
                                      "DRFC-1001", "DRFC-1002", "DRFC-301", "DRFC-302"}),
    ("jwt_headers", "JWT_LOGIN_PATH", {"DRFC-402", "DRFC-901", "DRFC-903", "DRFC-905", "DRFC-1301", "DRFC-1302",
                                       "DRFC-1303", "DRFC-1304"}),
    ("jwt_cookies", "JWT_LOGIN_PATH", {"DRFC-402", "DRFC-901", "DRFC-1302", "DRFC-1303", "DRFC-707", "DRFC-803"}),
])
def test_each_sound_mode_audits_clean_with_its_endpoints_detected(mode, login_key, judged, audit):
    run = audit("--ds", f"tests.stacks.dj_rest_auth.{mode}", "-k", SELECTION)
    assert run.exit_code == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert not bad(run), bad(run)
    assert judged <= passed(run), judged - passed(run)
    endpoints = run.report["auth_endpoints"]
    assert endpoints[login_key] == {"path": "/auth/login/", "source": "detected"}
    assert endpoints["LOGOUT_PATH"] == {"path": "/auth/logout/", "source": "detected"}
    if login_key == "JWT_LOGIN_PATH":
        assert endpoints["JWT_REFRESH_PATH"] == {"path": "/auth/token/refresh/", "source": "detected"}
        assert endpoints["JWT_BLACKLIST_PATH"] == {"path": "/auth/logout/", "source": "detected"}


@pytest.mark.parametrize("flawed", flawed_copies("dj_rest_auth"))
def test_each_flawed_copy_is_caught_by_exactly_its_checks(flawed, audit):
    expected = importlib.import_module(f"tests.stacks.dj_rest_auth.{flawed}").EXPECTED_FAILURES
    narrow = " or ".join(sorted({NARROW[check] for check in expected}))
    run = audit("--ds", f"tests.stacks.dj_rest_auth.{flawed}", "-k", narrow)
    assert run.exit_code == 1, run.stdout[-3000:] + run.stderr[-2000:]
    assert {r["check_id"] for r in run.report["results"] if r["outcome"] == "failed"} == expected, bad(run)
    assert not [r for r in run.report["results"] if r["outcome"] == "error"], bad(run)
    for result in run.report["results"]:  # the remediation names dj-rest-auth's own setting
        if result["outcome"] == "failed" and result["check_id"] in ("DRFC-707", "DRFC-803"):
            assert 'REST_AUTH["JWT_AUTH_' in result["remediation"], result["remediation"]
