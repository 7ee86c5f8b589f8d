"""Exit codes (contract section 1) from results and ``--fail-on``."""

from __future__ import annotations

from collections.abc import Mapping

from conformance.catalogue.registry import SEVERITIES
from conformance.results import Result

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_UNREACHABLE = 3
EXIT_ERRORS_ONLY = 4

FAIL_ON_LEVELS = (*SEVERITIES, "never")


_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


def _gates(outcome: str, severity: str | None, accepted: str | None, fail_on: str) -> bool:
    # "never" (or an unknown level) ranks above every severity: nothing reaches it.
    threshold = _RANK.get(fail_on, len(SEVERITIES))
    return outcome == "failed" and not accepted and _RANK.get(severity, 0) >= threshold


def gates(result: Result, fail_on: str) -> bool:
    """A failed, not accepted finding at or above ``fail_on`` fails the run."""
    return _gates(result.outcome, result.severity, result.accepted, fail_on)


def exit_code(results: list[Result], fail_on: str, fatal: str | None = None, incomplete: bool = False) -> int:
    """``incomplete``: the run stopped early or was interrupted, so it is never a pass (contract
    section 6): 1 if it already has failures at or above ``fail_on``, else 4."""
    if fatal:
        return EXIT_UNREACHABLE
    if any(gates(r, fail_on) for r in results):
        return EXIT_FAILED
    if incomplete or any(r.outcome == "error" for r in results):
        return EXIT_ERRORS_ONLY
    return EXIT_OK


def exit_code_of(report: Mapping) -> int:
    """A report's exit code: the one the engine recorded, else derived from its results as
    ``exit_code`` derives it (report writers are also used on reports made elsewhere)."""
    if report.get("exit_code") is not None:
        return int(report["exit_code"])
    fail_on = report.get("fail_on", "low")
    results = report.get("results", [])
    if any(_gates(r["outcome"], r.get("severity"), r.get("accepted"), fail_on) for r in results):
        return EXIT_FAILED
    if any(r["outcome"] == "error" and not r.get("accepted") for r in results):
        return EXIT_ERRORS_ONLY
    if (report.get("completeness") or {}).get("status") in ("stopped-early", "interrupted"):
        return EXIT_ERRORS_ONLY  # an unfinished run is never a pass (completeness.py)
    return EXIT_OK
