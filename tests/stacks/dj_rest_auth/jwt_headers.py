"""
The dj-rest-auth stack in its documented, sound configuration, JWT in headers: ``REST_AUTH["USE_JWT"]``,
so ``/auth/login/`` answers simplejwt's ``access`` and ``refresh`` in JSON, clients send
``Authorization: Bearer``, ``/auth/token/refresh/`` rotates refresh tokens and ``/auth/logout/``
blacklists the refresh token posted to it (simplejwt's blacklist app installed).
"""

import os
import secrets
from datetime import timedelta

from tests.stacks.dj_rest_auth.settings import *  # noqa: F401,F403
from tests.stacks.dj_rest_auth.settings import INSTALLED_APPS, REMOTE, REMOTE_CONFIG_BASE, REST_FRAMEWORK

INSTALLED_APPS = [*INSTALLED_APPS, "rest_framework_simplejwt.token_blacklist"]

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    # dj-rest-auth's documented JWT setup: its JWTCookieAuthentication alone (header, else cookie).
    "DEFAULT_AUTHENTICATION_CLASSES": ("dj_rest_auth.jwt_auth.JWTCookieAuthentication",),
}

REST_AUTH = {
    "USE_JWT": True,
    "JWT_AUTH_HTTPONLY": False,  # the refresh token in the JSON: header clients keep it themselves
    # The API reads JWTs only: a Django session the login also opened would be a second credential
    # nothing uses (and its logout answers 401 without a refresh token, though the session ends).
    "SESSION_LOGIN": False,
}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=15),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    # From the environment in a real deployment; a fresh random key per process here.
    "SIGNING_KEY": os.environ.get("SIMPLE_JWT_SIGNING_KEY") or secrets.token_urlsafe(64),
    "ALGORITHM": "HS256",
}

# Remotely (tools/detection_table.py, tests/remote/): the JWT endpoints declared; only jwt.* roles.
REMOTE = {
    **REMOTE,
    "config": REMOTE_CONFIG_BASE + ('JWT_LOGIN_PATH = "/auth/login/"\nJWT_REFRESH_PATH = "/auth/token/refresh/"\n'
                                    'JWT_BLACKLIST_PATH = "/auth/logout/"\n'),
    "drop_roles": ("bearer", "oauth2_client", "token", "session"),
}
