"""The simplejwt stack audits clean in its own families; each flawed copy is caught by exactly its checks.

Only token-integrity and refresh-token run (``-k``): the stack is the reference deployment with
simplejwt as its API authentication, and its other families are proven elsewhere.
"""

import importlib

import pytest

from tests.stacks import flawed_copies

FAMILIES = "test_token_integrity or test_refresh_token"
MINE = {"token-integrity", "refresh-token"}


def mine(run):
    return [r for r in run.report["results"] if r["family"] in MINE]


@pytest.mark.parametrize("sound", ["settings", "rs256"])
def test_the_sound_stack_passes_every_check_of_its_families(sound, shared_audit):
    run = shared_audit("--ds", f"tests.stacks.simplejwt.{sound}", "-k", FAMILIES)
    assert run.exit_code == 0, run.stdout[-3000:] + run.stderr[-2000:]
    outcomes = {}
    for result in mine(run):
        outcomes.setdefault(result["check_id"], set()).add(result["outcome"])
    # Every check ran and passed, but key confusion where nothing is asymmetric (one skip).
    expected = {f"DRFC-{n}" for n in (*range(1201, 1208), *range(1301, 1306))}
    assert set(outcomes) == expected
    skipped = {c for c, o in outcomes.items() if o != {"passed"}}
    assert skipped == ({"DRFC-1204"} if sound == "settings" else set()), outcomes
    endpoints = run.report["auth_endpoints"]
    for key, path in (("JWT_LOGIN_PATH", "/api/token/"), ("JWT_REFRESH_PATH", "/api/token/refresh/"),
                      ("JWT_BLACKLIST_PATH", "/api/token/blacklist/")):
        assert endpoints[key] == {"path": path, "source": "detected"}


def test_no_issued_or_forged_token_reaches_a_report(shared_audit):
    run = shared_audit("--ds", "tests.stacks.simplejwt.settings", "-k", FAMILIES)  # the sound stack's audit
    texts = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in run.report_dir.iterdir()}
    # A JWT's signature is its secret part: 43 base64url characters for HS256 after the 2nd dot.
    import re

    for name, text in texts.items():
        for token in re.findall(r"eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{20,}", text):
            raise AssertionError(f"{name} holds a whole JWT: {token[:20]}...")


@pytest.mark.parametrize("flawed", flawed_copies("simplejwt"))
def test_each_flawed_copy_is_caught_by_exactly_its_checks(flawed, audit):
    expected = importlib.import_module(f"tests.stacks.simplejwt.{flawed}").EXPECTED_FAILURES
    run = audit("--ds", f"tests.stacks.simplejwt.{flawed}", "-k", FAMILIES)
    assert run.exit_code == 1, run.stdout[-3000:] + run.stderr[-2000:]
    assert {r["check_id"] for r in mine(run) if r["outcome"] == "failed"} == expected, run.stdout[-3000:]
    assert not [r for r in mine(run) if r["outcome"] == "error"], run.stdout[-3000:]


def test_without_simplejwt_each_check_is_one_skip_saying_so(shared_audit):
    # The embedded target_project (DRF tokens and DOT, no simplejwt): its whole audit, shared with tests/e2e.
    run = shared_audit(elsewhere=True)
    assert run.exit_code == 0, run.stdout[-3000:]
    results = mine(run)
    assert len(results) == len({r["check_id"] for r in results}) == 12
    assert {r["outcome"] for r in results} == {"skipped"}
    assert all("simplejwt is not used here" in r["detail"] for r in results), results[0]["detail"]
