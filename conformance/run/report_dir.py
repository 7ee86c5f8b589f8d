"""The report directory at the start of a run: writable, and cleared of the previous run's reports.

An unwritable ``--report-dir`` used to surface after the whole audit (exit 0, no reports); it is
now one line and exit 2 before anything is sent (contract section 6, "Fails early"). The previous
run's reports are removed at the start, so a run that dies leaves no stale report.json behind
looking current (issue 13). Only the files this tool writes are removed, by name.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from conformance.run.journal import JOURNAL_NAME

# The writers' file names (conformance/reports/__init__.py WRITERS) and the results journal.
REPORT_FILES = ("report.json", "junit.xml", "report.md", "report.html", "report.sarif", JOURNAL_NAME)


def unwritable(directory: Path) -> str | None:
    """One line saying why reports cannot go to ``directory``, or None. Creates it if missing."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        return f"--report-dir {directory}: it is a file, not a directory; give a directory (created if missing)"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # os.access says nothing true for root or ACLs: write a file and remove it.
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".drf-conformance-write-test-"):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return f"--report-dir {directory}: cannot write reports there ({reason}); give a writable directory"
    return None


def remove_stale_reports(directory: Path) -> list[str]:
    """Remove the previous run's reports; a warning for each that cannot be removed."""
    problems = []
    for name in REPORT_FILES:
        path = Path(directory) / name
        try:
            path.unlink(missing_ok=True)
        except IsADirectoryError:
            problems.append(f"{path} is a directory: the {name} of this run cannot be written there")
        except OSError as exc:
            problems.append(f"{path}: the previous run's file could not be removed ({exc.strerror})")
    return problems
