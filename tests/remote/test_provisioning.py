"""``manage.py conformance_provision``: what it makes, that running it twice is safe, and that
``--cleanup`` removes exactly what it made (a user of the deployment's own stays)."""

from __future__ import annotations

import json
import shutil
import stat

from tests.remote.conftest import manage, served_env

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
    assert set(first) == {"password", "inactive_password", "token", "oauth2_client", "bearer"}
    assert set(first["token"]) == set(first["bearer"]) == {"active", "inactive", "expired"}
    printed = manage(env, "conformance_provision", "--output", str(output)).stdout
    assert first["token"]["active"] not in printed  # roles are printed, never secrets
    second = json.loads(output.read_text())
    assert second["token"]["active"] != first["token"]["active"]
    users = manage(env, "shell", "-c", COUNT_USERS).stdout
    assert users.count("drf-conformance-provisioned") == 3 and "their-own-user" in users
    assert users.strip().endswith("1")  # one OAuth2 application, not two
    manage(env, "conformance_provision", "--cleanup")
    assert manage(env, "shell", "-c", COUNT_USERS).stdout.strip().endswith("['their-own-user'] 0")
