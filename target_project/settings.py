"""
Settings of the reference deployment: the polls API of the seed tutorials, done right.

This is the project drf-conformance audits by default, so every line here is a
claim about what a correct Django REST Framework deployment looks like:
authentication that refuses anything but exact, unexpired credentials of active
users, HTTPS only, and cookies that cannot be read by scripts or sent over plain
HTTP. `settings_dev.py` relaxes the transport rules for poking at it over plain
HTTP with `runserver`; `variants/` breaks one rule at a time on purpose.
"""

import os
from datetime import timedelta
from pathlib import Path

# The target_project folder itself, so the database lives beside the code that owns it.
BASE_DIR = Path(__file__).resolve().parent

# INSECURE FALLBACK, for the reference deployment only: a real deployment must set
# DJANGO_SECRET_KEY, and `manage.py check --deploy` says so (security.W009) when it
# does not. The key signs sessions and password-reset links (CWE-321, CWE-798).
SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY",
    "django-insecure-reference-deployment-only-never-use-this-key-in-production",
)

DEBUG = False

ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "oauth2_provider",
    "target_project.polls",
    "target_project.accounts",
]

MIDDLEWARE = [
    # First, so plain HTTP is redirected before any other code sees the request.
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "target_project.urls"
WSGI_APPLICATION = "target_project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("TARGET_PROJECT_DB", BASE_DIR / "db.sqlite3"),
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
# Aware datetimes everywhere: token expiry compares `Token.created` with timezone.now().
USE_TZ = True

# The browsable API's templates reference static files; nothing is served from here.
STATIC_URL = "static/"

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/polls/api/questions/"

# --- Authentication policy -------------------------------------------------------

# How long a DRF token stays valid after it was issued (the seed's setting name).
# OWASP ASVS 5.0 V7.3 asks for an absolute lifetime on every session credential.
TOKEN_EXPIRE_TIME = timedelta(days=30)

REST_FRAMEWORK = {
    # The first class answers the challenge of every 401 (`WWW-Authenticate: Token`,
    # RFC 9110 §11.6.1); DRF turns the 401 into a 403 when that class has none.
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.accounts.authentication.ExpiringTokenAuthentication",
        "target_project.accounts.authentication.ActiveUserOAuth2Authentication",
        "rest_framework.authentication.SessionAuthentication",
    ),
    "DEFAULT_PERMISSION_CLASSES": ("rest_framework.permissions.IsAuthenticated",),
}

OAUTH2_PROVIDER = {
    "ACCESS_TOKEN_EXPIRE_SECONDS": 3600,
    # No credential outlives the token policy, refresh tokens included.
    "REFRESH_TOKEN_EXPIRE_SECONDS": int(TOKEN_EXPIRE_TIME.total_seconds()),
    "ROTATE_REFRESH_TOKEN": True,
    # A replayed refresh token revokes its whole family (RFC 9700 §4.14.2).
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    # PKCE with S256 only, for any authorization-code client added later (RFC 7636,
    # RFC 9700 §2.1.1). The password grant the seed uses has no redirect, so PKCE
    # does not apply to it.
    "PKCE_REQUIRED": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    # Bearer tokens only in the Authorization header (RFC 6750 §5.3, RFC 9700
    # §4.3.2). ActiveUserOAuth2Authentication enforces this too.
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    # Store only a checksum of issued tokens, so a database leak leaks no usable
    # bearer token (RFC 9700 §4, CWE-312).
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    # The seed's client uses the password grant, which RFC 9700 §2.4 discourages:
    # this stays False on purpose and `check --deploy` reports oauth2_provider.W002.
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": False,
}

# --- Transport security (OWASP ASVS 5.0 V12, CWE-319) -------------------------

# No proxy terminates TLS in front of this deployment, so SECURE_PROXY_SSL_HEADER
# stays unset: trusting X-Forwarded-Proto from any client would let a plain-HTTP
# request pass as HTTPS (CWE-348).
SECURE_SSL_REDIRECT = True
# One year, the floor of ASVS 5.0 V3.4.1 (RFC 6797).
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A session lives no longer than a token does.
SESSION_COOKIE_AGE = int(TOKEN_EXPIRE_TIME.total_seconds())

CSRF_COOKIE_SECURE = True
CSRF_COOKIE_SAMESITE = "Lax"
# Django's default is a year; no cookie of this deployment outlives the token policy.
CSRF_COOKIE_AGE = SESSION_COOKIE_AGE
# No script here reads the CSRF cookie (the login form carries the token in a hidden
# field), so it can be HttpOnly like every other cookie this deployment sets.
CSRF_COOKIE_HTTPONLY = True

# --- What drf-conformance expects of this deployment (contract section 3) ------

CONFORMANCE = {
    "PUBLIC_PATHS": [],
    "MAX_TOKEN_AGE": TOKEN_EXPIRE_TIME,
    "TOKEN_LOGIN_PATH": "/accounts/get_auth_token/",
    "LOGOUT_PATH": "/accounts/logout/",
    "SESSION_LOGIN_PATH": "/accounts/login/",
    "OAUTH2_TOKEN_PATH": "/auth/token/",
    # The seed's clients use the password grant (see OAUTH2_PROVIDER above): accepted on
    # purpose, so DRFC-1405 does not report it.
    "OAUTH2_ACCEPTED_GRANTS": ["password"],
    # Sample questions, so /polls/api/questions/1/ exists and refusals can be compared with data.
    "FIXTURES": ["conformance_sample"],
}
