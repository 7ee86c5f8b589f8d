"""The pytest plugin object that counts what a run planned, left out and did not finish.

It feeds ``RunState.completeness`` (conformance/run/completeness.py) from pytest's own hooks and
owns the signal handlers (conformance/run/signals.py). Registered by conformance/plugin.py on
every process; under pytest-xdist the workers collect, so each sends its counts to the controller
in ``workeroutput``.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from conformance.run import scratch
from conformance.run.completeness import narrowing_options
from conformance.run.signals import RunInterrupted, SignalCatcher

WORKER_OUTPUT_KEY = "conformance_completeness"


def _is_check(item) -> bool:
    return item.get_closest_marker("check") is not None


class CompletenessTracker:
    def __init__(self, config: pytest.Config, state):
        self.config = config
        self.state = state
        self._selected = 0
        self._deselected = 0
        self._stopped = 0  # left out because the suite stopped the run at collection (exit 2/3)

    # Signals ------------------------------------------------------------------------------------

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        if not self.state.audit_invocation:
            return
        catcher = self.state.signals or SignalCatcher()
        self.state.signals = catcher
        catcher.install()

    def pytest_keyboard_interrupt(self, excinfo) -> None:
        value = excinfo.value
        if isinstance(value, RunInterrupted):
            self.state.completeness.interrupted_by = value.signal_name
        elif isinstance(value, KeyboardInterrupt):
            self.state.completeness.interrupted_by = "SIGINT"
        elif self.state.stop_code is None:  # pytest.exit() from a check or another plugin
            message, code = str(getattr(value, "msg", value)), getattr(value, "returncode", None)
            if code:  # it chose the exit code (2: a usage error): keep it, as RunStopped does
                self.state.stop(SimpleNamespace(message=message, code=code, fatal=None))
            else:
                self.state.completeness.interrupted_by = f"pytest.exit ({message})"

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.state.signals is not None:
            self.state.signals.defer()  # the reports are written next: a signal must not cut them
        if hasattr(self.config, "workerinput"):
            self.config.workeroutput[WORKER_OUTPUT_KEY] = {
                "planned": self._selected + self._deselected + self._stopped,
                "deselected": self._deselected,
                "narrowed_by": narrowing_options(self.config.option),
            }

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        if self.state.signals is not None:
            self.state.signals.restore()
        if self.state.scratch is not None:  # after xdist's workers are gone, even SIGKILLed ones
            scratch.remove(self.state.scratch)
            self.state.scratch = None

    # Counting -----------------------------------------------------------------------------------

    def pytest_deselected(self, items) -> None:
        count = sum(1 for item in items if _is_check(item))
        if self.state.stop_code is not None:
            self._stopped += count  # not the user's choice: the run stopped before it began
        else:
            self._deselected += count

    @pytest.hookimpl(trylast=True)
    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self._selected = sum(1 for item in session.items if _is_check(item))
        if not (self._selected or self._deselected or self._stopped):
            return  # not an audit
        completeness = self.state.completeness
        completeness.planned = self._selected + self._deselected + self._stopped
        completeness.deselected = self._deselected
        completeness.narrowed_by = narrowing_options(self.config.option) if self._deselected else []
        completeness.counted = True

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error) -> None:
        """pytest-xdist, on the controller: a worker's counts (every worker collects the same)."""
        counts = getattr(node, "workeroutput", {}).get(WORKER_OUTPUT_KEY)
        completeness = self.state.completeness
        if counts and (not completeness.counted or completeness.planned < counts["planned"]):
            completeness.planned, completeness.deselected = counts["planned"], counts["deselected"]
            completeness.narrowed_by = list(counts["narrowed_by"]) if counts["deselected"] else []
            completeness.counted = True

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node, ids) -> None:
        """pytest-xdist, on the controller: what a worker selected, until its counts arrive
        (an interrupted run may never get them; the deselected count is then unknown)."""
        self.state.audit_seen = True
        completeness = self.state.completeness
        if not completeness.counted:
            completeness.planned = len(ids)
            completeness.counted = True
