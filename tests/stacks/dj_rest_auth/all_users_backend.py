"""
Flawed: the authentication backend lets inactive users through to dj-rest-auth. NEVER DEPLOY IT.

Mistake: AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.AllowAllUsersModelBackend"]
("so deactivated users see why they cannot log in"): dj-rest-auth's LoginSerializer then answers
"User account is disabled." where an unknown user or a wrong password gets "Unable to log in with
provided credentials.", so the login tells which accounts exist and are disabled (CWE-204).
Must trip: DRFC-903 (token-endpoint).
"""

from tests.stacks.dj_rest_auth.settings import *  # noqa: F401,F403

AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.AllowAllUsersModelBackend"]

EXPECTED_FAILURES = {"DRFC-903"}
