"""The test-database cache: copied when the migrations are the same, rebuilt when they are not
(issue 16), never restored from a damaged entry, and off when asked.

A tiny Django project (one app, one or two migrations) is set up in a subprocess per step (Django
is configured once per process), through the same ``conformance.inprocess.database.setup`` the
``conformance_database`` fixture calls. Each step prints where its database came from and the
columns of the app's table, so a stale copy (a column missing after a new migration) shows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.inprocess import database_cache
from conformance.inprocess.database_cache import CACHE_VARIABLE, MANIFEST, Cache
from tests.conftest import REPO

MIGRATION_0001 = '''from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel("Book", [("id", models.AutoField(primary_key=True)),
                                        ("title", models.CharField(max_length=100))]),
    ]
'''

MIGRATION_0002 = '''from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shelf", "0001_initial")]
    operations = [migrations.AddField("Book", "pages", models.IntegerField(default=0))]
'''

MODELS = '''from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)
'''

SETUP = '''import json, sys
import django
from django.conf import settings

settings.configure(INSTALLED_APPS=["shelf"], USE_TZ=True,
                   DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "project.sqlite3"}})
django.setup()
from django.db import connection
from conformance.inprocess import database

if "--nomigrations" in sys.argv:
    from pytest_django.fixtures import _disable_migrations

    _disable_migrations()  # what the conformance_database fixture does for --nomigrations
databases = database.setup(keepdb=False, createdb="--create-db" in sys.argv,
                           use_migrations="--nomigrations" not in sys.argv,
                           use_cache="--no-db-cache" not in sys.argv)
with connection.cursor() as cursor:
    columns = [c.name for c in connection.introspection.get_table_description(cursor, "shelf_book")]
print(json.dumps({"source": databases.source, "columns": columns, "in_memory": connection.is_in_memory_db()}))
database.teardown(databases, keepdb=False)
'''


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    migrations = root / "shelf" / "migrations"
    migrations.mkdir(parents=True)
    (root / "shelf" / "__init__.py").write_text("")
    (root / "shelf" / "models.py").write_text(MODELS)
    (migrations / "__init__.py").write_text("")
    (migrations / "0001_initial.py").write_text(MIGRATION_0001)
    (root / "setup_db.py").write_text(SETUP)
    return root


def set_up(project: Path, cache: Path | str, *flags: str) -> dict:
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join([str(project), str(REPO)]))
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment[CACHE_VARIABLE] = str(cache)
    completed = subprocess.run([sys.executable, "setup_db.py", *flags], cwd=project, env=environment,
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.iterdir() if p.is_dir() and not p.name.startswith("."))


def test_the_second_run_copies_and_a_changed_migration_builds_again(project, tmp_path):
    cache = tmp_path / "cache"
    first = set_up(project, cache)
    assert first == {"source": "built and cached", "columns": ["id", "title"], "in_memory": True}
    assert set_up(project, cache)["source"] == "copied from the cache"

    (project / "shelf" / "migrations" / "0002_pages.py").write_text(MIGRATION_0002)
    changed = set_up(project, cache)
    assert changed["source"] == "built and cached", "a new migration must never get the old copy"
    assert changed["columns"] == ["id", "title", "pages"]
    again = set_up(project, cache)
    assert again == {"source": "copied from the cache", "columns": ["id", "title", "pages"], "in_memory": True}
    assert len(entries(cache)) == 2  # one per migration state

    migration = project / "shelf" / "migrations" / "0001_initial.py"  # an edit, not a new file
    migration.write_text(MIGRATION_0001.replace("max_length=100", "max_length=200"))
    assert set_up(project, cache)["source"] == "built and cached"
    # --create-db: built afresh, and the entry refreshed with it
    assert set_up(project, cache, "--create-db")["source"] == "built and cached"


def _damage(entry: Path, damage: str) -> None:
    database_file = entry / "default.sqlite3"
    if damage == "corrupt database":
        data = bytearray(database_file.read_bytes())
        data[200:264] = b"\xff" * 64
        database_file.write_bytes(bytes(data))
    elif damage == "truncated database":
        database_file.write_bytes(database_file.read_bytes()[:1024])
    elif damage == "no manifest":
        (entry / MANIFEST).unlink()
    else:
        (entry / MANIFEST).write_text("")


def test_a_damaged_entry_is_rebuilt_never_restored(project, tmp_path):
    cache = tmp_path / "cache"
    set_up(project, cache)
    for damage in ("corrupt database", "truncated database", "no manifest", "empty manifest"):
        (entry,) = entries(cache)
        _damage(entry, damage)
        rebuilt = set_up(project, cache)
        assert (damage, rebuilt["source"], rebuilt["columns"]) == (damage, "built and cached", ["id", "title"])
    # A run killed while writing leaves only its staging directory, which no reader looks at.
    (entry,) = entries(cache)
    staging = cache / f".{entry.name}-killed"
    staging.mkdir()
    (staging / "default.sqlite3").write_bytes(b"half")
    assert set_up(project, cache)["source"] == "copied from the cache"


def test_nomigrations_has_an_entry_of_its_own(project, tmp_path):
    cache = tmp_path / "cache"
    assert set_up(project, cache, "--nomigrations")["source"] == "built and cached"
    assert set_up(project, cache, "--nomigrations")["source"] == "copied from the cache"
    assert set_up(project, cache)["source"] == "built and cached", "the migrations' database is another entry"


def test_the_cache_can_be_turned_off(project, tmp_path):
    cache = tmp_path / "cache"
    assert set_up(project, "0")["source"] == "built"
    assert set_up(project, cache, "--no-db-cache")["source"] == "built"
    assert not cache.exists() or not entries(cache)


# The entries themselves, without Django ---------------------------------------------------------

def _write(content: bytes):
    def write(folder: Path) -> None:
        (folder / "default.sqlite3").write_bytes(content)
    return write


def test_the_first_published_entry_wins_and_stays_whole(tmp_path):
    cache = Cache(tmp_path)
    assert cache.publish("k", _write(b"first"))
    assert not cache.publish("k", _write(b"second")), "a concurrent build must not replace a whole entry"
    files = cache.lookup("k", ["default"])
    assert files["default"].read_bytes() == b"first"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".k-")], "no staging directory left behind"


def test_an_entry_missing_an_alias_is_a_miss(tmp_path):
    cache = Cache(tmp_path)
    cache.publish("k", _write(b"db"))
    assert cache.lookup("k", ["default", "other"]) is None
    assert not (tmp_path / "k").exists()


def test_prune_keeps_the_most_recently_used_entries(tmp_path):
    cache = Cache(tmp_path)
    for age, key in enumerate(["newest", "middle", "oldest"]):
        cache.publish(key, _write(key.encode()))
        os.utime(tmp_path / key / MANIFEST, (1_000_000 - age, 1_000_000 - age))
    cache.prune(keep=2)
    assert sorted(p.name for p in entries(tmp_path)) == ["middle", "newest"]


def test_one_process_builds_while_another_waits(tmp_path):
    cache = Cache(tmp_path)
    with cache.build_lock("k") as first:
        with cache.build_lock("k", wait_s=0) as second:
            assert first and not second
    with cache.build_lock("k", wait_s=0) as after:
        assert after


@pytest.mark.parametrize("value, expected", [("0", None), ("off", None), ("NO", None)])
def test_the_variable_turns_the_cache_off(monkeypatch, value, expected):
    monkeypatch.setenv(CACHE_VARIABLE, value)
    assert database_cache.directory() is expected


def test_the_cache_lives_in_the_user_cache_directory(monkeypatch, tmp_path):
    monkeypatch.delenv(CACHE_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert database_cache.directory() == tmp_path / "drf-conformance" / "test-databases"
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "elsewhere"))
    assert database_cache.directory() == tmp_path / "elsewhere"


def test_an_audit_with_no_db_cache_leaves_the_cache_alone(audit, tmp_path):
    """The option reaches the fixture (every other audit of the test suite uses the cache)."""
    cache = tmp_path / "audit-cache"
    run = audit("-k", "anonymous", "--no-db-cache", env={CACHE_VARIABLE: str(cache)})
    assert run.exit_code == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert run.report["summary"]["passed"] > 0
    assert not cache.exists() or not entries(cache)
