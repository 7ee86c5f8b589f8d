"""
Flawed: allauth headless with ``AllowAllUsersModelBackend``. NEVER DEPLOY IT.

Mistake: ``django.contrib.auth.backends.AllowAllUsersModelBackend`` first in
AUTHENTICATION_BACKENDS. ``XSessionTokenAuthentication`` loads the session token's user through
the session's backend, which no longer asks ``is_active``: a deactivated user's session token keeps
working on the whole API (CWE-613). allauth's own login still refuses the inactive account (it
checks ``is_active`` itself), so only the tokens issued before the deactivation are at fault.
Must trip: DRFC-401 (inactive-user).
"""

from tests.stacks.allauth_headless.settings import *  # noqa: F401,F403

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.AllowAllUsersModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

EXPECTED_FAILURES = {"DRFC-401"}
