"""The terminal summary at the end of a run: counts per family and outcome, then each failure."""

from __future__ import annotations

from collections import Counter

OUTCOME_COLUMNS = ("passed", "failed", "error", "skipped")
COMPARISON_KINDS = ("new", "fixed", "unchanged", "not_rechecked")
COMPARISON_LIMIT = 20  # the terminal lists this many new and fixed findings; the reports list all


def lines(report: dict, report_paths: list, fail_on: str) -> list[tuple[str, dict]]:
    """(text, markup) pairs for pytest's terminal writer."""
    out: list[tuple[str, dict]] = []
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
    problems = [r for r in report["results"] if r["outcome"] in ("failed", "error")]
    if problems:
        out.append(("", {}))
    for result in problems:
        tag = "ACCEPTED" if result.get("accepted") is not None else result["outcome"].upper()
        markup = {"red": True} if tag == "FAILED" else {"yellow": True}
        params = ", ".join(f"{k}={v}" for k, v in sorted(result.get("parameters", {}).items()))
        out.append((f"{tag} {result['check_id']} [{result['severity']}] {result['endpoint']}"
                    + (f" ({params})" if params else "") + f": {result['title']}", markup))
        if result.get("expected") or result.get("actual"):
            out.append((f"    expected {result.get('expected')}; got {result.get('actual')}", {}))
        elif result.get("detail"):
            out.append((f"    {result['detail'][:300]}", {}))
    out += comparison_lines(report.get("comparison"))
    for warning in report.get("warnings", []):
        out.append((f"WARNING: {warning}", {"yellow": True, "bold": True}))
    if report_paths:
        out.append((f"reports: {', '.join(str(p) for p in report_paths)}", {}))
    verdict = {0: "PASSED", 1: "FAILED", 3: "TARGET UNREACHABLE", 4: "INCONCLUSIVE (errors)"}.get(
        report.get("exit_code"), "FINISHED")
    out.append((f"drf-conformance: {verdict} (exit {report.get('exit_code')}, --fail-on {fail_on})",
                {"bold": True, "red": report.get("exit_code") not in (0, None), "green": report.get("exit_code") == 0}))
    return out


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
