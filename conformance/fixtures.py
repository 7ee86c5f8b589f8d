"""Fixtures the scenarios use: the target (one per session) and a probe per check."""

from __future__ import annotations

import time

import pytest

from conformance.expectations import ConfigurationError
from conformance.run.gating import EXIT_UNREACHABLE, EXIT_USAGE
from conformance.probe import Probe
from conformance.run.state import get_state
from conformance.targets import TargetError


class RunStopped(Exception):
    """The suite cannot go on: ``message`` is the one line to print, ``code`` the exit code."""

    def __init__(self, message: str, code: int, fatal: str | None = None):
        super().__init__(message)
        self.message, self.code, self.fatal = f"drf-conformance: {message}", code, fatal


def build_target(config: pytest.Config):
    """The run's target, built on first use (endpoints are needed at collection time).

    Raises ``RunStopped`` for a configuration error (exit 2) or a target that cannot be reached (3).
    """
    state = get_state(config)
    if state.target is not None:
        return state.target
    if state.stop_code is not None:  # it failed once: never fetch or build again (one exchange)
        raise RunStopped(state.stop_line.removeprefix("drf-conformance: "), state.stop_code, fatal=state.fatal)
    try:
        state.target = _build(state)
    except RunStopped as stopped:
        state.stop(stopped)  # every caller, the plugin's or a scenario's, then sees the same stop
        raise
    state.expectations = state.target.expectations
    state.warnings.extend(getattr(state.target, "notes", []))  # e.g. what read-only mode leaves out
    return state.target


def _build(state):
    try:
        if state.options.mode == "remote":
            from conformance.targets.remote import RemoteTarget

            return RemoteTarget.from_options(state.options, state.redactor)
        return _in_process_target(state)
    except ConfigurationError as exc:
        raise RunStopped(str(exc), EXIT_USAGE) from None
    except TargetError as exc:
        raise RunStopped(f"target unreachable: {exc}", EXIT_UNREACHABLE, fatal=str(exc)) from None
    except Exception as exc:  # a project discovery cannot read: one line and a report, not a traceback
        fatal = f"{type(exc).__name__}: {(str(exc).strip().splitlines() or [''])[0][:300]}"
        raise RunStopped(f"the target could not be prepared: {fatal}", EXIT_UNREACHABLE, fatal=fatal) from None


def _in_process_target(state):
    from django.conf import settings

    from conformance.expectations import resolve
    from conformance.targets.inprocess import InProcessTarget

    if not settings.configured:
        raise ConfigurationError(
            "no Django settings to audit: pass --ds your_project.settings, or --target-url URL"
        )
    expectations = resolve(getattr(settings, "CONFORMANCE", None), state.options.config_file)
    module = state.options.settings_module or settings.SETTINGS_MODULE
    return InProcessTarget(module, expectations, state.redactor, exchange_deadline=state.options.exchange_deadline)


@pytest.fixture(scope="session")
def conformance_target(request):
    """The running target: servers up, database built, credentials provisioned."""
    state = get_state(request.config)
    try:
        target = build_target(request.config)
        started = time.monotonic()
        if target.mode == "in-process":
            blocker = request.getfixturevalue("django_db_blocker")
            try:
                request.getfixturevalue("conformance_database")
            except Exception as exc:  # migrations that fail, a database that cannot be created
                raise RunStopped(f"the test database could not be built: {type(exc).__name__}: {exc}",
                                 EXIT_UNREACHABLE, fatal=f"{type(exc).__name__}: {exc}") from None
            # The server threads use the database for the whole session, outside any test's scope.
            with blocker.unblock():
                _start(state, target, started)
                yield target
                target.stop()
        else:
            _start(state, target, started)
            yield target
            target.stop()
    except RunStopped as stopped:
        _stop_run(request, state, stopped)


def _stop_run(request, state, stopped: RunStopped) -> None:
    """Stop after this check, on one line and the documented exit code (no traceback per check).

    ``session.shouldfail`` ends the run after the current test and pytest prints it last; the
    check itself is skipped and left out of the results (``pytest_runtest_makereport``).
    """
    state.stop(stopped)
    request.session.shouldfail = stopped.message
    pytest.skip(stopped.message)


@pytest.fixture(scope="session")
def conformance_database(request, django_test_environment, django_db_blocker, django_db_use_migrations,
                         django_db_keepdb, django_db_createdb, django_db_modify_db_settings):
    """The project's test databases, every alias, built the way pytest-django builds them.

    pytest-django's own ``django_db_setup`` only creates the databases that ``django_db``-marked
    tests name; scenarios are not such tests (no per-test transaction may hide the provisioned
    users from the server threads), so this does the same with all aliases. ``--reuse-db``,
    ``--create-db``, ``--nomigrations`` and xdist's per-worker names still apply. A database
    built once per migration state is cached and copied into later runs and workers
    (conformance/inprocess/database.py; ``--no-db-cache`` builds every time).
    """
    from conformance.inprocess import database
    from pytest_django.fixtures import _disable_migrations

    if not django_db_use_migrations:
        _disable_migrations()
    keepdb = django_db_keepdb and not django_db_createdb
    with django_db_blocker.unblock():
        databases = database.setup(keepdb=keepdb, createdb=django_db_createdb,
                                   use_migrations=django_db_use_migrations,
                                   use_cache=not request.config.getoption("no_db_cache"))
    get_state(request.config).database_source = databases.source
    yield
    if not keepdb:
        with django_db_blocker.unblock():
            database.teardown(databases, keepdb)


def _start(state, target, started: float) -> None:
    try:
        target.start()
    except TargetError as exc:
        raise RunStopped(f"target could not be served or reached: {exc}", EXIT_UNREACHABLE,
                         fatal=str(exc)) from None
    except Exception as exc:  # the project failed to come up: one line, not a traceback per check
        fatal = f"{type(exc).__name__}: {exc}"
        raise RunStopped(f"the target could not be started: {fatal}", EXIT_UNREACHABLE, fatal=fatal) from None
    state.target_started = True
    state.phase_times["start-up and provisioning"] = round(time.monotonic() - started, 3)
    state.phase_times.update(getattr(target, "phase_times", {}))  # the target's own split of it


@pytest.fixture
def probe(request, conformance_target):
    """Sends a check's requests, runs positive controls, and carries the verdict to the report."""
    probe = Probe(get_state(request.config), conformance_target)
    request.node.stash[PROBE_KEY] = probe
    return probe


@pytest.fixture
def expectations(conformance_target):
    return conformance_target.expectations


PROBE_KEY = pytest.StashKey[Probe]()
