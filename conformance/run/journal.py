"""Results persisted as they are made: ``results.jsonl`` in the report directory.

A 12-minute audit that dies at report time must not lose its results (issue 13). Each result is
appended as one JSON line the moment it is recorded, so whatever happens afterwards (an exception
while building the report, a writer that fails, the process killed) the results are on disk.
The plugin reads the file back when it cannot build the report from memory; after the reports are
written the file is removed (report.json holds everything it held). A ``results.jsonl`` left in
the report directory therefore means that run did not finish writing its reports.

Evidence in a result is already redacted (the client redacts as it records); ``redact`` is a
further pass the caller may give (the final scrub of conformance/evidence.py's ``Redactor``).

The journal is also where a result's exchanges wait for the writers (issue 16): ``append``
returns a ``StoredEvidence``, a sequence that reads them back from the result's line each time a
writer iterates it, so a run holds in memory only the small part of each result (an audit of
800 endpoints held a gigabyte of exchanges).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

JOURNAL_NAME = "results.jsonl"


class Journal:
    def __init__(self, directory: Path, redact: Callable[[str], str] | None = None):
        self.path = Path(directory) / JOURNAL_NAME
        self.redact = redact
        self._file = None
        self._position = 0  # bytes written: where the next line starts
        self.problem: str | None = None  # why it could not be written (a warning in the report)

    def append(self, result: dict) -> "StoredEvidence | None":
        """Write ``result`` as one line; its exchanges as read back from it (None: keep them in
        memory, the line could not be written or read back)."""
        if self.problem is not None:
            return None
        try:
            if self._file is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._file = open(self.path, "wb")
                self._position = 0
            line = json.dumps(result, ensure_ascii=False, default=str)
            readable = True
            if self.redact is not None:
                redacted = self.redact(line)
                if redacted != line:  # a replacement inside JSON syntax must not lose the exchanges
                    readable = _parses(redacted)
                    line = redacted
            data = (line + "\n").encode("utf-8")
            self._file.write(data)
            self._file.flush()  # on disk before the next check starts
        except (OSError, TypeError, ValueError) as exc:
            self.problem = f"{self.path}: results could not be persisted as they were made ({type(exc).__name__}: {exc})"
            return None
        offset, self._position = self._position, self._position + len(data)
        evidence = result.get("evidence")
        if not readable or not isinstance(evidence, list) or not evidence:
            return None
        return StoredEvidence(self.path, offset, len(data), len(evidence))

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


def _parses(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


class StoredEvidence(Sequence):
    """A result's exchanges, read back from its journal line whenever they are iterated.

    ``map_on_load(function)`` returns the same exchanges with ``function`` applied as they are
    read (the final scrub, in-process curl lines rewritten for runserver): nothing is held in
    memory between two reads. Once the journal is removed (the reports are written) it reads
    as empty.
    """

    __slots__ = ("_path", "_offset", "_length", "_count", "_transforms")

    def __init__(self, path: Path, offset: int, length: int, count: int, transforms: tuple = ()):
        self._path, self._offset, self._length, self._count = path, offset, length, count
        self._transforms = transforms

    def _load(self) -> list:
        try:
            with open(self._path, "rb") as journal:
                journal.seek(self._offset)
                evidence = json.loads(journal.read(self._length))["evidence"]
        except (OSError, ValueError, KeyError, TypeError):
            return []
        for transform in self._transforms:
            evidence = transform(evidence)
        return evidence

    def map_on_load(self, function: Callable[[list], list]) -> "StoredEvidence":
        return StoredEvidence(self._path, self._offset, self._length, self._count, (*self._transforms, function))

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return self._load()[index]

    def __iter__(self):
        return iter(self._load())

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    def __repr__(self) -> str:
        return f"<{self._count} exchanges in {self._path.name} at byte {self._offset}>"


def as_json(value):
    """``default`` of ``json.dumps`` for reports that may hold ``StoredEvidence``."""
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
