"""report.md: what a reviewer reads in a pull request comment or a CI step summary.

It leads with the verdict and the exit code's meaning, then the findings (issue 17): each failed
check grouped by cause, worst first, one short block apiece that fits a screen: where it was seen
(endpoints and schemes), what was expected and what came back, the fix, and the curl lines that
reproduce it with the variables they need. Checks that could not be evaluated follow the same
way; failures a baseline accepts are listed apart (they do not fail the run, but a reviewer should
still see them). Then the counts by family, and the passed and skipped checks folded away in a
``<details>`` block, one row per check, so they stay searchable without burying the failures.

Findings are ordered worst first (open before accepted, severity, failures before errors, the
widest first), which keeps the file identical for identical reports. GitHub caps a comment at
65,536 characters and a step summary at 1 MiB, so only the first ``detail_limit`` findings are
written out in full and at most ``list_limit`` more as table rows, within ``max_chars`` in all;
report.html and report.json always hold everything.

Every value that comes from the target or the catalogue is escaped for GitHub-flavoured Markdown:
a response can contain ``|``, backticks, HTML or ``@mentions``, and none of them may break a
table, open a code span, inject markup or ping someone. Control characters are shown as
``\\xHH``: no raw ESC byte reaches the file.
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
from conformance.findings import WHOLE_DEPLOYMENT, of as findings_of
from conformance.reports.ordering import family_order, visible
from conformance.run.completeness import summary_line, verdict_label

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
    grouped = findings_of(report)
    open_failed = [f for f in grouped if f["outcome"] == "failed" and not f.get("accepted")]
    open_errors = [f for f in grouped if f["outcome"] == "error" and not f.get("accepted")]
    accepted = [r for r in results if r.get("accepted") and r["outcome"] in ("failed", "error")]

    head: list[str] = []
    head += _verdict(report, accepted_count=len(accepted), findings_count=len(open_failed))
    head += _completeness(report)
    head += _warnings(report.get("warnings") or [])
    tail = _comparison(report.get("comparison"))
    tail += _family_table(results)
    tail += _quiet_checks(results)
    tail += _expectations(report.get("expectations") or {})
    tail += [
        "",
        "_Every result, with its full evidence, is in `report.html` and `report.json` beside this "
        "file; `report.sarif` feeds code scanning._",
    ]

    fixed = sum(len(line) + 1 for line in head + tail)
    budget = _Budget(detail_limit, list_limit, max_chars - fixed - _RESERVED_CHARS)
    body: list[str] = []
    body += _findings("Findings", open_failed, results, budget)
    body += _findings("Could not be evaluated", open_errors, results, budget)
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

def _verdict(report: Mapping, accepted_count: int, findings_count: int = 0) -> list[str]:
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
    if findings_count:
        counts[0] += f" ({findings_count} finding{'s' if findings_count != 1 else ''})"
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
        f"## {'✅' if passed else '❌'} drf-conformance: "
        f"{verdict_label(report, 'PASSED' if passed else 'FAILED')}",
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


def _completeness(report: Mapping) -> list[str]:
    """How complete the run was (contract section 6), right under the verdict."""
    line = summary_line(report.get("completeness"))
    return ["", f"**{_text(line)}**"] if line else []


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


def _findings(heading: str, findings: list[Mapping], results: list[Mapping], budget: _Budget) -> list[str]:
    if not findings:
        return []
    places = sum(len(f.get("results") or []) for f in findings)
    lines = ["", f"### {heading} ({len(findings)}, from {places} result{'s' if places != 1 else ''})"]
    shown = 0
    for number, finding in enumerate(findings, 1):
        if not budget.detailed:
            break
        block = _finding(number, finding)
        if not budget.take(block):
            break
        budget.detailed -= 1
        lines += block
        shown += 1
    rows = []
    for finding in findings[shown:]:
        row = (
            f"| {_code(finding.get('check_id', '?'), table=True)} | {_text(finding.get('title', ''))} | "
            f"{_text(finding.get('severity', ''))} | {_text(_places(finding, 3))} |"
        )
        if not budget.listed or not budget.take([row]):
            break
        budget.listed -= 1
        rows.append(row)
    if rows:
        lines += [
            "",
            f"{len(rows)} more, in short:",
            "",
            "| check | title | severity | seen on |",
            "|:--|:--|:--|:--|",
            *rows,
        ]
        shown += len(rows)
    if shown < len(findings):
        lines += ["", f"_{len(findings) - shown} more are left out here; see `report.html`._"]
    return lines


def _finding_row(result: Mapping, last_cell: str) -> str:
    return (
        f"| {_code(result.get('check_id', '?'), table=True)} | {_text(result.get('title', ''))} | "
        f"{_code(result.get('endpoint') or WHOLE_DEPLOYMENT, table=True)} | {_text(result.get('severity', ''))} | "
        f"{_text(last_cell)} |"
    )


def _places(finding: Mapping, limit: int) -> str:
    endpoints = list(finding.get("endpoints") or [])
    text = ", ".join(endpoints[:limit])
    if len(endpoints) > limit:
        text += f" and {len(endpoints) - limit} more"
    return text


SEEN_LIMIT = 6  # endpoints named in a finding's "seen on" line
SEEN_ROWS = 20  # rows of a finding's folded table of places; report.html and report.json have all


def _finding(number: int, finding: Mapping) -> list[str]:
    """One finding, one screen: what, where, why, the fix, how to reproduce it."""
    endpoints = list(finding.get("endpoints") or [])
    count = len(finding.get("results") or [])
    facts = [f"**{_text(finding.get('severity', '?'))}**", _text(finding.get("family", "?"))]
    if finding.get("cwe"):
        facts.append(_text(finding["cwe"]))
    facts.append(f"{count} result{'s' if count != 1 else ''}")
    where = ", ".join(_code(e) for e in endpoints[:SEEN_LIMIT])
    if len(endpoints) > SEEN_LIMIT:
        where += f" and {len(endpoints) - SEEN_LIMIT} more"
    schemes = finding.get("schemes") or []
    lines = [
        "",
        f"#### {number}. {_code(finding.get('check_id', '?'))} {_text(finding.get('title', ''))}",
        "",
        " · ".join(facts),
        *_needs(finding.get("reproduce") or {}),
        "",
        f"**Seen on** {where}" + (f" · **schemes** {_text(', '.join(schemes))}" if schemes else ""),
    ]
    if finding.get("expected") or finding.get("actual"):
        actual = _text(finding.get("actual") or "?")
        others = sorted({s.get("actual") for s in finding.get("seen") or []} - {finding.get("actual")} - {""})
        if others:
            actual += f" (elsewhere: {_text(', '.join(others[:3]))}{', …' if len(others) > 3 else ''})"
        lines += ["", f"**Expected** {_text(finding.get('expected') or '?')} · **got** {actual}"]
    if finding.get("detail") and finding["detail"] != finding.get("actual"):
        lines += ["", f"**Why:** {_text(finding['detail'])}"]
    if finding.get("remediation"):
        lines += ["", f"**Fix:** {_text(finding['remediation'])}"]
    lines += _reproduce(finding.get("reproduce") or {})
    if count > 1:
        lines += _seen_table(finding)
    return lines


def _needs(reproduce: Mapping) -> list[str]:
    """At the top of a finding: what its reproduction needs from the reader."""
    if reproduce.get("variables"):
        names = ", ".join(_code(v) for v in reproduce["variables"])
        return ["", f"**Needs** {names} exported (the values of your credentials file) to run the lines below."]
    if reproduce.get("roles"):
        names = ", ".join(_code(r["role"]) for r in reproduce["roles"])
        return ["", f"**Needs** a credential of role {names} to replay the lines below against `runserver`."]
    return []


def _reproduce(reproduce: Mapping) -> list[str]:
    steps = [step for step in reproduce.get("steps") or [] if step.get("curl")]
    if not steps:
        return []
    extra = []
    if reproduce.get("mode") == "in-process":
        intro = ("**Reproduce** against `python manage.py runserver` (the run's own test server is "
                 "gone)")
        roles = reproduce.get("roles") or []
        intro += ", putting in:" if roles else ":"
        extra = [f"- {_code('<role ' + r['role'] + '>')}: {_text(r['meaning'])}" for r in roles]
    else:
        variables = reproduce.get("variables") or []
        intro = "**Reproduce** as written"
        intro += (" after `export " + " ".join(f"{v}=…" for v in variables) + "`:") if variables else ":"
    body = []
    for step in steps:
        status = f", recorded HTTP {step['status']}" if step.get("status") is not None else ""
        body += [f"# {step.get('role', 'request')}{status}", step["curl"]]
    return ["", intro, *([""] + extra if extra else []), "", _fenced(visible("\n".join(body)), "sh")]


def _seen_table(finding: Mapping) -> list[str]:
    seen = finding.get("seen") or []
    keys = sorted({key for s in seen for key in s.get("parameters", {})})
    lines = ["", f"<details><summary>All {len(seen)} places</summary>", "",
             "| where | " + "".join(f"{_text(k)} | " for k in keys) + "got |",
             "|:--|" + ":--|" * len(keys) + ":--|"]
    for place in seen[:SEEN_ROWS]:
        cells = [_code(place.get("where", "?"), table=True)]
        cells += [_text(place.get("parameters", {}).get(k, "")) for k in keys]
        cells.append(_text(place.get("actual", "")))
        lines.append("| " + " | ".join(cells) + " |")
    if len(seen) > SEEN_ROWS:
        lines.append(f"| _{len(seen) - SEEN_ROWS} more in report.html_ |" + " |" * (len(keys) + 1))
    return lines + ["", "</details>"]


def _quiet_checks(results: Iterable[Mapping]) -> list[str]:
    """Passed and skipped, one row per check, folded: searchable, never in the way."""
    counts: dict[str, Counter] = {}
    titles: dict[str, str] = {}
    families: dict[str, str] = {}
    for result in results:
        if result["outcome"] not in ("passed", "skipped"):
            continue
        counts.setdefault(result["check_id"], Counter())[result["outcome"]] += 1
        titles.setdefault(result["check_id"], result.get("title") or "")
        families.setdefault(result["check_id"], result.get("family") or "")
    if not counts:
        return []
    passed = sum(c["passed"] for c in counts.values())
    skipped = sum(c["skipped"] for c in counts.values())
    lines = ["", f"<details><summary>Passed ({passed}) and skipped ({skipped}), by check</summary>", "",
             "| check | title | family | passed | skipped |", "|:--|:--|:--|--:|--:|"]
    for check_id in sorted(counts, key=lambda c: (*family_order(families[c]), _check_number(c))):
        lines.append(f"| {_code(check_id, table=True)} | {_text(titles[check_id])} | {_text(families[check_id])} | "
                     f"{counts[check_id]['passed']} | {counts[check_id]['skipped']} |")
    return lines + ["", "</details>"]


def _check_number(check_id: str) -> tuple:
    digits = re.findall(r"\d+", check_id)
    return (int(digits[-1]) if digits else 0, check_id)


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
    return visible(_NEWLINES.sub(" ", str(value))).strip()


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
