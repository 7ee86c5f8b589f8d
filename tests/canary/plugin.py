"""Loaded into the canary test's audit (``-p tests.canary.plugin``): writes down every secret the
run used, to the file ``$CONFORMANCE_CANARY_OUT``, for the test to search the reports for.

Two independent sources, so a secret the suite forgot to register with its redactor is still
caught: the deployment's own database (every token, session key, OAuth2 token, code and client
ID, and every password hash), read at the last check's teardown while the test database and the
servers are still up; and what the run itself held (the redactor's secrets, each provisioned
credential's secret, cookies and CSRF token, with the username it belongs to).
"""

from __future__ import annotations

import json
import os

import pytest

# Field names that hold credentials in Django, DRF authtoken, django-oauth-toolkit, knox, simplejwt.
SECRET_FIELDS = {"key", "token", "token_key", "digest", "session_key", "client_id", "client_secret",
                 "code", "jti", "password"}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    if nextitem is None:  # the last item: session fixtures (database, servers) are torn down next
        _write_secrets(item.config)
    return (yield)


def _write_secrets(config) -> None:
    from conformance.run.state import STATE_KEY

    state = config.stash[STATE_KEY]
    secrets, usernames = set(state.redactor.secrets), set()
    target = state.target
    for credential in target.credentials._by_role.values() if target is not None else []:
        secrets.update(filter(None, [credential.secret, credential.csrf_token, *credential.cookies.values()]))
        if credential.username:
            usernames.add(credential.username)
    secrets.update(_database_secrets())
    secrets.add(os.environ["CONFORMANCE_CANARY_SECRET_KEY"])
    path = os.environ["CONFORMANCE_CANARY_OUT"]
    with open(path, "w", encoding="utf-8") as out:
        json.dump({"secrets": sorted(s for s in secrets if isinstance(s, str)),
                   "registered": sorted(state.redactor.secrets),
                   "usernames": sorted(usernames)}, out)


def _database_secrets() -> set[str]:
    from django.apps import apps

    found = set()
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields if f.name in SECRET_FIELDS]
        if not fields:
            continue
        for row in model.objects.values_list(*fields):
            found.update(str(value) for value in row if value)
    return found
