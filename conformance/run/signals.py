"""SIGINT and SIGTERM end a run the way Ctrl-C does: reports written, temp files removed.

Python's default SIGTERM kills the process on the spot (exit 143): no report, and the in-process
CA's key left in its temp directory. CI runners send SIGTERM on a timeout or a cancelled job, so
both signals raise ``RunInterrupted`` (a ``KeyboardInterrupt``) instead: pytest then stops the
run, tears the fixtures down (the target stops, its temp directory goes) and calls
``pytest_sessionfinish``, where the plugin writes reports that say the run was interrupted
(contract section 6: never exit 0, never PASSED).

Once the reports are being written a signal only notes itself: a second Ctrl-C, or the SIGTERM a
runner sends after SIGINT, must not cut report.json in half.
"""

from __future__ import annotations

import signal
import threading

CAUGHT = (signal.SIGINT, signal.SIGTERM)


class RunInterrupted(KeyboardInterrupt):
    """A signal stopped the run; ``signal_name`` is "SIGINT" or "SIGTERM"."""

    def __init__(self, signal_name: str):
        super().__init__(f"drf-conformance: {signal_name} received: stopping the run and writing the reports")
        self.signal_name = signal_name


class SignalCatcher:
    """Installs the handlers (main thread only) and puts back the previous ones afterwards."""

    def __init__(self):
        self.received: str | None = None  # the first signal, by name
        self.late: str | None = None  # a signal noted while the reports were being written
        self.deferring = False
        self._previous: dict[int, object] = {}

    def install(self) -> bool:
        if threading.current_thread() is not threading.main_thread():
            return False  # signal.signal works only there (a test calling pytest from a thread)
        for signum in CAUGHT:
            try:
                self._previous[signum] = signal.signal(signum, self._handle)
            except (ValueError, OSError):  # an embedding that does not allow it
                continue
        return bool(self._previous)

    def restore(self) -> None:
        for signum, previous in self._previous.items():
            try:
                signal.signal(signum, previous)
            except (ValueError, OSError, TypeError):
                pass
        self._previous.clear()

    def defer(self) -> None:
        """From now on (report writing), a signal is noted, not raised."""
        self.deferring = True

    def _handle(self, signum, frame) -> None:
        name = signal.Signals(signum).name
        if self.deferring:
            self.late = self.late or name
            return
        self.received = self.received or name
        raise RunInterrupted(name)
