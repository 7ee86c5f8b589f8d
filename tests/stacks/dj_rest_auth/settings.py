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

# How a black box audits this stack (tools/detection_table.py, tests/remote/): a black box detects
# nothing by view class, so the config declares dj-rest-auth's documented paths; its API takes no
# OAuth2 token (the reference's DOT app still makes conformance_provision write those roles).
REMOTE_CONFIG_BASE = """\
PUBLIC_PATHS = []
MAX_TOKEN_AGE = "30d"
SESSION_LOGIN_PATH = "/accounts/login/"
LOGOUT_PATH = "/auth/logout/"
"""
REMOTE = {
    "config": REMOTE_CONFIG_BASE + 'TOKEN_LOGIN_PATH = "/auth/login/"\n',
    "endpoints": ("GET /polls/api/questions/\nPOST /polls/api/questions/\nGET /polls/api/questions/1/\n"
                  "PATCH /polls/api/questions/1/\nGET /auth/user/\n"),
    "drop_roles": ("bearer", "oauth2_client"),
}
