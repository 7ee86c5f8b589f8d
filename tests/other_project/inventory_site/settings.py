"""Settings of a small inventory API, built differently from target_project (see README.md)."""

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "inventory-test-project-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "rest_framework",
    "rest_framework.authtoken",
    "inventory",
    *(["conformance.contrib.django"] if os.environ.get("INVENTORY_PROVISIONING") else []),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

ROOT_URLCONF = "inventory_site.urls"
AUTH_USER_MODEL = "inventory.Clerk"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                         "NAME": os.environ.get("INVENTORY_DB", BASE_DIR / "inventory.sqlite3")}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
TIME_ZONE = "Europe/Paris"

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = 60 * 60 * 8

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "rest_framework.authentication.BasicAuthentication",
        "inventory.authentication.BearerTokenAuthentication",
    ),
    "DEFAULT_PERMISSION_CLASSES": ("rest_framework.permissions.IsAuthenticated",),
    "UNAUTHENTICATED_USER": None,
}

INVENTORY_TOKEN_TTL = timedelta(days=7)

CONFORMANCE = {
    "PUBLIC_PATHS": ["/health/"],
    "FIXTURES": ["inventory_sample"],
    # No token login endpoint here (tokens are issued by an admin): the suite issues them through
    # the ORM at the frozen instant, and learns their lifetime from this declaration.
    "TOKEN_LIFETIME": "7d",
}

if os.environ.get("INVENTORY_PROVISIONING"):
    # Served by tests/projects/conftest.py for a remote audit: test speed only, as Django's testing docs advise.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
