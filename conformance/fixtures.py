"""Fixtures the scenarios use: the target (one per session) and a probe per check."""

from __future__ import annotations

import time

import pytest

from conformance.expectations import ConfigurationError
from conformance.probe import Probe
from conformance.state import get_state
from conformance.targets import TargetError


def build_target(config: pytest.Config):
    """The run's target, built on first use (endpoints are needed at collection time)."""
    state = get_state(config)
    if state.target is not None:
        return state.target
    try:
        if state.options.mode == "remote":
            from conformance.targets.remote import RemoteTarget

            state.target = RemoteTarget.from_options(state.options, state.redactor)
        else:
            state.target = _in_process_target(state)
    except ConfigurationError as exc:
        pytest.exit(f"drf-conformance: {exc}", returncode=2)
    except TargetError as exc:
        state.fatal = str(exc)
        pytest.exit(f"drf-conformance: target unreachable: {exc}", returncode=3)
    state.expectations = state.target.expectations
    state.warnings.extend(getattr(state.target, "notes", []))  # e.g. what read-only mode leaves out
    return state.target


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
    return InProcessTarget(module, expectations, state.redactor)


@pytest.fixture(scope="session")
def conformance_target(request):
    """The running target: servers up, database built, credentials provisioned."""
    state = get_state(request.config)
    target = build_target(request.config)
    started = time.monotonic()
    if target.mode == "in-process":
        blocker = request.getfixturevalue("django_db_blocker")
        request.getfixturevalue("conformance_database")
        # The server threads use the database for the whole session, outside any test's scope.
        with blocker.unblock():
            _start(state, target, started)
            yield target
            target.stop()
    else:
        _start(state, target, started)
        yield target
        target.stop()


@pytest.fixture(scope="session")
def conformance_database(request, django_test_environment, django_db_blocker, django_db_use_migrations,
                         django_db_keepdb, django_db_createdb, django_db_modify_db_settings):
    """The project's test databases, every alias, built the way pytest-django builds them.

    pytest-django's own ``django_db_setup`` only creates the databases that ``django_db``-marked
    tests name; scenarios are not such tests (no per-test transaction may hide the provisioned
    users from the server threads), so this does the same with all aliases. ``--reuse-db``,
    ``--create-db``, ``--nomigrations`` and xdist's per-worker names still apply.
    """
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations

    if not django_db_use_migrations:
        _disable_migrations()
    keepdb = django_db_keepdb and not django_db_createdb
    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, keepdb=keepdb)
    yield
    if not keepdb:
        with django_db_blocker.unblock():
            teardown_databases(config, verbosity=0)


def _start(state, target, started: float) -> None:
    try:
        target.start()
    except TargetError as exc:
        state.fatal = str(exc)
        pytest.exit(f"drf-conformance: target could not be served or reached: {exc}", returncode=3)
    except Exception as exc:  # the project failed to come up: one line, not a traceback per check
        state.fatal = f"{type(exc).__name__}: {exc}"
        pytest.exit(f"drf-conformance: the target could not be started: {state.fatal}", returncode=3)
    state.target_started = True
    state.phase_times["start-up and provisioning"] = round(time.monotonic() - started, 3)


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
