"""``report.json``: contract section 5, the file CI gates on. Stable key order, UTC times."""

from __future__ import annotations

import json
from pathlib import Path


def render(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def write(report: dict, path: Path) -> Path:
    path.write_text(render(report), encoding="utf-8")
    return path
