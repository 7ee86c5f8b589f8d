"""report.md: the compact summary a reviewer reads in a pull request comment or a CI step summary.

It leads with the verdict and the exit code's meaning, then counts by family and outcome and the
findings by severity, then every failed and error result with what was expected, what came back,
a ``curl`` line to reproduce it and the fix. Findings a baseline accepts are listed apart: they do
not fail the run, but a reviewer should still see them.

Findings are ordered by severity first (so the worst survive the length limits below), then by
family in contract order, check ID, endpoint and parameters, which keeps the file identical for
identical reports. GitHub caps a comment at 65,536 characters and a step summary at 1 MiB, so
only the first ``detail_limit`` findings are written out in full and at most ``list_limit`` more
as table rows, within ``max_chars`` in all; report.html and report.json always hold everything.

Every value that comes from the target or the catalogue is escaped for GitHub-flavoured Markdown:
a response can contain ``|``, backticks, HTML or ``@mentions``, and none of them may break a
table, open a code span, inject markup or ping someone.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from conformance.catalogue.registry import SEVERITIES
from conformance.run.gating import exit_code_of  # noqa: F401  (part of this module's interface)
from conformance.reports.ordering import family_order

OUTCOMES = ("passed", "failed", "skipped", "error")

# Contract section 1.
EXIT_CODE_MEANINGS = {
    0: "no failed check at or above --fail-on and no error",
    1: "failed checks at or above --fail-on",
    2: "usage or configuration error",
    3: "the target could not be reached or served",
    4: "checks could not be evaluated",
}

DETAIL_LIMIT = 30
COMPARISON_ROWS = 50  # new and fixed findings listed each, against a --compare report
LIST_LIMIT = 200
MAX_CHARS = 60_000  # below GitHub's 65,536 for a comment, leaving room for a caller's own lines
# Room kept back for the headings and "left out" notes of the findings sections.
_RESERVED_CHARS = 1_000

_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}

# CommonMark lets a backslash escape any ASCII punctuation. These are the characters that start
# emphasis, links, code spans, raw HTML, entities, table cells, strikethrough, and GitHub's
# issue references and @mentions.
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>|~&#@!])")
_NEWLINES = re.compile(r"\r\n|\r|\n")
_BACKTICK_RUNS = re.compile(r"`+")


def render(
    report: Mapping,
    *,
    detail_limit: int = DETAIL_LIMIT,
    list_limit: int = LIST_LIMIT,
    max_chars: int = MAX_CHARS,
) -> str:
    """The Markdown summary of ``report`` (the report dict of docs/ARCHITECTURE.md).

    At most ``detail_limit`` findings are written out in full and ``list_limit`` more as table
    rows, and the findings sections stop before the whole text would pass ``max_chars``.
    """
    results = report.get("results", [])
    failures, errors, accepted = [], [], []
    for result in results:
        if result.get("accepted") and result["outcome"] in ("failed", "error"):
            accepted.append(result)
        elif result["outcome"] == "failed":
            failures.append(result)
        elif result["outcome"] == "error":
            errors.append(result)

    head: list[str] = []
    head += _verdict(report, accepted_count=len(accepted))
    head += _warnings(report.get("warnings") or [])
    head += _family_table(results)
    head += _severity_table(failures, errors, accepted)
    head += _comparison(report.get("comparison"))
    tail = _expectations(report.get("expectations") or {})
    tail += [
        "",
        "_Every result, with its full evidence, is in `report.html` and `report.json` beside this "
        "file; `report.sarif` feeds code scanning._",
    ]

    fixed = sum(len(line) + 1 for line in head + tail)
    budget = _Budget(detail_limit, list_limit, max_chars - fixed - _RESERVED_CHARS)
    body: list[str] = []
    body += _findings("Failures", sorted(failures, key=finding_order), budget)
    body += _findings(
        "Errors: checks that could not be evaluated", sorted(errors, key=finding_order), budget
    )
    body += _accepted(sorted(accepted, key=finding_order), budget)
    return "\n".join(head + body + tail).strip("\n") + "\n"


def write(report: Mapping, path: Path) -> Path:
    """Write ``render(report)`` to ``path`` (UTF-8) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(report), encoding="utf-8", newline="\n")
    return path


def append_to_github_step_summary(markdown: str, environ: Mapping[str, str] = os.environ) -> Path | None:
    """Append ``markdown`` to the file ``$GITHUB_STEP_SUMMARY`` names; do nothing when it is unset.

    GitHub Actions renders that file on the run's summary page. Other steps may have written to it
    already, so this appends and never truncates. Returns the file's path, or None when unset.
    """
    target = environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    path = Path(target)
    with path.open("a", encoding="utf-8", newline="\n") as summary:
        summary.write(markdown if markdown.endswith("\n") else markdown + "\n")
    return path


def finding_order(result: Mapping) -> tuple:
    """Worst severity first, then family (contract order), check ID, endpoint, parameters."""
    return (
        -_SEVERITY_RANK.get(result.get("severity"), -1),
        *family_order(result.get("family")),
        result.get("check_id") or "",
        result.get("endpoint") or "",
        json.dumps(result.get("parameters") or {}, sort_keys=True, default=str),
    )


# Sections ---------------------------------------------------------------------------------------

def _verdict(report: Mapping, accepted_count: int) -> list[str]:
    code = exit_code_of(report)
    passed = code == 0
    meaning = EXIT_CODE_MEANINGS.get(code, "unknown exit code")
    if code == 1 and report.get("fail_on"):
        meaning = f"failed checks at or above {_code('--fail-on ' + str(report['fail_on']))}"
    elif code == 0 and report.get("fail_on"):
        meaning = (
            f"no failed check at or above {_code('--fail-on ' + str(report['fail_on']))} "
            "and no error"
        )
    summary = report.get("summary", {})
    counts = [
        f"{_count_cell(summary.get(outcome, 0), outcome)} {outcome}"
        for outcome in ("failed", "error", "passed", "skipped")
    ]
    if accepted_count:
        counts.append(f"{accepted_count} accepted by the baseline")

    tool = report.get("tool", {})
    target = report.get("target", {})
    target_line = f"Target: {_code(target.get('url', '?'))} ({_text(target.get('mode', '?'))} mode"
    if target.get("settings"):
        target_line += f", {_code(target['settings'])}"
    target_line += ")"
    run_line = (
        f"{_text(tool.get('name', 'drf-conformance'))} {_text(tool.get('version', ''))}, "
        f"started {_text(report.get('started_at', '?'))}, "
        f"{_duration(report.get('duration_s'))}"
    )
    lines = [
        f"## {'✅' if passed else '❌'} drf-conformance: {'PASSED' if passed else 'FAILED'}",
        "",
        f"Exit code {code}: {meaning}.",
        "",
    ]
    if report.get("fatal"):
        lines += [f"**Could not run:** {_text(report['fatal'])}", ""]
    return lines + [
        " · ".join(counts),
        "",
        f"{target_line} · {run_line}",
    ]


def _warnings(warnings: Iterable[str]) -> list[str]:
    warnings = list(warnings)
    if not warnings:
        return []
    lines = ["", "> [!WARNING]"]
    lines += [f"> {_text(warning)}  " for warning in warnings]
    return lines


def _family_table(results: Iterable[Mapping]) -> list[str]:
    counts: Counter = Counter()
    families: set = set()
    for result in results:
        counts[result["family"], result["outcome"]] += 1
        families.add(result["family"])
    if not families:
        return ["", "_No check ran._"]
    ordered = sorted(families, key=lambda f: family_order(f))
    lines = [
        "",
        "### Results by family",
        "",
        "| family | passed | failed | skipped | error |",
        "|:--|--:|--:|--:|--:|",
    ]
    totals: Counter = Counter()
    for family in ordered:
        cells = []
        for outcome in OUTCOMES:
            count = counts[family, outcome]
            totals[outcome] += count
            cells.append(_count_cell(count, outcome))
        lines.append(f"| {_text(family)} | " + " | ".join(cells) + " |")
    lines.append(
        "| **total** | " + " | ".join(f"**{totals[outcome]}**" for outcome in OUTCOMES) + " |"
    )
    return lines


def _severity_table(failures, errors, accepted) -> list[str]:
    if not (failures or errors or accepted):
        return []
    failed = Counter(r.get("severity") for r in failures)
    error = Counter(r.get("severity") for r in errors)
    baselined = Counter(r.get("severity") for r in accepted)
    lines = [
        "",
        "### Findings by severity",
        "",
        "| severity | failed | error | accepted |",
        "|:--|--:|--:|--:|",
    ]
    for severity in reversed(SEVERITIES):
        lines.append(
            f"| {severity} | {_count_cell(failed[severity], 'failed')} | "
            f"{_count_cell(error[severity], 'error')} | {baselined[severity]} |"
        )
    return lines


def _comparison(comparison: Mapping | None) -> list[str]:
    """Since the --compare report: counts, then the new and fixed findings (bounded)."""
    if not comparison:
        return []
    previous = comparison.get("previous", {})
    lines = [
        "",
        "### Since the previous report",
        "",
        f"Compared with {_code(previous.get('file', '?'))}, started "
        f"{_text(previous.get('started_at') or 'at an unknown time')}; findings match on check, "
        "endpoint and parameters.",
        "",
        "| new | fixed | unchanged | not re-checked |",
        "|--:|--:|--:|--:|",
        "| " + " | ".join(
            _count_cell(len(comparison.get(kind, [])), "failed" if kind == "new" else "")
            for kind in ("new", "fixed", "unchanged", "not_rechecked")
        ) + " |",
    ]
    for kind, heading in (("new", "New findings"), ("fixed", "Fixed since then")):
        findings = sorted(comparison.get(kind, []), key=finding_order)
        if not findings:
            continue
        lines += ["", f"**{heading}**", "", "| check | title | endpoint | severity | parameters |",
                  "|:--|:--|:--|:--|:--|"]
        for finding in findings[:COMPARISON_ROWS]:
            parameters = ", ".join(f"{k}={v}" for k, v in sorted((finding.get("parameters") or {}).items()))
            lines.append(
                f"| {_code(finding.get('check_id', '?'), table=True)} | {_text(finding.get('title', ''))} | "
                f"{_code(finding.get('endpoint', '?'), table=True)} | {_text(finding.get('severity', ''))} | "
                f"{_text(parameters)} |"
            )
        if len(findings) > COMPARISON_ROWS:
            lines += ["", f"_{len(findings) - COMPARISON_ROWS} more are left out here; see `report.json`._"]
    return lines


class _Budget:
    """What is left for findings: how many in full, how many as rows, how many characters."""

    def __init__(self, detail_limit: int, list_limit: int, chars: int):
        self.detailed = max(0, detail_limit)
        self.listed = max(0, list_limit)
        self.chars = chars

    def take(self, lines: list[str]) -> bool:
        size = sum(len(line) + 1 for line in lines)
        if size > self.chars:
            return False
        self.chars -= size
        return True


def _findings(heading: str, findings: list[Mapping], budget: _Budget) -> list[str]:
    if not findings:
        return []
    lines = ["", f"### {heading} ({len(findings)})"]
    shown = 0
    for result in findings:
        if not budget.detailed:
            break
        block = _finding(result)
        if not budget.take(block):
            break
        budget.detailed -= 1
        lines += block
        shown += 1
    rows = []
    for result in findings[shown:]:
        row = _finding_row(result, result.get("actual") or result.get("detail") or "")
        if not budget.listed or not budget.take([row]):
            break
        budget.listed -= 1
        rows.append(row)
    if rows:
        lines += [
            "",
            f"{len(rows)} more, in short:",
            "",
            "| check | title | endpoint | severity | actual |",
            "|:--|:--|:--|:--|:--|",
            *rows,
        ]
        shown += len(rows)
    if shown < len(findings):
        lines += ["", f"_{len(findings) - shown} more are left out here; see `report.html`._"]
    return lines


def _finding_row(result: Mapping, last_cell: str) -> str:
    return (
        f"| {_code(result.get('check_id', '?'), table=True)} | {_text(result.get('title', ''))} | "
        f"{_code(result.get('endpoint', '?'), table=True)} | {_text(result.get('severity', ''))} | "
        f"{_text(last_cell)} |"
    )


def _finding(result: Mapping) -> list[str]:
    facts = [
        f"**{_text(result.get('severity', '?'))}**",
        _code(result.get("endpoint", "?")),
        _text(result.get("family", "?")),
    ]
    if result.get("cwe"):
        facts.append(_text(result["cwe"]))
    parameters = result.get("parameters") or {}
    if parameters:
        facts.append(", ".join(f"{_text(key)}: {_text(value)}" for key, value in parameters.items()))
    lines = [
        "",
        f"#### {_code(result.get('check_id', '?'))} {_text(result.get('title', ''))}",
        "",
        " · ".join(facts),
    ]
    if result.get("expected") or result.get("actual"):
        lines += [
            "",
            f"**Expected** {_text(result.get('expected') or '?')} · "
            f"**got** {_text(result.get('actual') or '?')}",
        ]
    if result.get("detail"):
        lines += ["", f"**Detail:** {_text(result['detail'])}"]
    curls = [exchange for exchange in result.get("evidence") or [] if exchange.get("curl")]
    if curls:
        body = []
        for exchange in curls:
            if len(curls) > 1:
                body.append(f"# {exchange.get('role', 'request')}")
            body.append(exchange["curl"])
        lines += ["", _fenced("\n".join(body), "sh")]
    if result.get("remediation"):
        lines += ["", f"**Fix:** {_text(result['remediation'])}"]
    return lines


def _accepted(accepted: list[Mapping], budget: _Budget) -> list[str]:
    if not accepted:
        return []
    lines = [
        "",
        f"### Accepted by the baseline ({len(accepted)})",
        "",
        "These do not fail the run while their baseline entries stand.",
    ]
    rows = []
    for result in accepted:
        row = _finding_row(result, result["accepted"])
        if not budget.listed or not budget.take([row]):
            break
        budget.listed -= 1
        rows.append(row)
    if rows:
        lines += [
            "",
            "| check | title | endpoint | severity | reason |",
            "|:--|:--|:--|:--|:--|",
            *rows,
        ]
    if len(rows) < len(accepted):
        lines += ["", f"_{len(accepted) - len(rows)} more are left out here; see `report.html`._"]
    return lines


def _expectations(expectations: Mapping) -> list[str]:
    if not expectations:
        return []
    lines = [
        "",
        "<details><summary>Expectations</summary>",
        "",
        "| setting | value | from |",
        "|:--|:--|:--|",
    ]
    for key in sorted(expectations):
        value, source = _value_and_source(expectations[key])
        lines.append(
            f"| {_code(key, table=True)} | {_code(_format_value(value), table=True)} | {_text(source)} |"
        )
    lines += ["", "</details>"]
    return lines


# Escaping ---------------------------------------------------------------------------------------

def escape(value) -> str:
    """``value`` as inline Markdown text on one line, every special character escaped."""
    return _INLINE_SPECIALS.sub(r"\\\1", _one_line(value))


_text = escape


def _code(value, *, table: bool = False) -> str:
    """``value`` as an inline code span whose fence no backtick inside can close.

    CommonMark closes a code span only on a backtick run of the opening run's length, so the
    fence is one longer than the longest run inside; a space pads content that begins or ends
    with a backtick. Inside a GFM table a pipe still ends the cell, even in a code span, unless
    escaped.
    """
    content = _one_line(value)
    if not content:
        return ""
    longest = max((len(run) for run in _BACKTICK_RUNS.findall(content)), default=0)
    fence = "`" * (longest + 1)
    if content.startswith(("`", " ")) or content.endswith(("`", " ")):
        content = f" {content} "
    if table:
        content = content.replace("|", "\\|")
    return f"{fence}{content}{fence}"


def _fenced(content: str, info: str = "") -> str:
    """A fenced code block that no line of ``content`` can close."""
    content = _NEWLINES.sub("\n", content)
    longest = max((len(run) for run in _BACKTICK_RUNS.findall(content)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{content}\n{fence}"


def _one_line(value) -> str:
    return _NEWLINES.sub(" ", str(value)).strip()


def _count_cell(count: int, outcome: str) -> str:
    return f"**{count}**" if count and outcome in ("failed", "error") else str(count)


def _duration(seconds) -> str:
    if seconds is None:
        return "duration unknown"
    seconds = float(seconds)
    if seconds < 60:
        return f"{seconds:.2f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s"


def _value_and_source(entry) -> tuple[object, str]:
    if isinstance(entry, Mapping) and "value" in entry:
        return entry["value"], str(entry.get("source", ""))
    return entry, ""


def _format_value(value) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
