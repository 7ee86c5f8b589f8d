"""docs/report.schema.json: the fixture report validates, and broken copies of it do not.

The engine's own tests validate every report.json it writes against the same file, so this test
pins the schema to contract section 5: a schema that accepted anything would pass them all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_the_schema_declares_draft_2020_12():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("fixture", ["report", "passing_report", "large_report"])
def test_fixture_reports_validate(validator, request, fixture):
    errors = list(validator.iter_errors(request.getfixturevalue(fixture)))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_a_report_as_written_to_disk_validates(validator, report, tmp_path):
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    validator.validate(json.loads(path.read_text(encoding="utf-8")))


def _drop(key):
    def mutate(report):
        del report[key]
    return mutate


def _set(*path_and_value):
    *path, value = path_and_value

    def mutate(report):
        node = report
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
    return mutate


def _drop_in_first_result(key):
    def mutate(report):
        del report["results"][0][key]
    return mutate


MUTATIONS = {
    "bad outcome": _set("results", 0, "outcome", "flaky"),
    "outcome in capitals": _set("results", 0, "outcome", "PASSED"),
    "missing check_id": _drop_in_first_result("check_id"),
    "missing evidence": _drop_in_first_result("evidence"),
    "missing endpoint": _drop_in_first_result("endpoint"),
    "unknown family": _set("results", 0, "family", "sql-injection"),
    "unknown severity": _set("results", 0, "severity", "blocker"),
    "cwe without prefix": _set("results", 0, "cwe", "287"),
    "endpoint without method": _set("results", 0, "endpoint", "/polls/api/questions/"),
    "schema_version 2": _set("schema_version", 2),
    "schema_version as string": _set("schema_version", "1"),
    "unknown mode": _set("target", "mode", "docker"),
    "missing summary": _drop("summary"),
    "missing results": _drop("results"),
    "missing started_at": _drop("started_at"),
    "summary without error": lambda report: report["summary"].pop("error"),
    "negative count": _set("summary", "failed", -1),
    "local timestamp": _set("started_at", "2026-01-01T01:00:00+01:00"),
    "negative duration": _set("duration_s", -0.5),
    "unknown fail_on": _set("fail_on", "severe"),
    "unknown exit code": _set("exit_code", 5),
    "empty accepted reason": _set("results", 0, "accepted", ""),
    "unknown family in catalogue": _set("checks", 0, "family", "sql-injection"),
    "catalogue record without remediation": lambda report: report["checks"][0].pop("remediation"),
    "status out of range": lambda report: report["results"][0]["evidence"][0]["response"].update(
        status=999
    ),
    "header value not a string": lambda report: report["results"][0]["evidence"][0]["request"].update(
        headers={"Authorization": ["Token", "x"]}
    ),
    "wrong tool name": _set("tool", "name", "other-tool"),
}


@pytest.mark.parametrize("mutation", MUTATIONS.values(), ids=MUTATIONS.keys())
def test_broken_reports_do_not_validate(validator, report, mutation):
    assert validator.is_valid(report)
    mutation(report)
    assert not validator.is_valid(report)


def test_remote_mode_without_settings_validates(validator, report):
    report["target"] = {"mode": "remote", "url": "https://staging.example.test"}
    validator.validate(report)


def test_exchange_without_response_validates(validator, report):
    report["results"][0]["evidence"][0]["response"] = None
    validator.validate(report)


def test_a_run_that_could_not_start_validates(validator, report):
    report.update(results=[], summary={"passed": 0, "failed": 0, "skipped": 0, "error": 0},
                  exit_code=3, fatal="connection refused")
    validator.validate(report)
    report["fatal"] = 42
    assert not validator.is_valid(report)
