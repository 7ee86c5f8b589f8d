"""
The dj-rest-auth stack in its documented, sound configuration, token mode: the reference deployment
whose login and logout are dj-rest-auth's (``/auth/login/`` answers ``{"key": ...}``, a DRF token;
``/auth/logout/`` deletes it), its API authenticated by the reference's expiring DRF token.

- ``REST_AUTH["TOKEN_CREATOR"]`` replaces an expired token at login (dj-rest-auth's default,
  ``get_or_create``, hands the dead key back forever);
- the login view drops authentication (a stale header must not block a login) and answers
  ``Cache-Control: no-store`` (RFC 6749 §5.1): ``views.LoginView``;
- Django's ``ModelBackend``, which refuses inactive users like unknown ones.

No setting of the suite names any of these endpoints: they are detected by their views.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import CONFORMANCE, INSTALLED_APPS, REST_FRAMEWORK

INSTALLED_APPS = [*INSTALLED_APPS, "dj_rest_auth"]
ROOT_URLCONF = "tests.stacks.dj_rest_auth.urls"

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ),
}

REST_AUTH = {
    "TOKEN_CREATOR": "tests.stacks.dj_rest_auth.tokens.fresh_token",
}

# The reference's own token login, logout and OAuth2 endpoint are not this stack's: detection finds
# dj-rest-auth's views instead (the session login form stays, for the csrf family's sessions).
CONFORMANCE = {key: value for key, value in CONFORMANCE.items()
               if key not in ("TOKEN_LOGIN_PATH", "LOGOUT_PATH", "OAUTH2_TOKEN_PATH")}
