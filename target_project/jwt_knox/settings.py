"""
The reference deployment with two more kinds of token: simplejwt access tokens and knox tokens.

drf-conformance audits every kind of token a deployment accepts; this settings module proves
the expired-token and inactive-user families on JWT and knox as well (tests/time_identity/).
Each library gets its own scheme word, so no header means two things: `Authorization: JWT
<access token>` and `Authorization: Knox <token>`, next to the reference's `Token` and
`Bearer`. Lifetimes are short and explicit, as each library's documentation advises.
"""

from datetime import timedelta

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import INSTALLED_APPS, REST_FRAMEWORK

INSTALLED_APPS = [*INSTALLED_APPS, "knox"]

ROOT_URLCONF = "target_project.jwt_knox.urls"

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][:2],
        "rest_framework_simplejwt.authentication.JWTAuthentication",
        "knox.auth.TokenAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][2:],
    ),
}

SIMPLE_JWT = {
    # An access token is stateless: nothing on the server can revoke it before it expires,
    # so its lifetime is what bounds a stolen one (RFC 8725 §3.10 advice on short lifetimes).
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=15),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
    "AUTH_HEADER_TYPES": ("JWT",),
    # simplejwt's default, stated: a deactivated user's access token is refused.
    "CHECK_USER_IS_ACTIVE": True,
}

REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=10),
    "AUTH_HEADER_PREFIX": "Knox",
    "AUTO_REFRESH": False,
}
