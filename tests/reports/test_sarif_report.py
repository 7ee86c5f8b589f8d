"""report.sarif: valid against the official SARIF 2.1.0 schema, golden file, and the semantics
code-scanning dashboards rely on (levels, rules, fingerprints, suppressions, locations).

``sarif-schema-2.1.0.json`` beside this file is the OASIS schema (errata01), shipped so the test
needs no network; it declares JSON Schema draft-04, and the validator follows that declaration.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema.validators import validator_for

from conformance.reports import sarif

SCHEMA_PATH = Path(__file__).parent / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _errors(validator, log):
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)][:5]


@pytest.mark.parametrize("fixture", ["report", "passing_report"])
def test_output_validates_against_the_official_schema(sarif_validator, request, fixture):
    log = json.loads(sarif.render(request.getfixturevalue(fixture)))
    assert not _errors(sarif_validator, log)


def test_render_matches_golden_file(report, golden):
    golden("report.sarif", sarif.render(report))


def test_one_run_named_after_the_tool(report):
    log = sarif.build(report)
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "drf-conformance"
    assert driver["version"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")


def test_one_rule_per_check_including_checks_only_seen_in_results(report):
    rules = sarif.build(report)["runs"][0]["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids))
    assert set(ids) == {c["check_id"] for c in report["checks"]} | {"DRFC-1001"}
    revocation = next(rule for rule in rules if rule["id"] == "DRFC-1001")
    assert revocation["shortDescription"]["text"] == "Logout invalidates the token"
    assert revocation["properties"]["tags"] == ["revocation", "security", "external/cwe/cwe-613"]


def test_rules_carry_help_tags_and_security_severity(report):
    rules = {r["id"]: r for r in sarif.build(report)["runs"][0]["tool"]["driver"]["rules"]}
    rule = rules["DRFC-101"]
    assert rule["shortDescription"]["text"] == "Protected endpoint refuses anonymous requests"
    assert rule["fullDescription"]["text"].startswith("A request without any credentials")
    assert "Fix: Set REST_FRAMEWORK['DEFAULT_PERMISSION_CLASSES']" in rule["help"]["text"]
    assert "**Fix:** Set REST\\_FRAMEWORK" in rule["help"]["markdown"]
    assert "- <https://www.django-rest-framework.org/api-guide/permissions/>" in rule["help"]["markdown"]
    assert rule["helpUri"] == "https://www.django-rest-framework.org/api-guide/permissions/"
    assert rule["properties"]["tags"] == ["missing-credentials", "security", "external/cwe/cwe-306"]
    scores = {r["properties"]["severity"]: r["properties"]["security-severity"] for r in rules.values()}
    assert scores == {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "0.0"}


def test_only_failed_and_error_results_are_emitted_with_their_levels(report):
    results = sarif.build(report)["runs"][0]["results"]
    expected = [r for r in report["results"] if r["outcome"] in ("failed", "error")]
    assert len(results) == len(expected)
    by_rule = {(r["ruleId"], r["locations"][0]["logicalLocations"][0]["name"]): r for r in results}
    assert by_rule["DRFC-101", "GET /polls/api/choices/"]["level"] == "error"  # high
    assert by_rule["DRFC-401", "GET /polls/api/questions/"]["level"] == "error"  # critical
    assert by_rule["DRFC-901", "POST /api-token-auth/"]["level"] == "warning"  # medium
    assert by_rule["DRFC-102", "GET /polls/api/questions/"]["level"] == "note"  # low
    info = next(r for r in results if r["ruleId"] == "DRFC-1101")
    assert info["level"] == "note"
    assert all(r["kind"] == "fail" for r in results if r["properties"]["outcome"] == "failed")


def test_an_error_outcome_is_open_with_level_none(report):
    results = sarif.build(report)["runs"][0]["results"]
    error = next(r for r in results if r["properties"]["outcome"] == "error")
    assert (error["ruleId"], error["kind"], error["level"]) == ("DRFC-301", "open", "none")
    assert "could not be evaluated" in error["message"]["text"]
    invocation = sarif.build(report)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False


def test_results_are_located_at_the_endpoint(report):
    run = sarif.build(report)["runs"][0]
    assert run["originalUriBaseIds"]["TARGET"]["uri"] == "https://127.0.0.1:8443/"
    locations = {
        r["locations"][0]["logicalLocations"][0]["name"]: r["locations"][0] for r in run["results"]
    }
    location = locations["GET /polls/api/choices/"]
    assert location["logicalLocations"][0]["kind"] == "resource"
    assert location["physicalLocation"]["artifactLocation"] == {
        "uri": "polls/api/choices/", "uriBaseId": "TARGET",
    }
    hostile = locations["GET /search/?q=<script>alert(1)</script>"]
    assert hostile["physicalLocation"]["artifactLocation"]["uri"] == (
        "search/?q=%3Cscript%3Ealert(1)%3C/script%3E"
    )
    assert locations["GET /"]["physicalLocation"]["artifactLocation"]["uri"] == "./"


def test_fingerprints_are_stable_across_runs_and_distinct_per_finding(report):
    first = sarif.build(report)["runs"][0]["results"]
    rerun = copy.deepcopy(report)
    rerun["target"]["url"] = "https://127.0.0.1:51234"  # in-process ports change every run
    rerun["started_at"] = "2026-02-02T10:00:00Z"
    rerun["results"].reverse()
    second = sarif.build(rerun)["runs"][0]["results"]
    prints = [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in first]
    assert prints == [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in second]
    assert len(set(prints)) == len(prints)

    changed = copy.deepcopy(report["results"][4])
    changed["parameters"] = dict(changed["parameters"], probe="padded key")
    assert sarif.fingerprint(changed) != sarif.fingerprint(report["results"][4])


def test_accepted_findings_are_suppressed_with_the_reason(report):
    results = sarif.build(report)["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert [r["ruleId"] for r in suppressed] == ["DRFC-401"]
    assert suppressed[0]["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "Kiosk accounts are deactivated by a nightly job until ticket OPS-42 ships.",
        }
    ]


def test_the_probe_becomes_web_request_and_response(report):
    results = sarif.build(report)["runs"][0]["results"]
    malformed = next(r for r in results if r["ruleId"] == "DRFC-201")
    assert malformed["webRequest"]["headers"] == {"Authorization": "Token [REDACTED probe]"}
    assert malformed["webResponse"]["statusCode"] == 500
    assert "<script>alert(1)</script>" in malformed["webResponse"]["body"]["text"]  # JSON-escaped
    assert malformed["properties"]["curl"][0].startswith("curl -i -X GET")


def test_a_missing_response_is_recorded_as_none_received(report, sarif_validator):
    report["results"][1]["evidence"][0]["response"] = None
    log = sarif.build(report)
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "DRFC-101")
    assert result["webResponse"] == {"noResponseReceived": True}
    assert not _errors(sarif_validator, log)


def test_large_report_is_fast_and_valid(large_report, sarif_validator):
    # Speed is measured in bench/, never asserted in seconds here (the brief).
    text = sarif.render(large_report)
    assert not _errors(sarif_validator, json.loads(text))


def test_write_writes_the_render(report, tmp_path):
    path = sarif.write(report, tmp_path / "report.sarif")
    assert path.read_text(encoding="utf-8") == sarif.render(report)


def test_a_run_that_could_not_start_is_an_unsuccessful_execution(report, sarif_validator):
    report.update(results=[], summary={"passed": 0, "failed": 0, "skipped": 0, "error": 0},
                  exit_code=3, fatal="connection refused")
    log = sarif.build(report)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["exitCode"] == 3
    assert {"level": "error", "message": {"text": "Could not run: connection refused"}} in (
        invocation["toolExecutionNotifications"]
    )
    assert log["runs"][0]["results"] == []
    assert not _errors(sarif_validator, log)
