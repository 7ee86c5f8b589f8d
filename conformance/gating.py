"""Exit codes (contract section 1) from results and ``--fail-on``."""

from __future__ import annotations

from conformance.catalogue.registry import SEVERITIES
from conformance.results import Result

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_UNREACHABLE = 3
EXIT_ERRORS_ONLY = 4

FAIL_ON_LEVELS = (*SEVERITIES, "never")


def gates(result: Result, fail_on: str) -> bool:
    """A failed, not accepted finding at or above ``fail_on`` fails the run."""
    if result.outcome != "failed" or result.accepted is not None or fail_on == "never":
        return False
    return SEVERITIES.index(result.severity) >= SEVERITIES.index(fail_on)


def exit_code(results: list[Result], fail_on: str, fatal: str | None = None) -> int:
    if fatal:
        return EXIT_UNREACHABLE
    if any(gates(r, fail_on) for r in results):
        return EXIT_FAILED
    if any(r.outcome == "error" for r in results):
        return EXIT_ERRORS_ONLY
    return EXIT_OK
