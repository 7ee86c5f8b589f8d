"""What an audit prints while it runs: one live line on a terminal, nothing in a CI log.

An audit runs hundreds of checks; pytest's dot per test says little (which family? how far?)
and fills CI logs. During an audit, at pytest's default verbosity or below, this plugin takes
pytest's per-test letters and file names away (pytest's counts and reports are untouched) and,
when stdout is a terminal and ``-q`` was not given, redraws one line in place::

    drf-conformance: 312/782 checks · malformed-credentials · 2 failed

Piped to a file or a CI log, and with ``-q``, the run prints only its header and the final
summary (conformance/run/summary.py). With ``-v`` pytest's own line per test is left as it is.
"""

from __future__ import annotations

import time

import pytest

REDRAW_INTERVAL_S = 0.1  # a terminal redraw costs little, but not per check of a 10,000-check run


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
        if report.nodeid not in self.families:
            return
        if report.when == "call" or (report.when == "setup" and not report.passed):
            self.done += 1
            if report.failed:
                self.failed += 1
            self._draw(force=self.done == self.total)

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

    def _clear(self) -> None:
        if self.live and self._width:
            self._tw.write("\r" + " " * self._width + "\r", flush=True)
            self._width = 0
