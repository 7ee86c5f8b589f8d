"""The report-writing measurement: every format for a report of N synthetic results.

The results are the real results of an audit (with their evidence), repeated over made-up
endpoints until there are N, so each writer sees realistic text, escaping and evidence.
"""

from __future__ import annotations

import copy
import importlib
import time
from pathlib import Path


def synthetic_report(template: dict, count: int) -> dict:
    """``template`` (a real report.json) with ``count`` results, cycling its own over new endpoints."""
    originals = template["results"]
    if not originals:
        raise ValueError("the template report has no results to repeat")
    results = []
    for number in range(count):
        result = copy.deepcopy(originals[number % len(originals)])
        method = result["endpoint"].split(" ", 1)[0] if result.get("endpoint") else "GET"
        result["endpoint"] = f"{method} /bench/items-{number // len(originals)}/"
        results.append(result)
    summary = {outcome: 0 for outcome in ("passed", "failed", "skipped", "error")}
    for result in results:
        summary[result["outcome"]] += 1
    endpoints = sorted({r["endpoint"] for r in results})
    return dict(template, results=results, summary=summary, endpoints=endpoints)


def time_write_all(report: dict, directory: Path) -> tuple[float, list[str]]:
    """Seconds ``conformance.reports.write_all`` takes, and the problems it reported."""
    from conformance.reports import write_all

    started = time.perf_counter()
    _, problems = write_all(report, directory)
    return time.perf_counter() - started, problems


def time_each_writer(report: dict, directory: Path) -> dict[str, float]:
    """Seconds per format, each writer called on its own (after ``write_all``: warm imports)."""
    from conformance.reports import WRITERS

    times = {}
    for module_name, file_name in WRITERS:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        started = time.perf_counter()
        module.write(report, directory / file_name)
        times[file_name] = round(time.perf_counter() - started, 3)
    return times
