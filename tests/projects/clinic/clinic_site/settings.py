"""A clinic's patient API (issue 13's first real-project case; see ../README.md).

What it does as real projects do, and what the audit must take as it is:

- patients log in by e-mail (``USERNAME_FIELD = "email"``) at a login that takes ``email`` and
  ``password``, not ``username``;
- the user model has ``REQUIRED_FIELDS`` (a name, a date of birth), a non-null ``public_id`` with
  no default, and belongs to a clinic (``default=1``): a fresh database needs the ``clinics``
  fixture, which its design declares in ``CONFORMANCE["FIXTURES"]``;
- its manager validates the whole user (``full_clean``), so an invalid e-mail is refused.

Nothing else is set for the audit: no LOGIN_FIELDS, no USER_FACTORY.
"""

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "clinic-test-project-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "rest_framework",
    "rest_framework.authtoken",
    "clinic",
    *(["conformance.contrib.django"] if os.environ.get("CLINIC_PROVISIONING") else []),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

ROOT_URLCONF = "clinic_site.urls"
AUTH_USER_MODEL = "clinic.Patient"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                         "NAME": os.environ.get("CLINIC_DB", BASE_DIR / "clinic.sqlite3")}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ("clinic.authentication.ExpiringTokenAuthentication",),
    "DEFAULT_PERMISSION_CLASSES": ("rest_framework.permissions.IsAuthenticated",),
}

CLINIC_TOKEN_TTL = timedelta(days=1)

CONFORMANCE = {
    # Its design: every patient belongs to a clinic, and a fresh database has none.
    "FIXTURES": ["clinics"],
    "TOKEN_LIFETIME": "1d",
    "MAX_TOKEN_AGE": "1d",
}

if os.environ.get("CLINIC_PROVISIONING"):
    # Served by tests/projects/conftest.py: test speed only, as Django's testing docs advise.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
