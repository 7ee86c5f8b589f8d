"""The django-oauth-toolkit stack audits clean in oauth2-flows; each flawed copy is caught by exactly its check.

The embedded target_project uses DOT too: its oauth2-flows checks pass (its password grant is
accepted on purpose, CONFORMANCE['OAUTH2_ACCEPTED_GRANTS']) and DRFC-1401 is its one skip (no
view authorizes by scope).
"""

import importlib

import pytest

from tests.stacks import flawed_copies

FAMILY = "test_oauth2_flows"


def mine(run):
    return [r for r in run.report["results"] if r["family"] == "oauth2-flows"]


def test_the_sound_stack_passes_every_check(audit):
    run = audit("--ds", "tests.stacks.oauth2.settings", "-k", FAMILY)
    assert run.exit_code == 0, run.stdout[-3000:] + run.stderr[-2000:]
    results = mine(run)
    assert {r["outcome"] for r in results} == {"passed"}
    assert {r["check_id"] for r in results} == {f"DRFC-{n}" for n in range(1401, 1408)}
    assert ("DRFC-1401", "POST /api/notes/") in {(r["check_id"], r["endpoint"]) for r in results}


def test_the_embedded_target_passes_with_one_skip(shared_audit):
    run = shared_audit(elsewhere=True)  # the embedded target's whole audit, shared with tests/e2e
    assert run.exit_code == 0, run.stdout[-3000:]
    outcomes = {}
    for result in mine(run):
        outcomes.setdefault(result["check_id"], set()).add(result["outcome"])
    assert outcomes.pop("DRFC-1401") == {"skipped"}
    assert all(o == {"passed"} for o in outcomes.values()) and len(outcomes) == 6, outcomes


@pytest.mark.parametrize("flawed", flawed_copies("oauth2"))
def test_each_flawed_copy_is_caught_by_exactly_its_check(flawed, audit):
    expected = importlib.import_module(f"tests.stacks.oauth2.{flawed}").EXPECTED_FAILURES
    run = audit("--ds", f"tests.stacks.oauth2.{flawed}", "-k", FAMILY)
    assert run.exit_code == 1, run.stdout[-3000:] + run.stderr[-2000:]
    assert {r["check_id"] for r in mine(run) if r["outcome"] == "failed"} == expected, run.stdout[-3000:]
    assert not [r for r in mine(run) if r["outcome"] == "error"], run.stdout[-3000:]
