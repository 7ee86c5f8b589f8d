"""Settings of a deployment the remote-mode tests serve with gunicorn.

A deployment's settings module (``target_project.settings`` unless ``CONFORMANCE_SERVED_BASE``
names another, such as a flawed variant), plus what a real deployment adds to be provisioned:
``conformance.contrib.django`` in ``INSTALLED_APPS``. Its own SQLite file (``CONFORMANCE_SERVED_DB``)
keeps each served deployment apart from every other test.
"""

import importlib
import os

_base = importlib.import_module(os.environ.get("CONFORMANCE_SERVED_BASE", "target_project.settings"))
globals().update({name: value for name, value in vars(_base).items() if name.isupper()})

INSTALLED_APPS = [*INSTALLED_APPS, "conformance.contrib.django"]  # noqa: F821 (from the base)
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["CONFORMANCE_SERVED_DB"]}}
# Test speed only, as Django's testing docs advise: every login hashes a password.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
