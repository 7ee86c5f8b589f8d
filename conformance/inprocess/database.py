"""The audited project's test databases: copied from the cache, or built and then cached (issue 16).

Built the way pytest-django builds them (Django's ``setup_databases``: every alias, the project's
migrations, ``--nomigrations``, ``--create-db``, pytest-xdist's per-worker names), then kept in
``database_cache`` and copied into later runs with SQLite's backup API, which is what Django's own
parallel test runner does to give each worker its copy. A copy takes milliseconds where the
migrations take seconds; under pytest-xdist the first worker builds and the others copy.

The cache serves SQLite test databases (Django's default for a SQLite project is in memory; a
``TEST['NAME']`` file works too). Other engines, mirrors and ``--reuse-db`` (pytest-django keeps
that database itself) are built as before; a PostgreSQL template database would serve them the same
way and is not done yet.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger("conformance.database")


@dataclass
class Databases:
    """What ``teardown`` needs, and how the databases came to be (for the bench and the logs)."""

    old_names: list = field(default_factory=list)  # Django's setup_databases() return value
    source: str = "built"  # "built", "built and cached", "copied from the cache"
    key: str | None = None


def setup(*, keepdb: bool, createdb: bool, use_migrations: bool, use_cache: bool) -> Databases:
    """Every alias's test database, ready for the server threads."""
    from conformance.inprocess import database_cache

    cache_root = database_cache.directory() if use_cache and not keepdb else None
    aliases = _cacheable_aliases() if cache_root is not None else None
    if not aliases:
        return Databases(_build(keepdb))
    cache = database_cache.Cache(cache_root)
    try:
        key = database_cache.cache_key(aliases, use_migrations)
    except Exception:  # an app Django can load but whose files cannot be read: no cache, same database
        logger.debug("no cache key for the test database", exc_info=True)
        return Databases(_build(keepdb))
    if not createdb:  # --create-db: build afresh, and refresh the cache with it
        restored = _restore(cache, key, aliases)
        if restored is not None:
            return Databases(restored, "copied from the cache", key)
    with cache.build_lock(key) as locked:
        if locked and not createdb:  # another process may have built it while this one waited
            restored = _restore(cache, key, aliases)
            if restored is not None:
                return Databases(restored, "copied from the cache", key)
        old_names = _build(keepdb)
        if createdb:
            cache.discard(key)
        published = _save(cache, key, aliases) if locked else False
    return Databases(old_names, "built and cached" if published else "built", key)


def teardown(databases: Databases, keepdb: bool) -> None:
    from django.test.utils import teardown_databases

    teardown_databases(databases.old_names, verbosity=0, keepdb=keepdb)


def _build(keepdb: bool) -> list:
    from django.test.utils import setup_databases

    # No serialized copy of the content (serialized_aliases): it serves TransactionTestCase's
    # serialized_rollback, which no check uses, and costs a dump of every row.
    return setup_databases(verbosity=0, interactive=False, keepdb=keepdb, serialized_aliases=set())


def _cacheable_aliases() -> list[str] | None:
    """The aliases, if every one is a SQLite database of its own (no mirror, no shared test DB)."""
    from django.db import connections
    from django.test.utils import get_unique_databases_and_mirrors

    test_databases, mirrors = get_unique_databases_and_mirrors()
    if mirrors or any(len(aliases) != 1 for _name, aliases in test_databases.values()):
        return None
    aliases = [aliases[0] for _name, aliases in test_databases.values()]
    if not aliases or any(connections[alias].vendor != "sqlite" for alias in aliases):
        return None
    return aliases


def _save(cache, key: str, aliases: list[str]) -> bool:
    from django.db import connections

    def write(folder: Path) -> None:
        for alias in aliases:
            connection = connections[alias]
            connection.ensure_connection()
            target = sqlite3.connect(folder / f"{alias}.sqlite3")
            try:
                connection.connection.backup(target)
            finally:
                target.close()

    try:
        published = cache.publish(key, write)
        cache.prune()
        return published
    except (OSError, sqlite3.Error):  # a read-only or full cache directory costs the cache, not the run
        logger.debug("the test database could not be cached", exc_info=True)
        return False


def _restore(cache, key: str, aliases: list[str]) -> list | None:
    """Each alias's test database copied from the cache entry ``key``; None if there is none
    (or it is damaged: then it is removed, and the caller builds)."""
    files = cache.lookup(key, aliases)
    if files is None:
        return None
    from django.conf import settings
    from django.db import connections

    old_names = []
    try:
        for alias in aliases:
            connection = connections[alias]
            old_name = connection.settings_dict["NAME"]
            test_name = connection.creation._get_test_db_name()  # as create_test_db names it
            connection.close()
            if not connection.creation.is_in_memory_db(test_name) and os.path.exists(test_name):
                os.remove(test_name)  # what create_test_db does with autoclobber
            settings.DATABASES[alias]["NAME"] = test_name
            connection.settings_dict["NAME"] = test_name
            old_names.append((connection, old_name, True))
            connection.ensure_connection()
            source = sqlite3.connect(f"{files[alias].as_uri()}?mode=ro", uri=True)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
    except (OSError, sqlite3.Error):
        logger.debug("the cached test database could not be copied", exc_info=True)
        _undo(old_names)
        cache.discard(key)
        return None
    return old_names


def _undo(old_names: list) -> None:
    """Back to the project's own database names, so the build starts where it would have."""
    from django.conf import settings

    for connection, old_name, _destroy in old_names:
        with contextlib.suppress(Exception):
            connection.close()
        settings.DATABASES[connection.alias]["NAME"] = old_name
        connection.settings_dict["NAME"] = old_name
