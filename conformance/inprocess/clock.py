"""The in-process clock: freezegun moves the time of the whole process, server threads included.

In-process, the deployment is served from threads of the test process, so one
``freezegun.freeze_time`` reaches the code that issues a token (``Token.created``, DOT's
``expires``, simplejwt's ``exp``) and the code that judges it (``timezone.now()`` in the
authentication class) alike: a token can be thirty days old in a few milliseconds, without
back-dating anything in the database.

What must keep real time is the suite's own HTTP client: urllib3 measures its timeouts with
``time.monotonic()`` and the client its rate limit, so their modules are on the freezer's ignore
list (freezegun looks a few frames up the stack for an ignored module), next to freezegun's own
defaults (``threading``, ``queue``), which keep lock and queue timeouts real. Socket timeouts are
set in C and TLS certificate dates are checked by OpenSSL against the real clock, so neither
stops while frozen. ``frozen()`` is a context manager: the clock is real again when its block
ends, whatever happened inside, so no later check sees a moved clock.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Iterator

# Modules whose calls to time functions see the real clock while time is frozen.
REAL_TIME_MODULES = ("urllib3", "requests", "conformance.http")


class TimeTravel:
    """A frozen clock that only moves when told: ``at(offset)`` from the instant it froze."""

    def __init__(self, frozen, origin: datetime):
        self._frozen = frozen
        self.origin = origin
        self.offset = timedelta(0)

    def at(self, offset: timedelta) -> None:
        self.offset = offset
        self._frozen.move_to(self.origin + offset)

    def describe(self) -> str:
        return describe_offset(self.offset)


class FrozenClock:
    """The capability ``Target.clock()`` returns in-process."""

    @contextmanager
    def frozen(self) -> Iterator[TimeTravel]:
        """Freeze at the current second; yield a ``TimeTravel``; always unfreeze on the way out."""
        import freezegun

        origin = datetime.now(timezone.utc).replace(microsecond=0)
        freezer = freezegun.freeze_time(origin, tick=False, ignore=list(REAL_TIME_MODULES))
        frozen = freezer.start()
        try:
            yield TimeTravel(frozen, origin)
        finally:
            freezer.stop()


def describe_offset(offset: timedelta) -> str:
    """``30 days 1 s`` for the report: how far the clock was moved from the issuing instant."""
    total = int(offset.total_seconds())
    sign = "-" if total < 0 else "+"
    total = abs(total)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{days} d" if days else "", f"{hours} h" if hours else "",
             f"{minutes} min" if minutes else "", f"{seconds} s" if seconds else ""]
    return sign + (" ".join(p for p in parts if p) or "0 s")
