"""The terminal summary at the end of a run: counts per family and outcome, what changed, the
warnings and report paths, then the findings, worst first (issue 17): each failed check once per
cause, with where it was seen and what came back. The verdict line closes it.

Everything shown comes from the report dict; text from the target passes through ``visible`` so
an ESC byte in an answer cannot drive the user's terminal.
"""

from __future__ import annotations

from collections import Counter

from conformance.findings import finding_order, of as findings_of
from conformance.reports.ordering import visible
from conformance.run.completeness import summary_line, verdict_label

OUTCOME_COLUMNS = ("passed", "failed", "error", "skipped")
COMPARISON_KINDS = ("new", "fixed", "unchanged", "not_rechecked")
COMPARISON_LIMIT = 20  # the terminal lists this many new and fixed findings; the reports list all
FINDINGS_LIMIT = 30  # findings listed; the reports list all
WHERE_LIMIT = 4  # endpoints named per finding


def lines(report: dict, report_paths: list, fail_on: str) -> list[tuple[str, dict]]:
    """(text, markup) pairs for pytest's terminal writer."""
    out: list[tuple[str, dict]] = completeness_lines(report)
    counts: dict[str, Counter] = {}
    for result in report["results"]:
        counts.setdefault(result["family"], Counter())[result["outcome"]] += 1
    width = max([len("family")] + [len(f) for f in counts])
    out.append((f"{'family':<{width}}  " + "  ".join(f"{c:>7}" for c in OUTCOME_COLUMNS), {"bold": True}))
    for family, counter in counts.items():
        out.append((f"{family:<{width}}  " + "  ".join(f"{counter[c]:>7}" for c in OUTCOME_COLUMNS), {}))
    summary = report["summary"]
    out.append((f"{'total':<{width}}  " + "  ".join(f"{summary[c]:>7}" for c in OUTCOME_COLUMNS), {"bold": True}))
    accepted = sum(1 for r in report["results"] if r.get("accepted") is not None)
    if accepted:
        out.append((f"{accepted} of the failed are accepted by the baseline and do not fail the run", {}))
    out += comparison_lines(report.get("comparison"))
    for warning in report.get("warnings", []):
        out.append((f"WARNING: {visible(warning)}", {"yellow": True, "bold": True}))
    if report_paths:
        out.append((f"reports: {', '.join(str(p) for p in report_paths)}", {}))
    out += finding_lines(report)
    verdict = verdict_of(report)
    out.append((f"drf-conformance: {verdict} (exit {report.get('exit_code')}, --fail-on {fail_on})",
                {"bold": True, "red": report.get("exit_code") not in (0, None), "green": report.get("exit_code") == 0}))
    return out


def finding_lines(report: dict, limit: int = FINDINGS_LIMIT) -> list[tuple[str, dict]]:
    """Each finding, worst first: one headline, what was expected and got, where it was seen."""
    findings = sorted(findings_of(report), key=finding_order)
    if not findings:
        return []
    results = sum(len(f.get("results") or []) for f in findings)
    out = [("", {}), (f"{len(findings)} finding{'s' if len(findings) != 1 else ''} "
                      f"({results} result{'s' if results != 1 else ''}), worst first:", {"bold": True})]
    for finding in findings[:limit]:
        tag = "ACCEPTED" if finding.get("accepted") else finding["outcome"].upper()
        markup = {"red": True} if tag == "FAILED" else {"yellow": True}
        endpoints = list(finding.get("endpoints") or [])
        where = ", ".join(endpoints[:WHERE_LIMIT]) + (f" and {len(endpoints) - WHERE_LIMIT} more" if len(endpoints) > WHERE_LIMIT else "")
        schemes = finding.get("schemes") or []
        out.append((visible(f"{tag} {finding['check_id']} [{finding.get('severity')}] {finding.get('title')}"), markup))
        if finding.get("expected") or finding.get("actual"):
            out.append((visible(f"    expected {finding.get('expected')}; got {finding.get('actual')}"), {}))
        elif finding.get("detail"):
            out.append((visible(f"    {finding['detail'][:300]}"), {}))
        out.append((visible(f"    on {where}" + (f" ({', '.join(schemes)})" if schemes else "")), {}))
    if len(findings) > limit:
        out.append((f"... {len(findings) - limit} more findings; see report.md or report.html", {}))
    return out
def verdict_of(report: dict) -> str:
    """The verdict words of the terminal and report.json: INCOMPLETE and "PASSED (partial: ...)"
    come from the run's completeness (conformance/run/completeness.py)."""
    default = {0: "PASSED", 1: "FAILED", 3: "TARGET UNREACHABLE", 4: "INCONCLUSIVE (errors)"}.get(
        report.get("exit_code"), "FINISHED")
    return verdict_label(report, default)


def completeness_lines(report: dict) -> list[tuple[str, dict]]:
    """How much of the catalogue ran, first in the summary (contract section 6)."""
    completeness = report.get("completeness")
    line = summary_line(completeness)
    if line is None:
        return []
    markup = {"bold": True} if completeness.get("status") == "complete" else {"yellow": True, "bold": True}
    return [(line, markup)]


def comparison_lines(comparison: dict | None, limit: int = COMPARISON_LIMIT) -> list[tuple[str, dict]]:
    """What changed since the --compare report: counts, then the new and fixed findings."""
    if not comparison:
        return []
    previous = comparison["previous"]
    counts = ", ".join(f"{len(comparison[k])} {k.replace('_', '-')}" for k in COMPARISON_KINDS)
    out = [("", {}), (f"since {previous['file']} ({previous.get('started_at') or 'unknown date'}): {counts}",
                      {"bold": True})]
    for kind, tag, markup in (("new", "NEW", {"red": True}), ("fixed", "FIXED", {"green": True})):
        findings = comparison[kind]
        for finding in findings[:limit]:
            params = ", ".join(f"{k}={v}" for k, v in sorted(finding["parameters"].items()))
            out.append((f"  {tag} {finding['check_id']} {finding['endpoint']}" + (f" ({params})" if params else "")
                        + (f": {finding['title']}" if finding.get("title") else ""), markup))
        if len(findings) > limit:
            out.append((f"  ... {len(findings) - limit} more {kind}; see report.md or report.html", {}))
    return out
