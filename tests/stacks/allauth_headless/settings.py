"""
The allauth headless stack in its documented, sound configuration: the reference deployment's polls
API guarded by ``XSessionTokenAuthentication`` and ``IsAuthenticated``, its only login allauth's
headless **app** client (``/_allauth/app/v1/auth/login``: JSON in, ``meta.session_token`` out, sent
back as ``X-Session-Token``; ``DELETE /_allauth/app/v1/auth/session`` logs out).

- ``HEADLESS_ONLY = True`` and ``HEADLESS_CLIENTS = ("app",)``, as allauth documents for an API
  with no browser pages (``HEADLESS_FRONTEND_URLS`` for the links its mails carry);
- ``ACCOUNT_LOGIN_METHODS = {"username"}``;
- Django's ``ModelBackend`` alone (a username login needs nothing more): it refuses inactive users
  like unknown ones, and the session token's user is loaded through it, so a deactivated user's
  token is refused. allauth's ``AuthenticationBackend`` (which its docs add for e-mail logins)
  stashes a user whose password was right but who is inactive, and the login then answers 401
  "inactive" where a wrong password gets 400: that tells who has a deactivated account and that
  the password tried is theirs (``inactive_answer_differs``, DRFC-903).

No setting of the suite names any of these endpoints: they are detected by their views.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import CONFORMANCE, INSTALLED_APPS, MIDDLEWARE, REST_FRAMEWORK

INSTALLED_APPS = [*INSTALLED_APPS, "allauth", "allauth.account", "allauth.headless"]
MIDDLEWARE = [*MIDDLEWARE, "allauth.account.middleware.AccountMiddleware"]
ROOT_URLCONF = "tests.stacks.allauth_headless.urls"

AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "allauth.headless.contrib.rest_framework.authentication.XSessionTokenAuthentication",
    ),
}

HEADLESS_ONLY = True
HEADLESS_CLIENTS = ("app",)
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": "https://app.example.com/account/verify-email/{key}",
    "account_reset_password_from_key": "https://app.example.com/account/password/reset/key/{key}",
    "account_signup": "https://app.example.com/account/signup",
}
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"

# The reference's own token login, logout, session form and OAuth2 endpoint are not this stack's:
# detection finds allauth's views instead.
CONFORMANCE = {key: value for key, value in CONFORMANCE.items()
               if key not in ("TOKEN_LOGIN_PATH", "LOGOUT_PATH", "SESSION_LOGIN_PATH", "OAUTH2_TOKEN_PATH")}
