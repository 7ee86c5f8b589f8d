"""``report.json``: contract section 5, the file CI gates on. Stable key order, UTC times.

The top level is indented for people; each result is one line, encoded by ``json``'s C encoder
(which ``indent`` turns off: the pure-Python one took 8 s for 10,000 results, docs/benchmarks.md),
and the file is streamed result by result rather than built as one string. One result a line
also keeps ``grep`` and ``diff`` of two reports readable.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TextIO

from conformance.run.journal import as_json

# C-accelerated: no indent. Exchanges left in the journal (issue 16) are read back as lists.
_compact = json.JSONEncoder(ensure_ascii=False, default=as_json).encode


def _indented(value) -> str:
    """``value`` indented as it would be at the top level of an ``indent=2`` document."""
    return json.dumps(value, indent=2, ensure_ascii=False, default=as_json).replace("\n", "\n  ")


def dump(report: dict, out: TextIO) -> None:
    out.write("{")
    for number, (key, value) in enumerate(report.items()):
        out.write(",\n  " if number else "\n  ")
        out.write(f"{_compact(key)}: ")
        if key == "results" and isinstance(value, list) and value:
            out.write("[")
            for index, result in enumerate(value):
                out.write(",\n    " if index else "\n    ")
                out.write(_compact(result))
            out.write("\n  ]")
        else:
            out.write(_indented(value))
    out.write("\n}\n" if report else "}\n")


def render(report: dict) -> str:
    buffer = io.StringIO()
    dump(report, buffer)
    return buffer.getvalue()


def write(report: dict, path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        dump(report, out)
    return path
