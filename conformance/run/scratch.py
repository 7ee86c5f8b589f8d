"""One temp directory per run, created by the process that reports and removed by it at the end.

The in-process target keeps its CA's files in a temp directory. Under pytest-xdist each worker
serves its own target, and on SIGINT/SIGTERM pytest-xdist ends its workers with SIGKILL, which no
cleanup survives: their directories (CA key included) were left behind. So the controller (or the
single process) creates this directory before any worker starts, passes it to them in the
environment, and removes it whole after the workers are gone (``CompletenessTracker``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

RUN_TMP_VARIABLE = "DRF_CONFORMANCE_RUN_TMP"


def create() -> Path:
    path = Path(tempfile.mkdtemp(prefix="drf-conformance-run-"))
    os.environ[RUN_TMP_VARIABLE] = str(path)  # inherited by the xdist workers started after this
    return path


def directory() -> str | None:
    """Where a target puts its temp files: the run's directory, or the system's if there is none."""
    value = os.environ.get(RUN_TMP_VARIABLE)
    return value if value and os.path.isdir(value) else None


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    if os.environ.get(RUN_TMP_VARIABLE) == str(path):
        del os.environ[RUN_TMP_VARIABLE]
