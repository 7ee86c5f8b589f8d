"""A small token API whose authentication classes compute their ``keyword`` (see README.md)."""

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "keyword-test-project-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "rest_framework",
    "rest_framework.authtoken",
    "keyword_api",
    *(["conformance.contrib.django"] if os.environ.get("KEYWORD_PROVISIONING") else []),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

ROOT_URLCONF = "keyword_site.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                         "NAME": os.environ.get("KEYWORD_DB", BASE_DIR / "keyword.sqlite3")}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

API_TOKEN_KEYWORD = "Token"
API_TOKEN_TTL = timedelta(days=7)

# Tokens are issued by an admin here (no login endpoint): the suite learns their lifetime from this.
CONFORMANCE = {"TOKEN_LIFETIME": "7d"}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "keyword_api.authentication.SettingsKeywordTokenAuthentication",
        "keyword_api.authentication.AppSessionTokenAuthentication",
    ),
    "DEFAULT_PERMISSION_CLASSES": ("rest_framework.permissions.IsAuthenticated",),
}

if os.environ.get("KEYWORD_PROVISIONING"):
    # Served by tests/projects/conftest.py for a remote audit: test speed only, as Django's testing docs advise.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
