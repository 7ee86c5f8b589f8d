"""
Flawed: allauth headless with ``AllowAllUsersModelBackend``. NEVER DEPLOY IT.

Mistake: ``django.contrib.auth.backends.AllowAllUsersModelBackend`` in AUTHENTICATION_BACKENDS. ``XSessionTokenAuthentication`` loads the session token's user through
the session's backend, which no longer asks ``is_active``: a deactivated user's session token keeps
working on the whole API (CWE-613). allauth's own login still issues nothing to the inactive account
(its adapter checks ``is_active`` itself), but now answers its right password with 401 "inactive"
where a wrong one gets 400 (CWE-204).
Must trip: DRFC-401 (inactive-user) and DRFC-903 (token-endpoint).
"""

from tests.stacks.allauth_headless.settings import *  # noqa: F401,F403

AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.AllowAllUsersModelBackend"]

EXPECTED_FAILURES = {"DRFC-401", "DRFC-903"}
