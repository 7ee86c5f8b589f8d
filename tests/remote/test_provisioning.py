"""``manage.py conformance_provision``: what it makes, that running it twice is safe, and that
``--cleanup`` removes exactly what it made (a user of the deployment's own stays), sessions
included; the provisioned sessions are valid, and the inactive and expired ones refused."""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.remote.conftest import manage, served_env

COUNT_SESSIONS = ("from django.contrib.sessions.models import Session; from django.utils import timezone; "
                  "made = Session.objects.filter(session_key__startswith='drfconformance'); "
                  "print(made.count(), made.filter(expire_date__lt=timezone.now()).count(), Session.objects.count())")
COUNT_USERS = ("from django.contrib.auth import get_user_model; from oauth2_provider.models import Application; "
               "print(sorted(u.username for u in get_user_model().objects.all()), Application.objects.count())")


THEIR_OWN = """
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from oauth2_provider.models import Application
User = get_user_model()
User.objects.create_user('their-own-user', password='x-unused-1')
# Named like ours, yet theirs: cleanup must never touch it (issue 11).
theirs = User.objects.create_user('drf-conformance-provisioned-active', password='x-unused-3')
Application.objects.create(name='drf-conformance-provisioned', client_type='confidential',
                           authorization_grant_type='password')
store = SessionStore(); store['_auth_user_id'] = str(theirs.pk); store.create()
"""
COUNT_OURS = ("from django.contrib.auth import get_user_model; from oauth2_provider.models import Application; "
              "from django.contrib.sessions.models import Session; "
              "names = sorted(u.username for u in get_user_model().objects.all()); "
              "print(len([n for n in names if n.startswith('drf-conformance-provisioned-') and n != "
              "'drf-conformance-provisioned-active']), 'their-own-user' in names, "
              "'drf-conformance-provisioned-active' in names, Application.objects.count(), Session.objects.count())")
# A session the audit itself opened by logging in as the provisioned user (its key has no marker).
AUDIT_LOGIN = """
import json
from django.contrib.auth import authenticate, login
from django.http import HttpRequest
from django.contrib.sessions.backends.db import SessionStore
creds = json.load(open(CREDS))
request = HttpRequest(); request.session = SessionStore(); request.META['REMOTE_ADDR'] = '127.0.0.1'
user = authenticate(request, username=creds['password']['username'], password=creds['password']['password'])
login(request, user); request.session.save(); print(user is not None)
"""


def test_provision_twice_then_cleanup_touches_only_what_it_made(migrated_database, tmp_path):
    database = tmp_path / "db.sqlite3"
    shutil.copyfile(migrated_database, database)
    env = served_env("target_project.settings", database)
    manage(env, "shell", "-c", THEIR_OWN)
    output = tmp_path / "creds.json"
    manage(env, "conformance_provision", "--output", str(output))
    first = json.loads(output.read_text())
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    assert set(first) == {"password", "inactive_password", "expired_password", "login_password", "token", "oauth2_client",
                          "bearer", "session"}
    assert set(first["token"]) == set(first["bearer"]) == set(first["session"]) == {"active", "inactive", "expired"}
    printed = manage(env, "conformance_provision", "--output", str(output)).stdout
    assert first["token"]["active"] not in printed  # roles are printed, never secrets
    second = json.loads(output.read_text())
    assert second["token"]["active"] != first["token"]["active"]
    ledger = Path(f"{output}.ledger")
    assert first["password"]["password"] not in ledger.read_text()  # the ledger holds no secret
    # The first run's five users and application are gone; theirs stay: 1 + 1 applications,
    # their session + our 3 sessions.
    assert manage(env, "shell", "-c", COUNT_OURS).stdout.split()[-5:] == ["5", "True", "True", "2", "4"]
    # Remote DRFC-901 logs in a user of its own, never the owner of token.expired (issue 12).
    owner = manage(env, "shell", "-c", "from rest_framework.authtoken.models import Token; "
                                       f"print(Token.objects.get(key={second['token']['expired']!r}).user.username)")
    assert owner.stdout.split()[-1] != second["expired_password"]["username"]
    assert manage(env, "shell", "-c", f"CREDS = {str(output)!r}\n{AUDIT_LOGIN}").stdout.split()[-1] == "True"
    removed = manage(env, "conformance_provision", "--cleanup", "--output", str(output)).stdout
    assert "4 of their sessions" in removed, removed  # the audit's own login's session too
    assert manage(env, "shell", "-c", COUNT_OURS).stdout.split()[-5:] == ["0", "True", "True", "1", "1"]
    assert not ledger.exists()
    again = manage(env, "conformance_provision", "--cleanup", "--output", str(output)).stdout
    assert "nothing to remove" in again


def test_two_provisioning_runs_at_once_do_not_collide(migrated_database, tmp_path):
    """Issue 11: two runs at once gave an IntegrityError traceback; each now makes its own users."""
    database = tmp_path / "db.sqlite3"
    shutil.copyfile(migrated_database, database)
    env = served_env("target_project.settings", database)
    runs = [subprocess.Popen([sys.executable, "-m", "django", "conformance_provision", "--output",
                              str(tmp_path / f"creds{i}.json")], env=env, cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    for run, (_out, err) in zip(runs, outputs):
        # SQLite may make one wait for the other's write lock; never a traceback.
        assert run.returncode == 0 or "Traceback" not in err, err[-2000:]
        assert "Traceback" not in err, err[-2000:]
    made = [json.loads((tmp_path / f"creds{i}.json").read_text()) for i in range(2)]
    assert made[0]["password"]["username"] != made[1]["password"]["username"]


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
        removed = sessions.cleanup([str(user.pk)])
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


def test_a_projects_own_jwt_authentication_subclass_gets_jwt_roles(migrated_database, tmp_path):
    """Issue 12: a JWTAuthentication subclass of the project's own, with only simplejwt's
    token_blacklist app installed, got no jwt.* roles, so every remote JWT check skipped and the
    unverified-signature copy was caught by nothing remotely."""
    database = tmp_path / "db.sqlite3"
    shutil.copyfile(migrated_database, database)
    env = {**served_env("tests.stacks.simplejwt.unverified_signature", database), "SIMPLE_JWT_SIGNING_KEY": "k" * 64}
    manage(env, "migrate", "--noinput", "-v", "0")
    output = tmp_path / "creds.json"
    manage(env, "conformance_provision", "--output", str(output))
    assert set(json.loads(output.read_text())["jwt"]) == {"active", "inactive", "expired"}
