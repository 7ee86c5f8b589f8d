"""``-p bench.own_session``: each pytest-xdist worker in a session of its own (bench only).

Linux's scheduler, with autogroups on (``/proc/sys/kernel/sched_autogroup_enabled``), shares the
CPU fairly between sessions, not between processes: on a machine already busy with other
sessions' work, a ``-n 2`` run whose workers share the session of the one-process run gets no
more CPU than that run did, whatever the suite does. A worker that calls ``setsid()`` competes as
a session of its own, as each process does on a machine with free cores or without autogroups:
the bench measures ``-n 2`` both ways (docs/benchmarks.md). Never loaded by ``drf-conformance``.
"""

from __future__ import annotations

import os


def pytest_configure(config) -> None:
    if hasattr(config, "workerinput") and hasattr(os, "setsid"):
        try:
            os.setsid()
        except OSError:  # already a session or process-group leader: it has its own share then
            pass
