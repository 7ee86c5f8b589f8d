"""``manage.py conformance_provision``: what it makes, that running it twice is safe, and that
``--cleanup`` removes exactly what it made (a user of the deployment's own stays), sessions
included; the provisioned sessions are valid, and the inactive and expired ones refused."""

from __future__ import annotations

import json
import shutil
import stat

from tests.remote.conftest import manage, served_env

COUNT_SESSIONS = ("from django.contrib.sessions.models import Session; from django.utils import timezone; "
                  "made = Session.objects.filter(session_key__startswith='drfconformance'); "
                  "print(made.count(), made.filter(expire_date__lt=timezone.now()).count(), Session.objects.count())")
COUNT_USERS = ("from django.contrib.auth import get_user_model; from oauth2_provider.models import Application; "
               "print(sorted(u.username for u in get_user_model().objects.all()), Application.objects.count())")


def test_provision_twice_then_cleanup(migrated_database, tmp_path):
    database = tmp_path / "db.sqlite3"
    shutil.copyfile(migrated_database, database)
    env = served_env("target_project.settings", database)
    manage(env, "shell", "-c", "from django.contrib.auth import get_user_model; "
                               "get_user_model().objects.create_user('their-own-user', password='x-unused-1')")
    output = tmp_path / "creds.json"
    manage(env, "conformance_provision", "--output", str(output))
    first = json.loads(output.read_text())
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    assert set(first) == {"password", "inactive_password", "token", "oauth2_client", "bearer", "session"}
    assert set(first["token"]) == set(first["bearer"]) == set(first["session"]) == {"active", "inactive", "expired"}
    printed = manage(env, "conformance_provision", "--output", str(output)).stdout
    assert first["token"]["active"] not in printed  # roles are printed, never secrets
    second = json.loads(output.read_text())
    assert second["token"]["active"] != first["token"]["active"]
    users = manage(env, "shell", "-c", COUNT_USERS).stdout
    assert users.count("drf-conformance-provisioned") == 3 and "their-own-user" in users
    assert users.strip().endswith("1")  # one OAuth2 application, not two
    # Three sessions of the second run (the first run's were removed), the expired one in the past.
    assert manage(env, "shell", "-c", COUNT_SESSIONS).stdout.split()[-3:] == ["3", "1", "3"]
    removed = manage(env, "conformance_provision", "--cleanup").stdout
    assert "3 of their sessions" in removed
    assert manage(env, "shell", "-c", COUNT_USERS).stdout.strip().endswith("['their-own-user'] 0")
    assert manage(env, "shell", "-c", COUNT_SESSIONS).stdout.split()[-3:] == ["0", "0", "0"]


SESSION_WORKS = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import get_user
from django.http import HttpRequest
for state in ('active', 'inactive', 'expired'):
    request = HttpRequest()
    request.session = import_module(settings.SESSION_ENGINE).SessionStore(KEYS[state])
    print(state, get_user(request).is_authenticated)
"""


def test_provisioned_sessions_are_read_by_the_deployment_as_intended(migrated_database, tmp_path):
    """Through Django's own get_user, the way SessionAuthentication reads the cookie: the active
    session logs its user in; the inactive user's and the expired one do not."""
    database = tmp_path / "db.sqlite3"
    shutil.copyfile(migrated_database, database)
    env = served_env("target_project.settings", database)
    output = tmp_path / "creds.json"
    manage(env, "conformance_provision", "--output", str(output))
    keys = json.loads(output.read_text())["session"]
    printed = manage(env, "shell", "-c", f"KEYS = {keys!r}\n{SESSION_WORKS}").stdout.split()
    assert printed[-6:] == ["active", "True", "inactive", "False", "expired", "False"]


EVERY_ENGINE = """
from datetime import timedelta
from importlib import import_module
from django.contrib.auth import get_user, get_user_model
from django.http import HttpRequest
from django.test import override_settings
from conformance.contrib.django import sessions

user = get_user_model().objects.create_user('engine-user', password='x-unused-2')
for engine in ENGINES:
    with override_settings(SESSION_ENGINE='django.contrib.sessions.backends.' + engine, SESSION_FILE_PATH=FILE_DIR):
        fresh, old = sessions.session_for(user), sessions.expired_session_for(user, timedelta(days=30))
        seen = []
        for key in (fresh, old):
            request = HttpRequest()
            request.session = import_module('django.contrib.sessions.backends.' + engine).SessionStore(key)
            seen.append(get_user(request).is_authenticated)
        removed = sessions.cleanup()
        print(engine, *seen, removed)
"""


def test_sessions_of_every_session_engine(migrated_database, tmp_path):
    """The active session works and the back-dated one does not, whatever SESSION_ENGINE stores
    them (a signed-cookie session is signed with the back-dated timestamp); cleanup removes the
    ones an engine can list."""
    database = tmp_path / "db.sqlite3"
    shutil.copyfile(migrated_database, database)
    env = served_env("target_project.settings", database)
    engines = ["db", "cached_db", "file", "cache", "signed_cookies"]
    code = f"ENGINES = {engines!r}\nFILE_DIR = {str(tmp_path)!r}\n{EVERY_ENGINE}"
    printed = manage(env, "shell", "-c", code).stdout.splitlines()[-len(engines):]
    # The file engine deletes an expired session's file when it reads it, so one is left to remove.
    assert printed == ["db True False 2", "cached_db True False 2", "file True False 1", "cache True False 0",
                       "signed_cookies True False 0"], printed
    assert not list(tmp_path.glob("sessionid*drfconformance*"))
