"""What an audit prints while it runs: one live line on a terminal, nothing in a CI log.

An audit runs hundreds of checks; pytest's dot per test says little (which family? how far?)
and fills CI logs. During an audit, at pytest's default verbosity or below, this plugin takes
pytest's per-test letters and file names away (pytest's counts and reports are untouched) and,
when stdout is a terminal and ``-q`` was not given, redraws one line in place::

    drf-conformance: 312/782 checks · malformed-credentials · 2 failed

Piped to a file or a CI log the run prints its header, the final summary
(conformance/run/summary.py) and, so that a long run is never silent, one line every
``PIPED_INTERVAL_S`` seconds at most (issue 13; ``DRF_CONFORMANCE_PROGRESS_INTERVAL`` changes it)::

    drf-conformance: 312/782 checks done after 30 s (malformed-credentials, 2 failed)

Nothing per check: a 25,000-check run that lasts ten minutes prints twenty such lines. With
``-q`` on a terminal nothing is redrawn; with ``-v`` pytest's own line per test is left as it is.
"""

from __future__ import annotations

import os
import time

import pytest

REDRAW_INTERVAL_S = 0.1  # a terminal redraw costs little, but not per check of a 10,000-check run
PIPED_INTERVAL_S = 30.0  # a CI log gets a line this often at most, never one per check
INTERVAL_VARIABLE = "DRF_CONFORMANCE_PROGRESS_INTERVAL"


def piped_interval(environ=os.environ) -> float:
    try:
        return max(float(environ.get(INTERVAL_VARIABLE, PIPED_INTERVAL_S)), 0.0)
    except ValueError:
        return PIPED_INTERVAL_S


class ProgressLine:
    """A pytest plugin object; registered by conformance/plugin.py on the process that reports."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.families: dict[str, str] = {}  # nodeid -> family, of the audit's checks
        self.total = 0
        self.done = 0
        self.failed = 0
        self.family = ""
        self.live = False  # redrawing a line in place
        self.quiet = False  # pytest's per-test letters are suppressed
        self.running = True  # until the session finishes
        self._drawn_at = 0.0
        self._width = 0
        self.piped = False  # a pipe or a CI log: a line every piped_interval seconds at most
        self.interval = piped_interval()
        self.clock = time.monotonic
        self._started_at = self._logged_at = self.clock()
        self._reporter = None
        self._after_dots = False

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        from conformance.catalogue import get

        for item in session.items:
            marker = item.get_closest_marker("check")
            if marker is not None and marker.args:
                self.families[item.nodeid] = get(marker.args[0]).family
        if not self.families:
            return  # not an audit: leave pytest's output alone
        self.total = len(self.families)
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        verbosity = self.config.get_verbosity()
        if reporter is None or verbosity > 0:
            return
        self.quiet = True
        reporter.showfspath = False  # the file name pytest prints before a module's first dot
        self.live = verbosity == 0 and bool(getattr(reporter, "isatty", False))
        self._tw = reporter._tw if self.live else None
        self.piped = not getattr(reporter, "isatty", False)
        self._reporter = reporter

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node, ids) -> None:
        """pytest-xdist, on the controller (which collects nothing itself): the total, and the
        periodic line for a pipe; checks are then counted by their results."""
        if self.total or self.config.get_verbosity() > 0:
            return
        self.total = len(ids)
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None and not getattr(reporter, "isatty", False):
            self.piped, self._reporter = True, reporter
            self._after_dots = True  # xdist prints its own dots: the line starts a new one

    @pytest.hookimpl(wrapper=True)
    def pytest_report_teststatus(self, report, config):
        status = yield
        if self.quiet and self.running and getattr(report, "nodeid", None) in self.families:
            # Keep pytest's category (it counts "failed", "xfailed"...); drop the letter and word
            # while tests run. The short summary after the run asks again and gets its words.
            return status[0], "", ""
        return status

    def pytest_runtest_logstart(self, nodeid: str, location) -> None:
        family = self.families.get(nodeid)
        if family and family != self.family:
            self.family = family
            self._draw(force=True)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.nodeid not in self.families and not (
                not self.families and self.total and hasattr(report, "conformance_result")):
            return
        if report.when == "call" or (report.when == "setup" and not report.passed):
            self.done += 1
            if report.failed:
                self.failed += 1
            self._draw(force=self.done == self.total)
            self._log()

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self) -> None:
        self.running = False
        self._clear()

    def line(self) -> str:
        text = f"drf-conformance: {self.done}/{self.total} checks"
        if self.family:
            text += f" · {self.family}"
        if self.failed:
            text += f" · {self.failed} failed"
        return text

    def _draw(self, force: bool = False) -> None:
        if not self.live:
            return
        now = time.monotonic()
        if not force and now - self._drawn_at < REDRAW_INTERVAL_S:
            return
        self._drawn_at = now
        width = max(self._tw.fullwidth - 1, 20)
        text = self.line()[:width]
        # Pad over what the previous, possibly longer, line left on screen.
        self._tw.write("\r" + text.ljust(self._width), flush=True)
        self._width = len(text)

    def piped_line(self, elapsed: float) -> str:
        text = f"drf-conformance: {self.done}/{self.total} checks done after {elapsed:.0f} s"
        details = [d for d in (self.family, f"{self.failed} failed" if self.failed else "") if d]
        return text + (f" ({', '.join(details)})" if details else "")

    def _log(self) -> None:
        """In a pipe, one line when ``interval`` has passed since the last one (issue 13)."""
        if not self.piped or self._reporter is None:
            return
        now = self.clock()
        if now - self._logged_at < self.interval or self.done == self.total:
            return  # the summary follows the last check
        self._logged_at = now
        self._reporter.write_line(("\n" if self._after_dots else "") + self.piped_line(now - self._started_at))

    def _clear(self) -> None:
        if self.live and self._width:
            self._tw.write("\r" + " " * self._width + "\r", flush=True)
            self._width = 0
