"""``junit.xml``: one test case per check and endpoint, readable by any JUnit viewer.

Test suites are the check families; each case carries the check ID, severity and CWE as
properties and, when it failed, the one-line evidence as the failure message. A failed or error
case also names its finding (the check and cause it shares with others, report.json ``findings``)
in a ``finding`` property, so a CI view can group them; there is still one case per result. Outcome ``error``
becomes a JUnit ``<error>``, so viewers keep "could not be judged" apart from "failed".
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from conformance.findings import by_result, of as findings_of

# XML 1.0 forbids most control characters even escaped; probes put them in evidence on purpose.
_XML_ILLEGAL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _clean(text) -> str:
    return str(text or "").translate(_XML_ILLEGAL)


def _case_name(result: dict) -> str:
    name = f"{result['check_id']} {result['endpoint']}".strip()
    if result.get("parameters"):
        name += " [" + ", ".join(f"{k}={v}" for k, v in sorted(result["parameters"].items())) + "]"
    return _clean(name)


def _one_line(result: dict) -> str:
    if result.get("expected") or result.get("actual"):
        return _clean(f"expected {result.get('expected')}; got {result.get('actual')}. {result.get('detail', '')}".strip())
    return _clean(result.get("detail", ""))


def _junit_outcome(result: dict) -> str:
    """A failure a baseline accepts is a JUnit ``<skipped>``, and counted as one: the counts must
    agree with the cases and with the exit code, which it does not fail."""
    if result["outcome"] == "failed" and result.get("accepted") is not None:
        return "skipped"
    return result["outcome"]


def render(report: dict) -> str:
    finding_of = by_result(findings_of(report))
    by_family: dict[str, list[dict]] = defaultdict(list)
    for index, result in enumerate(report["results"]):
        if index in finding_of:
            result = dict(result, _finding=finding_of[index]["id"])
        by_family[result["family"]].append(result)
    root = ET.Element("testsuites", name="drf-conformance", time=str(report.get("duration_s", 0)))
    totals = defaultdict(int)
    for family, results in by_family.items():
        counts = defaultdict(int)
        for result in results:
            counts[_junit_outcome(result)] += 1
        suite = ET.SubElement(
            root, "testsuite", name=family, tests=str(len(results)),
            failures=str(counts["failed"]), errors=str(counts["error"]), skipped=str(counts["skipped"]),
            timestamp=report.get("started_at", ""),
        )
        for key, value in counts.items():
            totals[key] += value
        for result in results:
            case = ET.SubElement(suite, "testcase", name=_case_name(result),
                                 classname=f"drf-conformance.{family}", time="0")
            properties = ET.SubElement(case, "properties")
            for name in ("check_id", "severity", "cwe", "endpoint"):
                ET.SubElement(properties, "property", name=name, value=_clean(result.get(name, "")))
            if result.get("_finding"):
                ET.SubElement(properties, "property", name="finding", value=_clean(result["_finding"]))
            if result.get("accepted") is not None:
                ET.SubElement(properties, "property", name="accepted", value=_clean(result["accepted"]))
            outcome = result["outcome"]
            if outcome == "failed" and result.get("accepted") is None:
                failure = ET.SubElement(case, "failure", message=_one_line(result), type=result["severity"])
                failure.text = _clean(f"{result['title']}\nFix: {result.get('remediation', '')}\n"
                                      + "\n".join(e.get("curl", "") for e in result.get("evidence", [])))
            elif outcome == "failed":
                ET.SubElement(case, "skipped", message=_clean(f"accepted by baseline: {result['accepted']}"))
            elif outcome == "error":
                error = ET.SubElement(case, "error", message=_one_line(result), type="not-evaluated")
                error.text = _clean(result.get("detail", ""))
            elif outcome == "skipped":
                ET.SubElement(case, "skipped", message=_clean(result.get("detail", "")))
    _completeness_properties(root, report)
    root.set("tests", str(len(report["results"])))
    root.set("failures", str(totals["failed"]))
    root.set("errors", str(totals["error"]))
    root.set("skipped", str(totals["skipped"]))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _completeness_properties(root: ET.Element, report: dict) -> None:
    """How complete the run was (contract section 6), first in every suite's properties; a run
    that recorded no result gets one empty suite to carry them."""
    completeness = report.get("completeness")
    if not completeness:
        return
    values = [(f"completeness.{key}", "" if value is None else str(value)) for key, value in completeness.items()]
    if report.get("verdict"):
        values.append(("verdict", str(report["verdict"])))
    suites = list(root.iter("testsuite")) or [ET.SubElement(root, "testsuite", name="drf-conformance", tests="0",
                                                            failures="0", errors="0", skipped="0")]
    for suite in suites:
        properties = ET.Element("properties")
        for name, value in values:
            ET.SubElement(properties, "property", name=name, value=_clean(value))
        suite.insert(0, properties)


def write(report: dict, path: Path) -> Path:
    path.write_text(render(report), encoding="utf-8")
    return path
