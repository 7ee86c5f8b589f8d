"""report.html: one self-contained page a person opens to act on the run.

It opens on the verdict and the findings (issue 17): each failed check grouped by cause, worst
first, with where it was seen, what was expected and what came back, the fix, the curl lines that
reproduce it and the evidence of one exchange. Then the counts, a chart of outcomes by family, a
matrix of endpoints by family (each cell the worst outcome found there; deployment-wide checks
under the auth endpoint they judged or "whole deployment", never an empty label), and every
result: failures and errors first and open to their evidence, passes and skips folded away in a
``<details>`` (still found by the filters and by the browser's find-in-page) and without their
evidence, which report.json keeps. That keeps the page small: under 1 MB for the reference audit.
Filters by outcome, severity, family, endpoint and free text run in a few lines of vanilla
JavaScript; without JavaScript the page still shows everything.

The file must open from a CI artifact viewer or an air-gapped laptop, so it loads nothing: the
CSS and JavaScript beside the template are inlined, there are no fonts, images or CDN links, and
the only URLs are the references a reader may choose to follow. Jinja2 autoescapes every value
from the report, and shows control characters as ``\\xHH``; the inlined assets are our own files
and never contain report data, so no report string is ever placed inside ``<script>`` or ``<style>``.

The view model is computed once here in linear passes (grouping with dicts, one sort), so a
report of 10,000 results renders in a second or two.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from conformance.catalogue.registry import SEVERITIES
from conformance.run.gating import exit_code_of
from conformance.findings import WHOLE_DEPLOYMENT, of as findings_of, where
from conformance.reports.ordering import family_order, result_order, visible
from conformance.run.completeness import summary_line, verdict_label

TEMPLATES = Path(__file__).parent / "templates"
OUTCOMES = ("passed", "failed", "skipped", "error")

# Contract section 1. "{fail_on}" becomes the --fail-on option as the run used it.
EXIT_CODE_MEANINGS = {
    0: "No failed check at or above {fail_on} and no error",
    1: "Failed checks at or above {fail_on}",
    2: "Usage or configuration error",
    3: "The target could not be reached or served",
    4: "Checks could not be evaluated",
}

# A body longer than this is cut in the page (report.json keeps it whole): a handful of
# multi-megabyte debug pages would otherwise make the file too heavy to open.
BODY_LIMIT = 20_000

# Results of one finding whose evidence is on the page; the others' is in report.json.
EVIDENCE_PER_FINDING = 5
# Rows of a finding's table of places; every result is still listed under Results.
PLACES_LIMIT = 100

# Past this many results the rows skip off-screen rendering (CSS content-visibility), which
# halves the time Chromium takes to open a report of 10,000.
MANY_ROWS = 500

# Worst first, for the matrix: a cell shows the worst outcome among its results. A failure a
# baseline accepts ranks below an error (it is known and owned) but above a pass. "skipped"
# ranks last: a cell is only "skipped" when nothing in it was evaluated at all.
_CELL_RANK = {"failed": 5, "error": 4, "accepted": 3, "passed": 2, "skipped": 1}
_CELL_SYMBOL = {"failed": "✕", "error": "!", "accepted": "◐", "passed": "✓", "skipped": "–"}

_URL = re.compile(r"^https?://[^\s<>\"']+$")
_CWE = re.compile(r"^CWE-(\d+)$")


def render(report: Mapping) -> str:
    """The HTML page of ``report`` (the report dict of docs/ARCHITECTURE.md)."""
    return _environment().get_template("report.html.j2").render(**_context(report))


def write(report: Mapping, path: Path) -> Path:
    """Write ``render(report)`` to ``path`` (UTF-8) and return the path.

    Streamed as the template renders: the page of 10,000 results is some 70 MB, and holding it
    whole (with Jinja's list of pieces) was most of an audit's peak memory (docs/benchmarks.md).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    stream = _environment().get_template("report.html.j2").stream(**_context(report))
    stream.enable_buffering(100)  # write in batches of template events, not one by one
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        stream.dump(out)
    return path


@lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_shown,
    )
    environment.globals["inline_css"] = _asset("report.css", "</style")
    environment.globals["inline_js"] = _asset("report.js", "</script")
    return environment


def _shown(value):
    """Every ``{{ value }}``: control characters as ``\\xHH`` (our own markup passes as it is)."""
    return value if isinstance(value, Markup) or not isinstance(value, str) else visible(value)


def _asset(name: str, closing_tag: str) -> Markup:
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    # An inlined asset must not be able to end its own element early.
    if closing_tag in text.lower():
        raise ValueError(f"{name} contains {closing_tag!r}, which would end the inline element")
    return Markup(text)


# View model -------------------------------------------------------------------------------------

def _context(report: Mapping) -> dict:
    auth_endpoints = report.get("auth_endpoints") or {}
    grouped = findings_of(report)
    # A finding shows its reproduction once; its first few results keep their evidence on the
    # page, the rest say where it is (a flaw on 800 endpoints must not make the page 800 times
    # heavier; issue 16).
    evidence_kept = {index for finding in grouped for index in (finding.get("results") or [])[:EVIDENCE_PER_FINDING]}
    in_finding = {index for finding in grouped for index in finding.get("results") or []}
    numbered = sorted(enumerate(report.get("results", [])), key=lambda pair: result_order(pair[1]))
    # Deployment-wide results are listed where they belong, never under an empty label.
    results = [dict(r, endpoint=where(r, auth_endpoints)) if not r.get("endpoint") else r for _, r in numbered]
    evidence_left_out = [i in in_finding and i not in evidence_kept for i, _ in numbered]
    anchors = {}
    for number, finding in enumerate(grouped, 1):
        section = ("accepted-findings-" if finding.get("accepted")
                   else "error-findings-" if finding.get("outcome") == "error" else "finding-")
        for index in finding.get("results") or []:
            anchors[index] = (f"{section}{number}", finding.get("id", ""))
    finding_links = [anchors.get(i) for i, _ in numbered]
    summary = {outcome: int(report.get("summary", {}).get(outcome, 0)) for outcome in OUTCOMES}
    accepted_count = sum(1 for r in results if r.get("accepted"))
    families = sorted(
        {r["family"] for r in results}, key=lambda f: family_order(f)
    )
    exit_code = exit_code_of(report)
    tool = report.get("tool", {})
    # Failures and errors as a list; passes and skips (most of a large run) made one at a time
    # as the page streams out, so their rows are never all in memory together (issue 16).
    loud = [index for index, result in enumerate(results) if result["outcome"] in ("failed", "error")]
    quiet = [index for index, result in enumerate(results) if result["outcome"] not in ("failed", "error")]

    def rows(indexes: list[int]):
        return (_row(i, results[i], evidence_left_out[i], finding_links[i]) for i in indexes)
    findings = [_finding(number, finding) for number, finding in enumerate(grouped, 1)]
    endpoints = _endpoints(report)
    return {
        "tool_name": tool.get("name", "drf-conformance"),
        "tool_version": tool.get("version", ""),
        # "settings" is absent in remote mode (schema): the template asks for it either way.
        "target": {"settings": None, **report.get("target", {})},
        "started_at": report.get("started_at", ""),
        "duration": _duration(report.get("duration_s")),
        "fail_on": report.get("fail_on"),
        "warnings": list(report.get("warnings") or []),
        "comparison": _comparison(report.get("comparison")),
        "fatal": report.get("fatal") or "",
        "completeness": summary_line(report.get("completeness")) or "",
        "verdict": {
            "passed": exit_code == 0,
            "label": verdict_label(report, "PASSED" if exit_code == 0 else "FAILED"),
            "exit_code": exit_code,
            "meaning": _meaning(exit_code, report.get("fail_on")),
        },
        "summary": summary,
        "total": sum(summary.values()),
        "accepted_count": accepted_count,
        "donut": _donut(summary),
        "chart": _family_chart(results, families),
        "severity_rows": _severity_rows(results),
        "matrix": _matrix(endpoints, results, families),
        "families": families,
        "severities": list(reversed(SEVERITIES)),
        "outcomes": ("failed", "error", "passed", "skipped"),
        "outcome_counts": Counter(r["outcome"] for r in results),
        "severity_counts": Counter(r.get("severity") for r in results),
        "family_counts": Counter(r["family"] for r in results),
        "findings": [f for f in findings if not f["accepted"] and f["outcome"] == "failed"],
        "error_findings": [f for f in findings if not f["accepted"] and f["outcome"] == "error"],
        "accepted_findings": [f for f in findings if f["accepted"]],
        "loud_rows": list(rows(loud)),
        "quiet_rows": _Rows(quiet, rows),
        "rows_count": len(results),
        "many_rows": MANY_ROWS,
        "places_limit": PLACES_LIMIT,
        "expectations": _expectations(report.get("expectations") or {}),
        "checks_count": len(report.get("checks") or []) or len({r["check_id"] for r in results}),
        "endpoints_count": len(endpoints),
    }


class _Rows:
    """Rows made as the template iterates them; true when there are any."""

    def __init__(self, indexes: list[int], make):
        self.indexes, self.make = indexes, make

    def __bool__(self) -> bool:
        return bool(self.indexes)

    def __len__(self) -> int:
        return len(self.indexes)

    def __iter__(self):
        return self.make(self.indexes)


def _finding(number: int, finding: Mapping) -> dict:
    reproduce = finding.get("reproduce") or {}
    others = sorted({s.get("actual") for s in finding.get("seen") or []} - {finding.get("actual"), "", None})
    return {
        "number": number,
        "id": finding.get("id", ""),
        "anchor": f"finding-{number}",
        "check_id": finding.get("check_id", ""),
        "title": finding.get("title") or finding.get("check_id", ""),
        "family": finding.get("family", ""),
        "severity": finding.get("severity", ""),
        "outcome": finding.get("outcome", "failed"),
        "accepted": finding.get("accepted") or "",
        "cwe": finding.get("cwe") or "",
        "cwe_url": _cwe_url(finding.get("cwe") or ""),
        "expected": finding.get("expected", ""),
        "actual": finding.get("actual", ""),
        "actual_elsewhere": others[:4],
        "more_elsewhere": max(0, len(others) - 4),
        "detail": finding.get("detail", ""),
        "remediation": finding.get("remediation", ""),
        "references": [
            {"text": str(ref), "url": str(ref) if _URL.match(str(ref)) else None}
            for ref in finding.get("references") or []
        ],
        "endpoints": list(finding.get("endpoints") or []),
        "schemes": list(finding.get("schemes") or []),
        "seen": [
            {"where": s.get("where", ""), "parameters": sorted((s.get("parameters") or {}).items()),
             "actual": s.get("actual", "")}
            for s in finding.get("seen") or []
        ],
        "count": len(finding.get("results") or []),
        "reproduce": {
            "mode": reproduce.get("mode", ""),
            "variables": list(reproduce.get("variables") or []),
            "roles": list(reproduce.get("roles") or []),
            "text": "\n".join(
                f"# {step.get('role', 'request')}"
                + (f", recorded HTTP {step['status']}" if step.get("status") is not None else "")
                + "\n" + step["curl"]
                for step in reproduce.get("steps") or [] if step.get("curl")
            ),
        },
    }


def _cwe_url(cwe: str) -> str | None:
    match = _CWE.match(cwe)
    return f"https://cwe.mitre.org/data/definitions/{match.group(1)}.html" if match else None


# (key in report.json, heading, open by default): new and fixed matter most in a review.
_COMPARISON_KINDS = (
    ("new", "New since then", True),
    ("fixed", "Fixed since then", True),
    ("unchanged", "Unchanged", False),
    ("not_rechecked", "Not re-checked in this run", False),
)


def _comparison(comparison: Mapping | None) -> dict | None:
    """The --compare section: the previous run, and each kind of change with its findings."""
    if not comparison:
        return None
    previous = comparison.get("previous", {})
    kinds = []
    for key, heading, is_open in _COMPARISON_KINDS:
        findings = sorted(comparison.get(key, []), key=result_order)
        kinds.append({
            "key": key, "heading": heading, "open": is_open and bool(findings), "count": len(findings),
            "findings": [
                {"check_id": finding.get("check_id", ""), "endpoint": finding.get("endpoint", ""),
                 "title": finding.get("title") or "", "severity": finding.get("severity") or "",
                 "accepted": finding.get("accepted") or "", "now": finding.get("now", ""),
                 "parameters": sorted((finding.get("parameters") or {}).items())}
                for finding in findings
            ],
        })
    return {"file": previous.get("file", ""), "started_at": previous.get("started_at") or "",
            "exit_code": previous.get("exit_code"), "kinds": kinds}


def _meaning(exit_code: int, fail_on: str | None) -> Markup:
    text = EXIT_CODE_MEANINGS.get(exit_code, "Unknown exit code")
    option = f"--fail-on {fail_on}" if fail_on else "--fail-on"
    # Markup.format escapes its arguments: only the <code> element is markup here.
    return Markup(str(escape(text)).replace("{fail_on}", "<code>{fail_on}</code>")).format(
        fail_on=option
    )


def _donut(summary: Mapping[str, int]) -> str:
    """A CSS conic-gradient of the outcome shares, for the verdict card."""
    total = sum(summary.values())
    if not total:
        return "conic-gradient(var(--skipped) 0 100%)"
    stops, start = [], 0.0
    for outcome in ("failed", "error", "passed", "skipped"):
        share = 100.0 * summary[outcome] / total
        if share:
            stops.append(f"var(--{outcome}) {start:.2f}% {start + share:.2f}%")
            start += share
    return "conic-gradient(" + ", ".join(stops) + ")"


def _family_chart(results: list[Mapping], families: list[str]) -> list[dict]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for result in results:
        counts[result["family"]][result["outcome"]] += 1
    chart = []
    for family in families:
        total = sum(counts[family].values())
        segments = [
            {
                "outcome": outcome,
                "count": counts[family][outcome],
                "width": f"{100.0 * counts[family][outcome] / total:.2f}",
            }
            for outcome in ("failed", "error", "passed", "skipped")
            if counts[family][outcome]
        ]
        # The label names what needs attention; only a clean family reads as its passes.
        label = [s for s in segments if s["outcome"] in ("failed", "error")]
        chart.append(
            {
                "family": family,
                "total": total,
                "segments": segments,
                "label": label or segments,
                "of_total": bool(label),
            }
        )
    return chart


def _severity_rows(results: list[Mapping]) -> list[dict]:
    failed, error, accepted = Counter(), Counter(), Counter()
    for result in results:
        if result["outcome"] not in ("failed", "error"):
            continue
        if result.get("accepted"):
            accepted[result.get("severity")] += 1
        elif result["outcome"] == "failed":
            failed[result.get("severity")] += 1
        else:
            error[result.get("severity")] += 1
    largest = max([failed[s] + error[s] + accepted[s] for s in SEVERITIES] + [1])
    rows = []
    for severity in reversed(SEVERITIES):
        parts = [("failed", failed[severity]), ("error", error[severity]), ("accepted", accepted[severity])]
        rows.append(
            {
                "severity": severity,
                "total": sum(count for _, count in parts),
                "segments": [
                    {"outcome": outcome, "count": count, "width": f"{100.0 * count / largest:.2f}"}
                    for outcome, count in parts
                    if count
                ],
            }
        )
    return rows


def _endpoints(report: Mapping) -> list[str]:
    """The audited endpoints, as report.json lists them (the header counts these)."""
    endpoints = report.get("endpoints")
    if endpoints is None:
        endpoints = {r["endpoint"] for r in report.get("results", []) if r.get("endpoint")}
    return sorted(set(endpoints), key=_by_path)


def _by_path(endpoint: str) -> tuple:
    method, _, path = endpoint.partition(" ")
    return (path, method)


def _matrix(endpoints: list[str], results: list[Mapping], families: list[str]) -> dict:
    """Rows of audited endpoints, then rows of what deployment-wide checks judged (auth endpoints
    that are not in the audited list, and the whole deployment), labelled as such."""
    cells: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for result in results:
        state = "accepted" if result.get("accepted") else result["outcome"]
        cells[result["endpoint"], result["family"]][state] += 1
    listed = set(endpoints)
    extra = sorted({endpoint for endpoint, _ in cells if endpoint not in listed},
                   key=lambda e: (e == WHOLE_DEPLOYMENT, _by_path(e)))
    return {"endpoints": [_matrix_row(e, cells, families) for e in endpoints],
            "deployment": [_matrix_row(e, cells, families) for e in extra]}


def _matrix_row(endpoint: str, cells, families: list[str]) -> dict:
    row = []
    for family in families:
        counts = cells.get((endpoint, family))
        if not counts:
            row.append({"state": "none", "family": family, "symbol": "", "title": ""})
            continue
        worst = max(counts, key=_CELL_RANK.__getitem__)
        detail = ", ".join(
            f"{counts[state]} {state}"
            for state in sorted(counts, key=_CELL_RANK.__getitem__, reverse=True)
        )
        row.append(
            {
                "state": worst,
                "family": family,
                "symbol": _CELL_SYMBOL[worst],
                "title": f"{endpoint} · {family}: {detail}",
            }
        )
    return {"endpoint": endpoint, "cells": row}


def _row(index: int, result: Mapping, evidence_left_out: bool = False, finding: tuple | None = None) -> dict:
    parameters = result.get("parameters") or {}
    cwe = result.get("cwe") or ""
    cwe_match = _CWE.match(cwe)
    loud = result["outcome"] in ("failed", "error")
    with_evidence = loud and not evidence_left_out
    return {
        "id": f"r{index}",
        "check_id": result.get("check_id", ""),
        "title": result.get("title") or result.get("check_id", ""),
        "family": result.get("family", ""),
        "severity": result.get("severity", ""),
        "outcome": result["outcome"],
        "accepted": result.get("accepted"),
        "endpoint": result.get("endpoint", ""),
        "parameters": [(str(key), _scalar(value)) for key, value in parameters.items()],
        "detail": result.get("detail") or "",
        "expected": result.get("expected") or "",
        "actual": result.get("actual") or "",
        "cwe": cwe,
        "cwe_url": (
            f"https://cwe.mitre.org/data/definitions/{cwe_match.group(1)}.html" if cwe_match else None
        ),
        # A pass needs neither its fix nor its evidence on the page (report.json keeps both):
        # they were most of the 7.7 MB the reference audit's page weighed (issue 16).
        # A result of a finding links to it for the fix and references, said once there.
        "finding": {"anchor": finding[0], "id": finding[1]} if finding else None,
        "remediation": result.get("remediation") or "" if loud and not finding else "",
        "references": [
            {"text": str(ref), "url": str(ref) if _URL.match(str(ref)) else None}
            for ref in result.get("references") or []
        ] if loud and not finding else [],
        "evidence": [_exchange(exchange) for exchange in result.get("evidence") or []] if with_evidence else [],
        "evidence_elsewhere": len(result.get("evidence") or []) if loud and not with_evidence else 0,
    }


def _exchange(exchange: Mapping) -> dict:
    request = exchange.get("request") or {}
    response = exchange.get("response")
    request_line = f"{request.get('method', '')} {request.get('url', '')}".strip()
    return {
        "role": exchange.get("role", "request"),
        "request_line": request_line,
        "request_text": _message(request_line, request.get("headers"), request.get("body")),
        "response": None if response is None else {
            "status": response.get("status"),
            "status_class": _status_class(response.get("status")),
            "text": _message(
                f"HTTP {response.get('status')}", response.get("headers"), response.get("body")
            ),
        },
        "curl": exchange.get("curl") or "",
    }


def _message(first_line: str, headers, body) -> str:
    """An HTTP message as it would appear on the wire: first line, headers, blank line, body."""
    lines = [first_line]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    text = "\n".join(lines)
    body = _body(body)
    if body is not None:
        text += "\n\n" + body
    return text


def _body(body) -> str | None:
    if body is None:
        return None
    if isinstance(body, str):
        text = body
        if text.lstrip()[:1] in ("{", "["):
            try:
                text = json.dumps(json.loads(text), indent=2, ensure_ascii=False)
            except ValueError:
                pass
    else:
        text = json.dumps(body, indent=2, ensure_ascii=False, sort_keys=True)
    if len(text) > BODY_LIMIT:
        text = text[:BODY_LIMIT] + f"\n[... {len(text) - BODY_LIMIT} more characters in report.json]"
    return text


def _status_class(status) -> str:
    try:
        return f"s{int(status) // 100}xx"
    except (TypeError, ValueError):
        return "sunknown"


def _scalar(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def _expectations(expectations: Mapping) -> list[dict]:
    rows = []
    for key in sorted(expectations):
        entry = expectations[key]
        if isinstance(entry, Mapping) and "value" in entry:
            value, source = entry["value"], entry.get("source", "")
        else:
            value, source = entry, ""
        rows.append({"key": key, "value": _scalar(value), "source": str(source)})
    return rows


def _duration(seconds) -> str:
    if seconds is None:
        return "unknown"
    seconds = float(seconds)
    if seconds < 60:
        return f"{seconds:.2f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s"
