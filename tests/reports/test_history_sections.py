"""The --compare and --baseline parts of the writers, on the fixture report with hostile strings.

A previous report's findings come from a file anyone could have edited, so their check IDs,
titles, endpoints and parameters are escaped like everything else.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from jsonschema import Draft202012Validator

from conformance.reports import html, junit, markdown
from conformance.run.summary import lines
from tests.reports.conftest import HOSTILE_SCRIPT, build_report

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"
HOSTILE_TITLE = f"pipes | and `ticks` {HOSTILE_SCRIPT}"


def with_history(report: dict) -> dict:
    finding = {"check_id": "DRFC-101", "endpoint": "GET /polls/api/choices/", "parameters": {},
               "title": "Protected endpoint refuses anonymous requests", "severity": "high"}
    hostile = {"check_id": "DRFC-999", "endpoint": f"GET /x/?q={HOSTILE_SCRIPT}",
               "parameters": {"probe": HOSTILE_SCRIPT}, "title": HOSTILE_TITLE, "severity": "low"}
    report["comparison"] = {
        "previous": {"file": "previous/report.json", "started_at": "2025-12-31T00:00:00Z", "exit_code": 1},
        "new": [finding], "fixed": [hostile], "unchanged": [],
        "not_rechecked": [dict(finding, endpoint="GET /gone/", now="not run")],
    }
    report["baseline"] = {"file": "baseline.toml", "entries": 2, "accepted": 1, "expired": [],
                          "stale": [{"check_id": "DRFC-102", "endpoint": "GET /old/", "reason": "r",
                                     "expires": "2030-01-01", "why": "no failed result matches it (fixed?)"}]}
    return report


def test_the_sections_validate_against_the_schema(report):
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")),
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = list(validator.iter_errors(with_history(report)))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_markdown_lists_new_and_fixed_escaped(report):
    text = markdown.render(with_history(report))
    section = text[text.index("### Since the previous report"):]
    assert "| **1** | 1 | 0 | 1 |" in section
    assert "**New findings**" in section and "**Fixed since then**" in section
    assert "pipes \\| and \\`ticks\\`" in section
    assert "probe=\\<script\\>alert(1)\\</script\\>" in section  # text: escaped
    assert f"`GET /x/?q={HOSTILE_SCRIPT}`" in section  # a code span shows it literally, renders nothing


def test_html_shows_each_kind_with_its_count_escaped(report):
    page = html.render(with_history(report))
    for kind, count in (("new", 1), ("fixed", 1), ("unchanged", 0), ("not_rechecked", 1)):
        assert f'id="compare-{kind}">{count}<' in page
    assert 'id="compare-list-fixed" open' in page and 'id="compare-list-unchanged"' not in page
    assert HOSTILE_SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_terminal_summary_lists_the_changes(report):
    text = "\n".join(line for line, _ in lines(with_history(report), [], "low"))
    assert "since previous/report.json (2025-12-31T00:00:00Z): 1 new, 1 fixed, 0 unchanged, 1 not-rechecked" in text
    assert "  NEW DRFC-101 GET /polls/api/choices/" in text and "  FIXED DRFC-999" in text
    assert "1 of the failed are accepted by the baseline" in text


def test_junit_counts_an_accepted_failure_as_skipped(report):
    root = ET.fromstring(junit.render(report).split("\n", 1)[1])
    accepted = [r for r in report["results"] if r.get("accepted")]
    assert accepted
    failed_open = sum(1 for r in report["results"] if r["outcome"] == "failed" and not r.get("accepted"))
    assert int(root.get("failures")) == failed_open == len(root.findall(".//failure"))
    assert int(root.get("skipped")) == len(root.findall(".//skipped"))
    for suite in root.findall("testsuite"):
        assert int(suite.get("failures")) == len(suite.findall(".//failure"))
        assert int(suite.get("skipped")) == len(suite.findall(".//skipped"))


def test_sarif_marks_failures_new_or_unchanged_and_stays_valid(report):
    from jsonschema.validators import validator_for

    from conformance.reports import sarif

    log = sarif.build(with_history(report))
    states = {(r["ruleId"], r["locations"][0]["logicalLocations"][0]["name"]): r.get("baselineState")
              for r in log["runs"][0]["results"]}
    assert states[("DRFC-101", "GET /polls/api/choices/")] == "new"
    assert all(state == "new" for (_, _), state in states.items() if state)  # nothing else was there before
    assert all("baselineState" not in r for r in log["runs"][0]["results"] if r["kind"] != "fail")
    schema = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    cls = validator_for(schema)
    assert not list(cls(schema).iter_errors(log))
    assert "baselineState" not in sarif.render(build_report())  # without --compare, no claim is made
