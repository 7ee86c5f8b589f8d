"""Results persisted as they are made: ``results.jsonl`` in the report directory.

A 12-minute audit that dies at report time must not lose its results (issue 13). Each result is
appended as one JSON line the moment it is recorded, so whatever happens afterwards (an exception
while building the report, a writer that fails, the process killed) the results are on disk.
The plugin reads the file back when it cannot build the report from memory; after the reports are
written the file is removed (report.json holds everything it held). A ``results.jsonl`` left in
the report directory therefore means that run did not finish writing its reports.

Evidence in a result is already redacted (the client redacts as it records); ``redact`` is a
further pass the caller may give (the final scrub of conformance/evidence.py's ``Redactor``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

JOURNAL_NAME = "results.jsonl"


class Journal:
    def __init__(self, directory: Path, redact: Callable[[str], str] | None = None):
        self.path = Path(directory) / JOURNAL_NAME
        self.redact = redact
        self._file = None
        self.problem: str | None = None  # why it could not be written (a warning in the report)

    def append(self, result: dict) -> None:
        if self.problem is not None:
            return
        try:
            if self._file is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._file = open(self.path, "w", encoding="utf-8")
            line = json.dumps(result, ensure_ascii=False, default=str)
            if self.redact is not None:
                line = self.redact(line)
            self._file.write(line + "\n")
            self._file.flush()  # on disk before the next check starts
        except (OSError, TypeError, ValueError) as exc:
            self.problem = f"{self.path}: results could not be persisted as they were made ({type(exc).__name__}: {exc})"

    def close(self) -> None:
        if self._file is not None:
            try:
                self._file.close()
            except OSError:
                pass
            self._file = None

    def discard(self) -> None:
        """The reports hold everything now: the journal would only look like a crashed run."""
        self.close()
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass


def read(path: Path) -> list[dict]:
    """The results a journal holds; a line cut short by a crash is left out."""
    results = []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return results
    for line in text.splitlines():
        try:
            results.append(json.loads(line))
        except ValueError:
            continue
    return results
