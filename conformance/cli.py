"""``drf-conformance``: pytest over the bundled scenarios, with the conformance plugin.

Every pytest option passes through (``-k``, ``-x``, ``-n 2``). With no target option the
embedded ``target_project.settings`` is audited in-process. Usage errors, pytest's own included,
come out as one line and exit code 2 (contract section 1), never as a traceback or a page of usage.
"""

from __future__ import annotations

import importlib.util
import io
import os
import sys
from pathlib import Path

import pytest

from conformance import __version__, supported
from conformance.inprocess import startup_errors
from conformance.run import gating
from conformance.run.signals import SignalCatcher

DEFAULT_SETTINGS = "target_project.settings"
PROG = "drf-conformance"


def scenarios_dir() -> Path:
    """The scenarios: ``conformance.scenarios`` when installed, the checkout's ``scenarios/`` otherwise."""
    spec = importlib.util.find_spec("conformance.scenarios")
    if spec is not None and spec.submodule_search_locations:
        return Path(list(spec.submodule_search_locations)[0])
    return Path(__file__).resolve().parent.parent / "scenarios"


def _option_value(argv: list[str], name: str) -> str | None:
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def _check_settings_module(module: str) -> str | None:
    """One line if ``module`` cannot be imported, else None (pytest-django would print a traceback)."""
    try:
        found = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        found = None
    if found is None:
        return (f"--ds {module}: no such settings module on the Python path; "
                f"run from your project's directory or add it to PYTHONPATH")
    try:  # pytest-django would import it too, and print a traceback for what it raises
        importlib.import_module(module)
    except Exception as exc:
        return startup_errors.import_problem(module, exc)
    return _django_setup_problem(module)


def _django_setup_problem(module: str) -> str | None:
    """Django configuration errors (``ImproperlyConfigured``, an app in ``INSTALLED_APPS`` that is
    not installed) as one line and exit 2, before anything runs: pytest-django would print a
    70-line traceback and exit 1, which means "checks failed" (contract section 6, "Fails early")."""
    os.environ["DJANGO_SETTINGS_MODULE"] = module  # what --ds makes pytest-django set anyway
    try:
        import django

        django.setup()
    except Exception as exc:
        return startup_errors.setup_problem(module, exc)
    return None


def pytest_args(argv: list[str]) -> tuple[list[str], str | None]:
    """The pytest command line for ``argv``, or a usage error to print."""
    args = list(argv)
    remote = _option_value(args, "--target-url") is not None
    settings_module = _option_value(args, "--ds")
    if remote:
        if settings_module:
            return [], "--ds and --target-url choose different modes: give one of them"
        # A black box needs no Django project; pytest-django would try to configure one.
        args += ["-p", "no:django"]
    else:
        if settings_module is None and not os.environ.get("DJANGO_SETTINGS_MODULE"):
            settings_module = DEFAULT_SETTINGS
            args += ["--ds", DEFAULT_SETTINGS]
        problem = _check_settings_module(settings_module or os.environ["DJANGO_SETTINGS_MODULE"])
        if problem:
            return [], problem
        args += ["-o", "django_debug_mode=keep", "-o", "django_find_project=false"]
    if not any(a.startswith("-W") or a == "no:warnings" for a in args):
        # The audited project's own deprecation warnings are not findings: keep them out of the
        # summary (pytest -W ... brings pytest's warning capture back).
        args += ["-p", "no:warnings"]
    # Run from any directory: the current one goes on the path so `--ds myproject.settings` imports.
    args += ["-o", "pythonpath=.", "-p", "no:cacheprovider", "--rootdir", os.getcwd(), str(scenarios_dir())]
    return args, None


class _HeldStderr(io.TextIOBase):
    """Holds what pytest writes to stderr until the session starts.

    Before that, anything pytest prints is a usage error: it is reduced to the one line that
    says what is wrong. Afterwards, stderr passes through untouched.
    """

    def __init__(self, real):
        self.real = real
        self.held: list[str] = []
        self.holding = True

    def write(self, text: str) -> int:
        if self.holding:
            self.held.append(text)
        else:
            self.real.write(text)
        return len(text)

    def flush(self) -> None:
        if not self.holding:
            self.real.flush()

    def fileno(self) -> int:
        return self.real.fileno()

    def isatty(self) -> bool:
        return self.real.isatty()

    @property
    def encoding(self):
        return getattr(self.real, "encoding", "utf-8")

    def release(self) -> None:
        if self.holding:
            self.holding = False
            self.real.write("".join(self.held))
            self.held.clear()


class _RunWatcher:
    """A plugin object that sees the session start and end, for the exit code and stderr."""

    def __init__(self, stderr: _HeldStderr):
        self.stderr = stderr
        self.started = False
        self.conformance_exit: int | None = None

    def pytest_sessionstart(self, session) -> None:
        self.started = True
        self.stderr.release()

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session) -> None:
        from conformance.run.state import STATE_KEY

        state = session.config.stash.get(STATE_KEY, None)
        if state is not None and state.exit_code is not None:
            self.conformance_exit = state.exit_code


def _usage_line(held: str) -> str:
    lines = [line.strip() for line in held.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("Exit: "):
            return line.removeprefix("Exit: ")
    for line in lines:
        if "error:" in line:
            message = line.split("error:", 1)[1].strip()
            return f"{PROG}: {message} (see {PROG} --help)"
    for line in lines:
        if line.startswith("ERROR:"):
            return f"{PROG}: {line.removeprefix('ERROR:').strip()}"
    return f"{PROG}: {lines[0]}" if lines else f"{PROG}: invalid arguments (see {PROG} --help)"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv in (["--version"], ["-V"]):
        print(f"{PROG} {__version__}")
        return 0
    if any(arg in ("-h", "--help", "--help-all") for arg in argv):
        # The suite's page, not pytest's 400 lines headed `usage: pytest.main()` (issue 15).
        from conformance import help as help_page

        print(help_page.text() + ("\n" + help_page.pytest_help() if "--help-all" in argv else ""), end="")
        return 0
    unsupported = supported.problem(in_process=_option_value(argv, "--target-url") is None)
    if unsupported:
        print(f"{PROG}: {unsupported}", file=sys.stderr)
        return gating.EXIT_USAGE
    # As pytest's `pythonpath = .` will do for the run: `--ds myproject.settings` imports from
    # the current directory, whichever way the tool was started (a console script's sys.path[0]
    # is its bin directory, not the current one).
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    args, problem = pytest_args(argv)
    if problem:
        print(f"{PROG}: {problem}", file=sys.stderr)
        return gating.EXIT_USAGE
    held = _HeldStderr(sys.stderr)
    watcher = _RunWatcher(held)
    real_stderr, sys.stderr = sys.stderr, held
    catcher = SignalCatcher()  # SIGTERM while pytest starts: a clean line, not exit 143
    catcher.install()
    try:
        code = pytest.main(args, plugins=[watcher])
    except KeyboardInterrupt:  # SIGINT/SIGTERM before the session started: nothing ran
        sys.stderr = real_stderr
        print(f"{PROG}: interrupted before any check ran; no report was written", file=real_stderr)
        return gating.EXIT_ERRORS_ONLY  # never 0 (contract section 6)
    finally:
        sys.stderr = real_stderr
        catcher.restore()
    if not watcher.started and code != 0:
        # The session never started: what pytest printed is a usage error. One line of it.
        print(_usage_line("".join(held.held)), file=real_stderr)
        return gating.EXIT_USAGE if code in (pytest.ExitCode.USAGE_ERROR, gating.EXIT_USAGE) else int(code)
    held.release()
    if watcher.conformance_exit is not None:
        return watcher.conformance_exit
    if code == pytest.ExitCode.NO_TESTS_COLLECTED:
        print(f"{PROG}: no check was selected; loosen -k/-m or check the scenarios path", file=real_stderr)
        return gating.EXIT_USAGE
    return int(code)
