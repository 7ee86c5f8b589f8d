"""How complete a run was (contract section 6): checks planned, run, deselected, not run and why.

A run is only a pass when everything it selected ran. ``-k``, ``-m`` and ``--deselect`` narrow
the selection on purpose: such a run can pass, but it says so ("PASSED (partial: 6 of 1024
checks)"). ``-x``, ``--maxfail`` (also from a project's own ``addopts``), SIGINT and SIGTERM stop
it before the selection is done: that run is INCOMPLETE, never a pass (exit 1 if it already has
failures at or above ``--fail-on``, else 4; conformance/run/gating.py).

The counts come from pytest's own hooks: ``pytest_deselected`` for what the options left out,
``pytest_collection_finish`` for what was selected, one result per check that ran. Under
pytest-xdist the workers collect, so they send their counts to the controller in
``workeroutput`` (plugin.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

COMPLETE = "complete"  # every check collected ran
PARTIAL = "partial"  # -k/-m/--deselect left some out on purpose; every selected check ran
STOPPED_EARLY = "stopped-early"  # -x/--maxfail, or selected checks left without a result
INTERRUPTED = "interrupted"  # SIGINT or SIGTERM
STOPPED = "stopped"  # the suite stopped the run itself: the target could not be reached or served

STATUSES = (COMPLETE, PARTIAL, STOPPED_EARLY, INTERRUPTED, STOPPED)
INCOMPLETE_STATUSES = (STOPPED_EARLY, INTERRUPTED)  # never a pass: exit 1 or 4, verdict INCOMPLETE


@dataclass
class Completeness:
    """Counted while the run goes; ``as_report`` adds what ran and decides the status."""

    planned: int = 0  # check items collected, before any deselection
    deselected: int = 0  # left out by -k, -m, --deselect (or another plugin's selection)
    narrowed_by: list[str] = field(default_factory=list)  # the options that narrowed the selection
    counted: bool = False  # collection finished: planned and deselected are known
    interrupted_by: str | None = None  # "SIGINT", "SIGTERM"
    stopped_early_by: str | None = None  # pytest's own words: "stopping after 1 failures"
    stop_reason: str | None = None  # the suite stopped the run itself (exit 3): the one line

    def add_collected(self, selected: int, deselected: int) -> None:
        self.planned += selected + deselected
        self.deselected += deselected
        self.counted = True

    def as_report(self, ran: int) -> dict:
        selected = max(self.planned - self.deselected, 0)
        planned = self.planned if self.counted else ran
        not_run = max(selected - ran, 0) if self.counted else 0
        reason = None
        if self.interrupted_by:
            status, reason = INTERRUPTED, f"interrupted by {self.interrupted_by}"
        elif self.stop_reason:
            status, reason = STOPPED, self.stop_reason
        elif self.stopped_early_by:
            status, reason = STOPPED_EARLY, f"stopped early ({self.stopped_early_by}; -x or --maxfail)"
        elif not_run:
            status, reason = STOPPED_EARLY, f"{not_run} selected checks recorded no result"
        elif self.deselected:
            status = PARTIAL
            reason = "selection narrowed by " + (", ".join(self.narrowed_by) or "a pytest option")
        else:
            status = COMPLETE
        return {
            "status": status,
            "complete": status == COMPLETE,
            "planned": planned,
            "deselected": self.deselected if self.counted else 0,
            "selected": selected if self.counted else ran,
            "run": ran,
            "not_run": not_run,
            "reason": reason,
        }


def narrowing_options(option) -> list[str]:
    """The pytest options of this run that leave checks out on purpose, as the user typed them."""
    narrowed = []
    if getattr(option, "keyword", ""):
        narrowed.append(f"-k {option.keyword!r}")
    if getattr(option, "markexpr", ""):
        narrowed.append(f"-m {option.markexpr!r}")
    for nodeid in getattr(option, "deselect", None) or []:
        narrowed.append(f"--deselect {nodeid}")
    return narrowed


def is_incomplete(completeness: Mapping | None) -> bool:
    return bool(completeness) and completeness.get("status") in INCOMPLETE_STATUSES


def verdict_label(report: Mapping, default: str) -> str:
    """The verdict word(s) every format shows: INCOMPLETE for a run that did not finish, and
    "PASSED (partial: N of M checks)" for a narrowed one; otherwise ``default``, the writer's own."""
    completeness = report.get("completeness") or {}
    if is_incomplete(completeness) and not report.get("fatal"):
        return "INCOMPLETE"
    if completeness.get("status") == PARTIAL and default.startswith("PASSED"):
        return f"PASSED (partial: {completeness['run']} of {completeness['planned']} checks)"
    return default


def summary_line(completeness: Mapping | None) -> str | None:
    """One line for the top of every format: how much of the catalogue ran, and why not all."""
    if not completeness:
        return None
    text = f"{completeness['run']} of {completeness['planned']} checks run"
    extras = []
    if completeness.get("deselected"):
        extras.append(f"{completeness['deselected']} deselected")
    if completeness.get("not_run"):
        extras.append(f"{completeness['not_run']} not run")
    if extras:
        text += f" ({', '.join(extras)})"
    if completeness.get("reason"):
        text += f": {completeness['reason']}"
    return f"Completeness: {completeness['status']}, {text}"
