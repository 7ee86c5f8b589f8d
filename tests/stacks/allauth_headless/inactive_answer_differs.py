"""
Flawed: allauth headless logins through allauth's ``AuthenticationBackend``. NEVER DEPLOY IT.

Mistake: ``allauth.account.auth_backends.AuthenticationBackend`` in AUTHENTICATION_BACKENDS (as
allauth's quickstart lists it). When the password is right but the user is inactive, the backend
stashes the user and the headless login answers 401 (the ``account_inactive`` response) where a
wrong password or an unknown user gets 400: anyone can tell that an account exists, is
deactivated, and that the password tried is its password (CWE-204).
Must trip: DRFC-903 (token-endpoint).
"""

from tests.stacks.allauth_headless.settings import *  # noqa: F401,F403

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

EXPECTED_FAILURES = {"DRFC-903"}
