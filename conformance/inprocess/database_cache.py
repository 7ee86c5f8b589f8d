"""A cache of built test databases, keyed by everything that decides their content (issue 16).

Building the audited project's test database means running every migration: seconds for a small
project, minutes for a large one, paid again by every run and by every pytest-xdist worker. The
result depends only on the project's migrations and models, its installed apps, its database
settings and the Django version, so a database built once is kept here and copied into each
later run, the way pytest-django's ``--reuse-db`` saves the rebuild but without its risk: the key
changes whenever any input changes, so a changed migration builds again.

One entry is a directory ``<key>/`` holding one SQLite file per database alias and
``manifest.json`` with each file's SHA-256. An entry is written in a temporary directory and
renamed into place in one step, so no reader ever sees half of one; a reader checks every file
against the manifest before using it, so a damaged entry (a full disk, a killed copy, a stray
edit) is removed and rebuilt, never restored. A lock file per key lets one process build while
the others (pytest-xdist's workers, two CI jobs) wait for its entry instead of building too; the
wait is bounded, after which a process builds on its own without writing.

Where: ``$DRF_CONFORMANCE_DB_CACHE`` (a directory; ``0``, ``off`` or ``no`` disables the cache), else
``$XDG_CACHE_HOME/drf-conformance/test-databases``, else ``~/.cache/drf-conformance/test-databases``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

CACHE_VARIABLE = "DRF_CONFORMANCE_DB_CACHE"
FORMAT = 1  # bump when what an entry holds, or how the key is made, changes
KEEP_ENTRIES = 8  # the most recently used entries kept; older ones are removed after a new build
LOCK_WAIT_S = 300.0  # how long a process waits for another one's build before building alone
MANIFEST = "manifest.json"
DISABLED_WORDS = {"0", "off", "no", "false", "none"}
# What never decides a database's content: where it lives and how to log in to it.
_LOCATION_KEYS = {"NAME", "USER", "PASSWORD", "HOST", "PORT"}
# Directories of an app that no migration or model reads.
_SKIPPED_DIRS = {"__pycache__", "tests", "test", "node_modules", "site-packages", "static", "templates",
                 "locale", "venv", ".venv"}
MAX_FILES_PER_APP = 2000  # an app whose directory is a whole tree is keyed by its models and migrations


def directory() -> Path | None:
    """The cache directory, or None when the cache is disabled."""
    value = os.environ.get(CACHE_VARIABLE, "").strip()
    if value.lower() in DISABLED_WORDS:
        return None
    if value:
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "drf-conformance" / "test-databases"


# The key ------------------------------------------------------------------------------------------

def cache_key(aliases: list[str], use_migrations: bool) -> str:
    """A digest of everything the built databases of ``aliases`` depend on."""
    import django
    from django.apps import apps
    from django.conf import settings
    from django.db import connections

    digest = hashlib.sha256()

    def feed(label: str, value) -> None:
        digest.update(f"{label}={json.dumps(value, sort_keys=True, default=str)}\n".encode())

    feed("format", FORMAT)
    feed("django", django.__version__)
    feed("sqlite", sqlite3.sqlite_version)
    feed("migrations", use_migrations)
    for alias in aliases:
        settings_dict = connections[alias].settings_dict
        test = {k: v for k, v in (settings_dict.get("TEST") or {}).items() if k not in _LOCATION_KEYS}
        feed(f"database {alias}", {"ENGINE": settings_dict.get("ENGINE"), "OPTIONS": settings_dict.get("OPTIONS"),
                                   "TEST": test})
    # Settings that change the schema or what post_migrate creates: swappable models
    # (AUTH_USER_MODEL, OAUTH2_PROVIDER_APPLICATION_MODEL, ...), migration modules, cache tables.
    migration_modules = getattr(settings, "MIGRATION_MODULES", {})
    # pytest-django's --nomigrations puts an object there, whose repr would differ every run
    feed("MIGRATION_MODULES", migration_modules if isinstance(migration_modules, dict)
         else type(migration_modules).__qualname__)
    feed("CACHES", {name: [c.get("BACKEND"), c.get("LOCATION")] for name, c in getattr(settings, "CACHES", {}).items()})
    for name in sorted(n for n in dir(settings) if n.isupper() and n.endswith("_MODEL")):
        value = getattr(settings, name, None)
        if isinstance(value, str):
            feed(name, value)
    for app in apps.get_app_configs():
        feed("app", [app.label, app.name])
        for path in _app_files(app):
            digest.update(path.encode("utf-8", "surrogateescape"))
            digest.update(_file_digest(path))
    return digest.hexdigest()[:32]


def _app_files(app) -> list[str]:
    """The Python files of an app (its models, migrations, signal handlers and data-migration
    helpers live there), sorted; for an app whose directory is a whole tree, only its models and
    migrations modules."""
    files: list[str] = []
    root = getattr(app, "path", None)
    if root and os.path.isdir(root):
        for folder, subfolders, names in os.walk(root):
            subfolders[:] = sorted(d for d in subfolders if d not in _SKIPPED_DIRS and not d.startswith("."))
            files.extend(os.path.join(folder, n) for n in names if n.endswith(".py"))
            if len(files) > MAX_FILES_PER_APP:
                files = _models_and_migrations(app)
                break
    files.extend(f for f in _migrations_files(app) if not root or not f.startswith(os.path.join(root, "")))
    return sorted(set(files))


def _models_and_migrations(app) -> list[str]:
    files = []
    module = getattr(app, "models_module", None)
    if module is not None and getattr(module, "__file__", None):
        if os.path.basename(module.__file__) == "__init__.py":
            folder = os.path.dirname(module.__file__)
            files += [os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".py")]
        else:
            files.append(module.__file__)
    return files + _migrations_files(app)


def _migrations_files(app) -> list[str]:
    """The files of an app's migrations package, wherever MIGRATION_MODULES puts it."""
    import importlib.util

    from django.db.migrations.loader import MigrationLoader

    module_name, _explicit = MigrationLoader.migrations_module(app.label)
    if not module_name:
        return []
    try:
        spec = importlib.util.find_spec(module_name)
    except (ImportError, ValueError):
        return []
    if spec is None or not spec.submodule_search_locations:
        return []
    files = []
    for folder in spec.submodule_search_locations:
        if os.path.isdir(folder):
            files += [os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".py")]
    return files


def _file_digest(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).digest()
    except OSError:
        return b"unreadable"


# Entries ------------------------------------------------------------------------------------------

class Cache:
    """The entries under one directory."""

    def __init__(self, root: Path):
        self.root = root

    def entry(self, key: str) -> Path:
        return self.root / key

    def lookup(self, key: str, aliases: list[str]) -> dict[str, Path] | None:
        """Each alias's verified database file, or None (no entry, or a damaged one, removed)."""
        entry = self.entry(key)
        try:
            manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            if entry.exists():  # entries appear whole (publish): a directory without its manifest is damaged
                self.discard(key)
            return None
        except (OSError, ValueError):
            self.discard(key)
            return None
        files = {}
        for alias in aliases:
            path = entry / f"{alias}.sqlite3"
            expected = manifest.get("files", {}).get(alias) if isinstance(manifest, dict) else None
            if not expected or _sha256(path) != expected:
                self.discard(key)
                return None
            files[alias] = path
        with contextlib.suppress(OSError):  # most recently used: kept longest by prune()
            os.utime(entry / MANIFEST)
        return files

    def publish(self, key: str, write) -> bool:
        """Make the entry ``key``: ``write(folder)`` puts one ``<alias>.sqlite3`` per alias in
        ``folder``; the whole entry appears at once, or not at all. True if it was published."""
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=self.root))
        try:
            write(staging)
            files = {p.stem: _sha256(p) for p in sorted(staging.glob("*.sqlite3"))}
            (staging / MANIFEST).write_text(json.dumps({"format": FORMAT, "files": files}), encoding="utf-8")
            try:
                os.rename(staging, self.entry(key))  # fails if another process published first
            except OSError:
                return False
            return True
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def discard(self, key: str) -> None:
        """Remove an entry: renamed aside first, so no reader sees it half removed."""
        entry = self.entry(key)
        aside = self.root / f".discarded-{key}-{os.getpid()}"
        try:
            os.rename(entry, aside)
        except OSError:
            return
        shutil.rmtree(aside, ignore_errors=True)

    def prune(self, keep: int = KEEP_ENTRIES) -> None:
        """Keep the ``keep`` most recently used entries (one per migration state seen lately)."""
        entries = []
        for entry in self.root.iterdir() if self.root.is_dir() else ():
            if entry.name.startswith(".") or not entry.is_dir():
                continue
            try:
                entries.append(((entry / MANIFEST).stat().st_mtime, entry.name))
            except OSError:
                entries.append((0.0, entry.name))
        for _used, name in sorted(entries, reverse=True)[keep:]:
            self.discard(name)
            with contextlib.suppress(OSError):
                (self.root / f".{name}.lock").unlink()

    @contextlib.contextmanager
    def build_lock(self, key: str, wait_s: float = LOCK_WAIT_S):
        """Held while one process builds ``key``; yields False if it could not be had in time."""
        try:
            import fcntl
        except ImportError:  # Windows: no lock; the rename in publish() still keeps entries whole
            yield True
            return
        try:
            self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle = open(self.root / f".{key}.lock", "a+b")
        except OSError:
            yield False
            return
        with handle:
            deadline = time.monotonic() + wait_s
            locked = False
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    locked = True
                    break
                except OSError:
                    if time.monotonic() >= deadline:
                        break
                    time.sleep(0.05)
            try:
                yield locked
            finally:
                if locked:
                    fcntl.flock(handle, fcntl.LOCK_UN)


def _sha256(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest() if sys.version_info >= (3, 11) \
                else hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None
