"""The DRF tutorial's snippets API, as teams deploy it (issue 13; see ../README.md).

- Anyone may read snippets, only authenticated clients may write them
  (``IsAuthenticatedOrReadOnly``, the tutorial's own design): its ``PUBLIC_PATHS`` entry says
  so per method, ``"SAFE /snippets/*"``, so the write checks still apply.
- Its token login *rotates* the token: each login deletes the user's token and issues a new one.
  The audit's own logins must not revoke the token the rest of the audit uses.
- Session authentication for the browsable API, with DRF's login form (``api-auth/``).
"""

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "snippets-test-project-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "rest_framework",
    "rest_framework.authtoken",
    "snippets",
    *(["conformance.contrib.django"] if os.environ.get("SNIPPETS_PROVISIONING") else []),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
}]

ROOT_URLCONF = "snippets_site.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                         "NAME": os.environ.get("SNIPPETS_DB", BASE_DIR / "snippets.sqlite3")}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = 60 * 60 * 8

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "snippets.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ),
    "DEFAULT_PERMISSION_CLASSES": ("rest_framework.permissions.IsAuthenticatedOrReadOnly",),
}

SNIPPETS_TOKEN_TTL = timedelta(hours=8)

CONFORMANCE = {
    "PUBLIC_PATHS": ["SAFE /snippets/*"],
    "FIXTURES": ["snippets_sample"],
    "TOKEN_LIFETIME": "8h",
    "MAX_TOKEN_AGE": "8h",
}

if os.environ.get("SNIPPETS_PROVISIONING"):
    # Served by tests/projects/conftest.py: test speed only, as Django's testing docs advise.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
