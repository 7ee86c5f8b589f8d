"""
The simplejwt stack in its documented, sound configuration: the reference deployment whose API
authenticates with djangorestframework-simplejwt bearer tokens (and sessions for the login form).

- its own random HMAC key of 64 bytes, never Django's SECRET_KEY (RFC 7518 §3.2);
- access tokens of 15 minutes, refresh tokens of a day, rotated and blacklisted after rotation
  (RFC 9700 §4.14.2), so a stolen refresh token works once at most;
- the blacklist app installed and TokenBlacklistView routed as the logout of refresh tokens.
"""

import os
import secrets
from datetime import timedelta

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import CONFORMANCE, INSTALLED_APPS, REST_FRAMEWORK

INSTALLED_APPS = [*INSTALLED_APPS, "rest_framework_simplejwt.token_blacklist"]
ROOT_URLCONF = "tests.stacks.simplejwt.urls"

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "rest_framework_simplejwt.authentication.JWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ),
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

# The DRF token and OAuth2 logins of the reference are not this stack's: not declared here.
CONFORMANCE = {key: value for key, value in CONFORMANCE.items()
               if key not in ("TOKEN_LOGIN_PATH", "OAUTH2_TOKEN_PATH")}

# How a black box audits this stack (tools/detection_table.py, issue 12): the config declares its
# documented paths, the endpoints file lists the polls API its tokens guard (/accounts/me/ takes
# none: the deployment's OpenAPI document would list it too).
REMOTE_CONFIG_BASE = """\
PUBLIC_PATHS = []
MAX_TOKEN_AGE = "30d"
SESSION_LOGIN_PATH = "/accounts/login/"
LOGOUT_PATH = "/accounts/logout/"
"""
REMOTE = {
    "config": REMOTE_CONFIG_BASE + ('JWT_LOGIN_PATH = "/api/token/"\nJWT_REFRESH_PATH = "/api/token/refresh/"\n'
                                    'JWT_BLACKLIST_PATH = "/api/token/blacklist/"\n'),
    "endpoints": "GET /polls/api/questions/\nGET /polls/api/questions/1/\n",
}
