"""
The djoser stack in its documented, sound configuration: the reference deployment whose API
authenticates with djoser's two logins, DRF tokens (`Authorization: Token`) and simplejwt access
tokens (`Authorization: Bearer`, simplejwt's default header type).

- `/auth/token/login/` and `/auth/token/logout/` (djoser.urls.authtoken), `/auth/jwt/create/`,
  `refresh/`, `verify/` (djoser.urls.jwt), with DJOSER['TOKEN_MODEL'] DRF's Token (its default);
- what djoser leaves to the project, done: DRF tokens expire (the reference's
  ExpiringTokenAuthentication, TOKEN_EXPIRE_TIME) and the login replaces an expired key instead of
  get_or_create()-ing it back, ignores a stale Authorization header, and its answers, like the JWT
  login's, carry Cache-Control: no-store (tests.stacks.djoser.views);
- ModelBackend (Django's default), so an inactive user cannot log in;
- SIMPLE_JWT with its own 64-byte key and 15-minute access tokens.
"""

import os
import secrets
from datetime import timedelta

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import CONFORMANCE, INSTALLED_APPS, REST_FRAMEWORK

INSTALLED_APPS = [*INSTALLED_APPS, "djoser"]
ROOT_URLCONF = "tests.stacks.djoser.urls"

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework_simplejwt.authentication.JWTAuthentication",
    ),
}

DJOSER = {
    "TOKEN_MODEL": "rest_framework.authtoken.models.Token",
    "LOGOUT_ON_PASSWORD_CHANGE": True,
    "HIDE_USERS": True,
}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=15),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
    "SIGNING_KEY": os.environ.get("SIMPLE_JWT_SIGNING_KEY") or secrets.token_urlsafe(64),
    "ALGORITHM": "HS256",
}

# The reference's DRF token, OAuth2 and session endpoints are not routed here: nothing declared.
# djoser's logins and logout are detected from their views.
CONFORMANCE = {key: value for key, value in CONFORMANCE.items()
               if key not in ("TOKEN_LOGIN_PATH", "OAUTH2_TOKEN_PATH", "LOGOUT_PATH", "SESSION_LOGIN_PATH")}

# Remote audits of this stack (tests/remote/test_login_stacks_remote.py, tools/detection_table.py):
# a black box shows no views, so its auth endpoints are declared, and only the credential roles of
# the schemes it accepts are supplied. gunicorn and conformance_provision must share
# SIMPLE_JWT_SIGNING_KEY (set in the environment of both).
REMOTE_CONFIG = """\
PUBLIC_PATHS = []
MAX_TOKEN_AGE = "30d"
DJOSER_LOGIN_PATH = "/auth/token/login/"
JWT_LOGIN_PATH = "/auth/jwt/create/"
JWT_REFRESH_PATH = "/auth/jwt/refresh/"
LOGOUT_PATH = "/auth/token/logout/"
"""
REMOTE_ROLES = ("token", "jwt", "password", "inactive_password", "expired_password")

# How tools/detection_table.py serves this stack's copies remotely (the same declarations).
REMOTE = {"config": REMOTE_CONFIG, "keep_roles": REMOTE_ROLES}
