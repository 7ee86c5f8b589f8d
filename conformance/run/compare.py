"""``--compare PREVIOUS_REPORT``: which findings are new, fixed or unchanged since a previous run.

A finding is a result with outcome ``failed`` (accepted or not: a baseline changes whether it
gates, not whether it exists). Findings are matched across runs on check ID, endpoint and
parameters, the identity ``Result.key()`` defines. A previous finding counts as *fixed* only when
this run evaluated the same check, endpoint and parameters and it passed; one this run did not
re-check (deselected with ``-k``, skipped, or an error) is listed as ``not_rechecked`` instead,
so a narrower run never claims a fix it did not see.

The previous report is read before anything runs: an unreadable file, or JSON that is not a
drf-conformance report, is a usage error (exit 2, one line).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path


class CompareError(ValueError):
    """The previous report cannot be used; the message is one line saying what to fix."""


def finding_key(result: Mapping) -> tuple:
    """The same identity as ``Result.key()``, for report dicts (parameters as strings)."""
    parameters = result.get("parameters") or {}
    return (result["check_id"], result["endpoint"], tuple(sorted((str(k), str(v)) for k, v in parameters.items())))


def load_previous(path: str | Path) -> dict:
    """The previous report.json, checked enough to compare against; raise ``CompareError``."""
    where = f"--compare {path}"
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CompareError(f"{where}: cannot read it ({exc})") from None
    except json.JSONDecodeError as exc:
        raise CompareError(f"{where}: not valid JSON ({exc}); give a report.json of drf-conformance") from None
    if not isinstance(data, dict) or data.get("tool", {}).get("name") != "drf-conformance" \
            or not isinstance(data.get("results"), list):
        raise CompareError(f"{where}: not a drf-conformance report.json (no tool.name or results)")
    if data.get("schema_version") != 1:
        raise CompareError(f"{where}: schema_version {data.get('schema_version')!r} is not 1; "
                           f"this version reads schema_version 1 reports")
    for number, result in enumerate(data["results"], 1):
        if not isinstance(result, dict) or not all(
                isinstance(result.get(key), str) for key in ("check_id", "endpoint", "outcome")):
            raise CompareError(f"{where}: result {number} lacks check_id, endpoint or outcome")
        if not isinstance(result.get("parameters", {}), dict):
            raise CompareError(f"{where}: result {number} has parameters that are not an object")
    return data


def compare(previous: Mapping, results: list[Mapping], path: str) -> dict:
    """The report's ``comparison`` section: this run's results against ``previous``."""
    before = {finding_key(r): r for r in previous["results"] if r["outcome"] == "failed"}
    now = {finding_key(r): r for r in results if r["outcome"] == "failed"}
    outcome_now = {finding_key(r): r["outcome"] for r in results}
    new = [_finding(now[key]) for key in now if key not in before]
    unchanged = [_finding(now[key]) for key in now if key in before]
    fixed, not_rechecked = [], []
    for key, result in before.items():
        if key in now:
            continue
        if outcome_now.get(key) == "passed":
            fixed.append(_finding(result))
        else:
            not_rechecked.append(dict(_finding(result), now=outcome_now.get(key, "not run")))
    return {
        "previous": {
            "file": str(path),
            "started_at": previous.get("started_at"),
            "exit_code": previous.get("exit_code"),
        },
        "new": new,
        "fixed": fixed,
        "unchanged": unchanged,
        "not_rechecked": not_rechecked,
    }


def _finding(result: Mapping) -> dict:
    finding = {
        "check_id": result["check_id"],
        "endpoint": result["endpoint"],
        "parameters": {str(k): str(v) for k, v in (result.get("parameters") or {}).items()},
        "title": result.get("title") or "",
        "severity": result.get("severity") or "",
    }
    if result.get("accepted"):
        finding["accepted"] = result["accepted"]
    return finding
