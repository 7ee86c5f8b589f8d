"""--compare: new, fixed, unchanged and not re-checked findings; unusable previous reports."""

from __future__ import annotations

import json

import pytest

from conformance.run.compare import CompareError, compare, load_previous


def result(check_id, outcome, endpoint="GET /x/", **parameters):
    return {"check_id": check_id, "endpoint": endpoint, "outcome": outcome, "parameters": parameters,
            "title": f"title of {check_id}", "severity": "high"}


def report(*results):
    return {"schema_version": 1, "tool": {"name": "drf-conformance", "version": "0"},
            "started_at": "2026-01-01T00:00:00Z", "exit_code": 1, "results": list(results)}


def test_findings_are_new_fixed_unchanged_or_not_rechecked():
    previous = report(
        result("DRFC-101", "failed"),                      # still failing: unchanged
        result("DRFC-102", "failed"),                      # passes now: fixed
        result("DRFC-201", "failed", scheme="Token"),      # skipped now: not re-checked
        result("DRFC-201", "failed", scheme="Bearer"),     # not run now (-k): not re-checked
        result("DRFC-103", "passed"),
    )
    now = [
        result("DRFC-101", "failed"),
        result("DRFC-102", "passed"),
        result("DRFC-201", "skipped", scheme="Token"),
        result("DRFC-103", "failed"),                      # passed before: new
        result("DRFC-201", "failed", scheme="Token", probe="padded"),  # other parameters: new
    ]
    comparison = compare(previous, now, "old/report.json")
    keys = {kind: [(f["check_id"], tuple(f["parameters"].items())) for f in comparison[kind]]
            for kind in ("new", "fixed", "unchanged", "not_rechecked")}
    assert keys["unchanged"] == [("DRFC-101", ())]
    assert keys["fixed"] == [("DRFC-102", ())]
    assert sorted(keys["new"]) == [("DRFC-103", ()), ("DRFC-201", (("scheme", "Token"), ("probe", "padded")))]
    assert keys["not_rechecked"] == [("DRFC-201", (("scheme", "Token"),)), ("DRFC-201", (("scheme", "Bearer"),))]
    assert [f["now"] for f in comparison["not_rechecked"]] == ["skipped", "not run"]
    assert comparison["previous"] == {"file": "old/report.json", "started_at": "2026-01-01T00:00:00Z",
                                      "exit_code": 1}


def test_parameter_values_match_as_strings():
    previous = report(result("DRFC-201", "failed", size=8192))
    comparison = compare(previous, [result("DRFC-201", "failed", size="8192")], "p")
    assert len(comparison["unchanged"]) == 1 and not comparison["new"]


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid JSON"),
    ("[]", "not a drf-conformance report.json"),
    ('{"tool": {"name": "zap"}, "results": []}', "not a drf-conformance report.json"),
    ('{"schema_version": 2, "tool": {"name": "drf-conformance"}, "results": []}', "schema_version 2 is not 1"),
    ('{"schema_version": 1, "tool": {"name": "drf-conformance"}, "results": [{"check_id": "X"}]}',
     "result 1 lacks check_id, endpoint or outcome"),
])
def test_an_unusable_previous_report_is_one_line(tmp_path, content, message):
    path = tmp_path / "report.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CompareError) as raised:
        load_previous(path)
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_a_previous_report_loads(tmp_path):
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report(result("DRFC-101", "failed"))), encoding="utf-8")
    assert load_previous(path)["results"][0]["check_id"] == "DRFC-101"
