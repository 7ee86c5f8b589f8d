"""The final scrub: defence in depth behind the redaction done where evidence is recorded.

Redaction happens when an exchange is recorded (conformance/evidence.py). This module is the
second line, for whatever escaped it (issue 11, CWE-532): every terminal line goes through
``Redactor.scrub_terminal`` before pytest writes it, and a check that raised (a login sent
where it should not have been, a library error quoting a header) gets a short traceback without
argument values or locals, scrubbed, instead of pytest's long one, which prints every function's
arguments (``data = {'password': ...}``). Its result detail and evidence are scrubbed before
they leave the process (under pytest-xdist, before they reach the controller, which does not
know a worker's secrets). Report files are scrubbed where they are written
(``conformance.reports.write_all``).
"""

from __future__ import annotations

import pytest

from conformance.redaction import Redactor, redact_message
from conformance.results import CheckFailed


class FinalScrub:
    """A pytest plugin object: the terminal writer's scrub, and each check report's."""

    def __init__(self, redactor: Redactor):
        self.redactor = redactor

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        install_terminal_scrub(session.config, self.redactor)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        report = yield
        if item.get_closest_marker("check") is not None:
            # A pytest-xdist worker scrubs what it sends on; a single process scrubs the whole
            # report dict once, where the reports are written.
            scrub_check_report(report, call, self.redactor, results=hasattr(item.config, "workerinput"))
        return report


def install_terminal_scrub(config: pytest.Config, redactor: Redactor) -> None:
    """Scrub every write of pytest's terminal writer: progress, tracebacks, the summary."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    writer = getattr(reporter, "_tw", None)
    if writer is None or getattr(writer, "_conformance_scrubbed", False):
        return
    write = writer.write

    def scrubbed_write(msg: str, **kwargs) -> None:
        write(redactor.scrub_terminal(msg) if msg else msg, **kwargs)

    writer.write = scrubbed_write
    writer._conformance_scrubbed = True


def scrub_check_report(report: pytest.TestReport, call: pytest.CallInfo, redactor: Redactor,
                       results: bool = True) -> None:
    """A check's report as it may be shown and sent on: no argument values, nothing registered
    (its result and answer digest too with ``results``)."""
    excinfo = call.excinfo
    if report.failed and excinfo is not None and not isinstance(excinfo.value, CheckFailed):
        # pytest's long traceback prints each function's arguments; short style has none, and
        # the chain is left out (requests' own messages quote the URL and its query).
        try:
            text = str(excinfo.getrepr(style="short", funcargs=False, showlocals=False, chain=False))
        except Exception:  # a repr that fails must not lose the report
            text = f"{excinfo.typename}: {excinfo.value}"
        report.longrepr = redact_message(redactor.scrub_terminal(text), redactor)
    elif isinstance(report.longrepr, str):
        report.longrepr = redactor.scrub_terminal(report.longrepr)
    elif isinstance(report.longrepr, tuple) and len(report.longrepr) == 3:  # a skip: (path, line, reason)
        path, line, reason = report.longrepr
        report.longrepr = (path, line, redactor.scrub_terminal(str(reason)))
    report.sections = [(title, redactor.scrub_terminal(content)) for title, content in report.sections]
    result = getattr(report, "conformance_result", None)
    if isinstance(result, dict) and result.get("outcome") == "error" and isinstance(result.get("detail"), str):
        result["detail"] = redact_message(result["detail"], redactor)
    if not results:
        return
    if isinstance(result, dict):
        report.conformance_result = redactor.scrub_tree(result)
    answers = getattr(report, "conformance_answers", None)
    if isinstance(answers, dict):
        report.conformance_answers = redactor.scrub_tree(answers)
