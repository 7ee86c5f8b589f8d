"""``drf-conformance --help``: a page people read (issue 15).

What the suite does, its own options, two examples and the exit codes, in one screen; pytest's
options, which all pass through, only under ``--help-all``, after a heading. The suite's options
are read from the plugin's ``pytest_addoption``, so an option added there is listed here too.
"""

from __future__ import annotations

import argparse
import contextlib
import io

PROG = "drf-conformance"

USAGE = f"{PROG} [--ds SETTINGS | --target-url URL] [options] [pytest options]"

DESCRIPTION = """\
Audits the authentication of a Django REST Framework deployment and proves,
endpoint by endpoint, what it accepts that it must not: anonymous requests,
malformed and expired credentials, deactivated users, scheme confusion,
credentials in URLs, plain HTTP, missing CSRF, leaky error pages. Every finding
comes with redacted evidence and the fix. Reports go to --report-dir:
report.json, junit.xml, report.md, report.html, report.sarif.

With neither --ds nor --target-url it audits the embedded reference deployment
(target_project.settings; pip install 'drf-conformance[reference]')."""

TARGET_OPTIONS = (
    (("--ds",), {"metavar": "SETTINGS", "help": "in-process: import this Django settings module, build its test database and "
                                                "serve the project from the test process (HTTPS and HTTP on loopback)"}),
)

PYTEST_OPTIONS = (
    (("-k",), {"metavar": "EXPRESSION", "help": "only the checks whose test names match (e.g. -k expired)"}),
    (("-x",), {"action": "store_true", "help": "stop at the first failed check"}),
    (("-n",), {"metavar": "N", "help": "run on N processes (pytest-xdist, when installed)"}),
    (("-q", "-v"), {"action": "store_true", "help": "less or more terminal output"}),
)

EPILOG = f"""\
examples:
  in-process, from your project's directory, in the project's own environment:
    {PROG} --ds myproject.settings --fail-on medium
  remote, against a running staging deployment (safe by default: read-only probes):
    CONFORMANCE_TOKEN_ACTIVE=... {PROG} --target-url https://staging.example.com \\
        --openapi https://staging.example.com/api/schema/ --credentials creds.json

exit codes:
  0  no failed check at or above --fail-on, and no error
  1  failed checks at or above --fail-on
  2  usage or configuration error (one line says what to fix)
  3  the target could not be reached or served
  4  checks that could not be evaluated (outcome error), and nothing worse

Every pytest option passes through; {PROG} --help-all lists them.
Documentation: docs/usage.md (options, settings, credential roles), docs/install.md."""


class _Recorder:
    """Stands in for pytest's parser to collect what the plugin's ``pytest_addoption`` declares."""

    def __init__(self) -> None:
        self.options: list[tuple[tuple[str, ...], dict]] = []

    def getgroup(self, *args, **kwargs) -> _Recorder:
        return self

    def addoption(self, *names: str, **attrs) -> None:
        self.options.append((names, attrs))

    def addini(self, *args, **kwargs) -> None:
        pass


def suite_options() -> list[tuple[tuple[str, ...], dict]]:
    """The options the conformance plugin adds to pytest, as (names, argparse attributes)."""
    from conformance import plugin

    recorder = _Recorder()
    plugin.pytest_addoption(recorder)
    return recorder.options


def _add(group, names: tuple[str, ...], attrs: dict) -> None:
    keep = {key: value for key, value in attrs.items() if key in ("action", "metavar", "help", "choices", "nargs")}
    if keep.get("action") not in (None, "store"):
        keep.pop("metavar", None)
    group.add_argument(*names, **keep)


def parser() -> argparse.ArgumentParser:
    page = argparse.ArgumentParser(prog=PROG, usage=USAGE, description=DESCRIPTION, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter, add_help=False)
    target = page.add_argument_group("target (one of them; with neither, the reference deployment)")
    for names, attrs in TARGET_OPTIONS:
        _add(target, names, attrs)
    options = suite_options()
    for names, attrs in options:
        if names == ("--target-url",):
            _add(target, names, {**attrs, "help": "remote: audit the running deployment at URL over HTTP(S), black box"})
    suite = page.add_argument_group("options")
    for names, attrs in options:
        if names != ("--target-url",):
            _add(suite, names, attrs)
    suite.add_argument("-h", "--help", action="store_true", help="this page")
    suite.add_argument("--help-all", action="store_true", help="this page, then every pytest option")
    suite.add_argument("-V", "--version", action="store_true", help="print the version")
    common = page.add_argument_group("common pytest options (all of pytest's pass through)")
    for names, attrs in PYTEST_OPTIONS:
        _add(common, names, attrs)
    return page


def text() -> str:
    return parser().format_help()


def pytest_help() -> str:
    """pytest's own help, headed as what it is: the options that pass through to pytest."""
    import pytest

    captured = io.StringIO()
    with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(io.StringIO()):
        pytest.main(["--help", "-p", "no:cacheprovider"])
    lines = captured.getvalue().splitlines()
    # pytest's first line is `usage: pytest.main() [options] [file_or_dir] ...`: not how this
    # program is called, and the scenarios are chosen by the suite.
    while lines and (lines[0].startswith("usage:") or not lines[0].strip()):
        lines.pop(0)
    heading = f"pytest options (they all pass through {PROG}; the suite chooses the files to collect)"
    return "\n".join([heading, "=" * len(heading), "", *lines]) + "\n"
