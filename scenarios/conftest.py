"""Shortens each check's fixture set-up: pytest-django's per-test autouse fixtures do nothing here.

pytest-django adds eight autouse fixtures (and ``monkeypatch``) to every test: they apply the
``django_db``, ``urls``, ``django_isolate_apps`` and ``ignore_template_errors`` markers, set up
Django ``unittest`` classes, and clear the mail outbox and the sites cache between tests. No
scenario carries those markers or is a ``unittest`` class, and the audit's server threads share
one database for the whole session; yet set up and torn down per check they cost about a
millisecond each (one check is often a single exchange: issue 16). Overridden here, for the
scenarios only, by session fixtures that run once. The project's own tests keep pytest-django's.
"""

import pytest


def _nothing():
    return None


for _name in ("_django_db_marker", "_django_set_urlconf", "_django_isolate_apps", "_live_server_helper",
              "_template_string_if_invalid_marker", "_django_clear_site_cache", "_dj_autoclear_mailbox",
              "_django_setup_unittest"):
    globals()[_name] = pytest.fixture(scope="session", name=_name)(_nothing)
