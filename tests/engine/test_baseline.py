"""Baselines (--baseline): parsing, one-line errors, matching, expiry and stale entries."""

from __future__ import annotations

from datetime import date

import pytest

from conformance.run.baseline import BaselineError, load
from conformance.run.gating import exit_code
from conformance.results import Result

TODAY = date(2026, 6, 1)

BASELINE = """
[[accepted]]
check_id = "DRFC-101"
endpoint = "GET /polls/api/questions/"
reason = "Public list until OPS-42"
expires = 2026-12-31

[[accepted]]
check_id = "DRFC-201"
endpoint = "GET /polls/api/questions/"
parameters = { scheme = "Token" }
reason = "Token padding bug, vendor fix due"
expires = "2026-06-01"

[[accepted]]
check_id = "DRFC-102"
endpoint = "GET /polls/api/questions/"
reason = "Expired on purpose"
expires = 2026-05-31
"""


def result(check_id="DRFC-101", outcome="failed", endpoint="GET /polls/api/questions/", **parameters):
    return Result(check_id=check_id, family="missing-credentials", title="t", severity="high",
                  outcome=outcome, endpoint=endpoint, detail="", cwe="CWE-306", remediation="r",
                  parameters=parameters)


@pytest.fixture
def baseline(tmp_path):
    path = tmp_path / "baseline.toml"
    path.write_text(BASELINE, encoding="utf-8")
    return load(path)


def test_an_unexpired_entry_accepts_its_failed_finding_and_the_run_passes(baseline):
    finding = result()
    finding.accepted = baseline.accept(finding, TODAY)
    assert finding.accepted == "Public list until OPS-42"
    assert exit_code([finding], "low") == 0


def test_parameters_are_a_subset_the_result_must_contain(baseline):
    assert baseline.accept(result("DRFC-201", scheme="Token", malformation="padded"), TODAY)
    assert baseline.accept(result("DRFC-201", scheme="Bearer", malformation="padded"), TODAY) is None
    assert baseline.accept(result("DRFC-201"), TODAY) is None


def test_the_expiry_day_still_counts_and_the_day_after_does_not(baseline):
    assert baseline.accept(result("DRFC-201", scheme="Token"), date(2026, 6, 1))
    assert baseline.accept(result("DRFC-201", scheme="Token"), date(2026, 6, 2)) is None


def test_only_failed_results_are_accepted(baseline):
    for outcome in ("passed", "skipped", "error"):
        assert baseline.accept(result(outcome=outcome), TODAY) is None


def test_an_expired_entry_fails_again_and_says_so(baseline):
    finding = result("DRFC-102")
    finding.accepted = baseline.accept(finding, TODAY)
    assert finding.accepted is None
    assert exit_code([finding], "low") == 1
    section, warnings = baseline.review([finding], TODAY)
    assert [e["check_id"] for e in section["expired"]] == ["DRFC-102"]
    assert section["expired"][0]["matched"] == 1
    assert any("entry 3" in w and "expired on 2026-05-31" in w and "fail the run again" in w for w in warnings)


def test_entries_matching_no_failed_result_are_stale(baseline):
    fixed = result("DRFC-101", outcome="passed")
    section, warnings = baseline.review([fixed], TODAY)
    stale = {e["check_id"]: e["why"] for e in section["stale"]}
    assert stale["DRFC-101"] == "no failed result matches it (fixed?)"
    assert stale["DRFC-201"] == "the check did not run on that endpoint in this run"
    assert sum("stale" in w for w in warnings) == 3  # the expired DRFC-102 matches nothing either
    assert section["accepted"] == 0 and section["entries"] == 3


def test_json_baselines_have_the_same_shape(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_text('{"accepted": [{"check_id": "DRFC-101", "endpoint": "GET /x/", "reason": "r", '
                    '"expires": "2030-01-01"}]}', encoding="utf-8")
    assert load(path).entries[0].expires == date(2030, 1, 1)


@pytest.mark.parametrize("text, message", [
    ("[[accepted]\n", "not valid TOML"),
    ("[[accepted]]\ncheck_id = 'DRFC-101'\n", "entry 1: missing endpoint, reason, expires"),
    ("[[accepted]]\ncheck_id='A'\nendpoint='GET /x/'\nreason='r'\nexpires=2030-01-01\nreson='typo'\n",
     "unknown key(s) reson; valid keys: check_id, endpoint, parameters, reason, expires"),
    ("[[accepted]]\ncheck_id='A'\nendpoint='/x/'\nreason='r'\nexpires=2030-01-01\n", "must be 'METHOD /path'"),
    ("[[accepted]]\ncheck_id='A'\nendpoint='GET /x/'\nreason=''\nexpires=2030-01-01\n", "reason must be a non-empty"),
    ("[[accepted]]\ncheck_id='A'\nendpoint='GET /x/'\nreason='r'\nexpires='next year'\n", "must be a date, YYYY-MM-DD"),
    ("[[accepted]]\ncheck_id='A'\nendpoint='GET /x/'\nreason='r'\nexpires=2030-01-01\nparameters=[1]\n",
     "parameters must be a table"),
    ("accepted = 3\n", "'accepted' must be a list"),
    ("[[acepted]]\n", "expected only an 'accepted' list"),
])
def test_a_malformed_baseline_is_one_line_saying_what_to_fix(tmp_path, text, message):
    path = tmp_path / "baseline.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BaselineError) as raised:
        load(path)
    assert message in str(raised.value)
    assert str(raised.value).startswith(f"--baseline {path}")
    assert "\n" not in str(raised.value)
