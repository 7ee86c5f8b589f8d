"""Reports: one serializer (``build_report``) and one writer per format.

Every writer takes the same dict (contract section 5 plus the additions documented in
docs/ARCHITECTURE.md) and writes one file. A writer that fails does not take the others down:
its failure becomes a warning, and the files already written stay on disk.

The final scrub (issue 11, defence in depth): given the run's ``Redactor``, ``write_all``
scrubs every string of the report before any writer sees it, then searches each written file for
every registered form of every secret and rewrites it scrubbed (with a warning) if one got in.
"""

from __future__ import annotations

import importlib
import os
import time
from pathlib import Path

from conformance import __version__
from conformance.catalogue import all_checks
from conformance.redaction import Redactor
from conformance.run.state import RunState

LOOPBACK = "127.0.0.1"  # conformance.targets.inprocess serves there (not imported: it needs Django)

# (module, file name), in the order they are written: JSON first, it is what CI gates on.
WRITERS = (
    ("conformance.reports.json_report", "report.json"),
    ("conformance.reports.junit", "junit.xml"),
    ("conformance.reports.markdown", "report.md"),
    ("conformance.reports.html", "report.html"),
    ("conformance.reports.sarif", "report.sarif"),
)

FAMILY_ORDER = {check.family: i for i, check in enumerate(all_checks())}


def _sort_key(result) -> tuple:
    return (FAMILY_ORDER.get(result.family, 99), result.check_id, result.endpoint,
            sorted(result.parameters.items()))


def build_report(state: RunState) -> dict:
    from conformance.catalogue import get
    from conformance.findings import group as group_findings, rewrite_in_process_curls

    results = sorted(state.results, key=_sort_key)
    summary = {outcome: 0 for outcome in ("passed", "failed", "skipped", "error")}
    for result in results:
        summary[result.outcome] += 1
    target = state.target.info() if state.target is not None else _target_seen_from_afar(state)
    ran = sorted({r.check_id for r in results})
    report = {
        "schema_version": 1,
        "tool": {"name": "drf-conformance", "version": __version__},
        "target": target,
        "started_at": state.started_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "duration_s": round(time.monotonic() - state.started_monotonic, 3),
        "summary": summary,
        "findings": [],  # filled below, from the results as serialised
        "results": [r.as_dict() for r in results],
        "fail_on": state.options.fail_on,
        "exit_code": state.exit_code,
        "warnings": list(state.warnings),
        "expectations": state.expectations.as_report() if state.expectations else {},
        "endpoints": ([e.label for e in state.target.endpoints] if state.target is not None
                      else sorted({r.endpoint for r in results if r.endpoint})),
        "checks": [get(check_id).as_dict() for check_id in ran],
    }
    if state.target is not None and getattr(state.target, "auth_endpoints", None):
        report["auth_endpoints"] = state.target.auth_endpoints.as_report()
    if state.fatal:
        report["fatal"] = state.fatal
    # In-process curl lines aimed at a server gone with the run: rewrite them for runserver.
    rewrite_in_process_curls(report)
    report["findings"] = group_findings(report)
    return report


def _target_seen_from_afar(state: RunState) -> dict:
    """The target when this process never built one: the pytest-xdist controller, whose workers
    each serve their own copy in-process (on loopback, each on its own port), or a run stopped
    before the target existed (an ``--openapi`` URL that cannot be fetched). The same keys as
    ``Target.info()`` that the writers read (remote mode's ``credential_roles`` and ``schemes`` are
    known only to a built target)."""
    if state.options.mode == "remote":
        return {"mode": "remote", "url": state.options.target_url, "settings": None}  # a black box has none
    settings_module = state.options.settings_module or os.environ.get("DJANGO_SETTINGS_MODULE")
    return {"mode": "in-process", "url": f"https://{LOOPBACK}", "settings": settings_module}


def write_all(report: dict, directory: Path, redactor: Redactor | None = None) -> tuple[list[Path], list[str]]:
    """Write every format; returns the paths written and one warning per writer that failed.

    With ``redactor``, the final scrub (issue 11): every string of the report is scrubbed before
    any writer sees it, and each file written is searched again for every registered form."""
    directory.mkdir(parents=True, exist_ok=True)
    if redactor is not None:
        report = _scrubbed(report, redactor)
    written, problems = [], []
    for module_name, file_name in WRITERS:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue  # a format not installed in this build
        try:
            path = module.write(report, directory / file_name)
            if redactor is not None and scrub_file(path, redactor):
                problems.append(f"{file_name}: a credential reached the file and was scrubbed after writing; "
                                "please report this redaction defect")
            written.append(path)
        except Exception as exc:  # one broken writer must not lose the other reports
            message = f"{type(exc).__name__}: {exc}"
            problems.append(f"{file_name} could not be written: {redactor.scrub(message) if redactor else message}")
            _remove_partial(directory / file_name)
    return written, problems


SCRUB_MEMO_LIMIT = 20_000  # strings remembered while scrubbing results (titles and fixes repeat)


def _scrubbed(report: dict, redactor: Redactor) -> dict:
    """Every string of ``report`` scrubbed: a copy of its sections, but each result dict scrubbed
    where it is (they are the fresh dicts ``build_report`` made; copying 40,000 of them doubled
    the memory a large run needs to write its reports, issue 16)."""
    scrubbed = {}
    for key, value in report.items():
        if key == "results" and isinstance(value, list):
            memo: dict = {}
            for position, result in enumerate(value):
                if len(memo) > SCRUB_MEMO_LIMIT:
                    memo.clear()
                if isinstance(result, dict):
                    for field, item in result.items():
                        result[field] = redactor.scrub_tree(item, memo)
                else:
                    value[position] = redactor.scrub_tree(result, memo)
            scrubbed[redactor.scrub(key)] = value
        else:
            scrubbed[redactor.scrub_tree(key)] = redactor.scrub_tree(value)
    return scrubbed


def _remove_partial(path: Path) -> None:
    """A writer that failed half-way leaves no half file that would read as this run's report."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


SCRUB_CHUNK_CHARS = 1 << 20


def scrub_file(path: Path, redactor: Redactor) -> bool:
    """Search a written report for every long form of every secret, in overlapping chunks (the
    page of 10,000 results is some 70 MB); rewrite it scrubbed if any is found."""
    pattern = redactor.pattern()
    if pattern is None:
        return False
    overlap = max(map(len, redactor.forms)) - 1
    with open(path, encoding="utf-8", errors="surrogateescape", newline="") as text:
        tail = ""
        while chunk := text.read(SCRUB_CHUNK_CHARS):
            window = tail + chunk
            if pattern.search(window):
                break
            tail = window[-overlap:]
        else:
            return False
    content = Path(path).read_text(encoding="utf-8", errors="surrogateescape")
    with open(path, "w", encoding="utf-8", errors="surrogateescape", newline="") as out:
        out.write(redactor.scrub(content))
    return True


def publish_step_summary(report: dict, redactor: Redactor | None = None) -> str | None:
    """Append report.md to ``$GITHUB_STEP_SUMMARY`` when GitHub Actions sets it; a warning if that fails."""
    from conformance.reports import markdown

    try:
        text = markdown.render(report)
        markdown.append_to_github_step_summary(redactor.scrub(text) if redactor is not None else text)
    except OSError as exc:
        return f"$GITHUB_STEP_SUMMARY {os.environ.get('GITHUB_STEP_SUMMARY')}: cannot append the summary ({exc.strerror})"
    return None
