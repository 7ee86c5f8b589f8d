"""
The knox stack in its documented, sound configuration: the reference deployment whose API
authenticates with django-rest-knox tokens only (`Authorization: Token <token>`).

- `REST_KNOX['TOKEN_TTL']` of 10 hours (knox's default, stated), well inside MAX_TOKEN_AGE, and no
  AUTO_REFRESH, so a stolen token dies on time however often it is used;
- knox's LoginView with BasicAuthentication (knox's documented setup), answering
  `{"expiry": ..., "token": ...}` with `Cache-Control: no-store` (never_cache in the URLconf);
- knox's LogoutView (deletes the token it is called with) and LogoutAllView (every token of the user).
"""

from datetime import timedelta

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import CONFORMANCE, INSTALLED_APPS, REST_FRAMEWORK

INSTALLED_APPS = [*INSTALLED_APPS, "knox"]
ROOT_URLCONF = "tests.stacks.knox.urls"

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": ("knox.auth.TokenAuthentication",),
}

REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=10),
    "AUTO_REFRESH": False,
}

# The reference's DRF token, OAuth2 and session endpoints are not routed here: nothing declared.
# knox's login and logout are detected from their views.
CONFORMANCE = {key: value for key, value in CONFORMANCE.items()
               if key not in ("TOKEN_LOGIN_PATH", "OAUTH2_TOKEN_PATH", "LOGOUT_PATH", "SESSION_LOGIN_PATH")}

# Remote audits of this stack (tests/remote/test_login_stacks_remote.py, tools/detection_table.py):
# a black box shows no views, so its auth endpoints are declared, and only the credential roles of
# the schemes it accepts are supplied (conformance_provision writes DRF token roles too).
REMOTE_CONFIG = """\
PUBLIC_PATHS = []
MAX_TOKEN_AGE = "30d"
KNOX_LOGIN_PATH = "/api/auth/login/"
LOGOUT_PATH = "/api/auth/logout/"
LOGOUT_ALL_PATH = "/api/auth/logoutall/"
"""
REMOTE_ROLES = ("knox", "password", "inactive_password", "expired_password")

# How tools/detection_table.py serves this stack's copies remotely (the same declarations).
REMOTE = {"config": REMOTE_CONFIG, "keep_roles": REMOTE_ROLES}
