"""
The dj-rest-auth stack in its documented, sound configuration, JWT in cookies (a browser client):
the login sets the access token as ``JWT_AUTH_COOKIE`` and the refresh token as
``JWT_AUTH_REFRESH_COOKIE``, both HttpOnly, Secure and SameSite=Lax, and
``JWTCookieAuthentication`` CSRF-checks every request its cookie authenticates
(``JWT_AUTH_COOKIE_USE_CSRF``: dj-rest-auth's default is off). Logout blacklists the refresh
token of its cookie.
"""

from tests.stacks.dj_rest_auth.jwt_headers import *  # noqa: F401,F403

REST_AUTH = {
    "USE_JWT": True,
    "JWT_AUTH_COOKIE": "app-auth",
    "JWT_AUTH_REFRESH_COOKIE": "app-refresh",
    "JWT_AUTH_HTTPONLY": True,
    "JWT_AUTH_SECURE": True,
    "JWT_AUTH_SAMESITE": "Lax",
    "JWT_AUTH_COOKIE_USE_CSRF": True,
    "SESSION_LOGIN": False,
}
