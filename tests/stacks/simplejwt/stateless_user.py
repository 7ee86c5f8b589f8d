"""
Flawed: JWTs are trusted without loading the user. NEVER DEPLOY IT.

Mistake: REST_FRAMEWORK authenticates with simplejwt's JWTStatelessUserAuthentication ("saves a
query"), so a deactivated or deleted user keeps access until each token expires (CWE-613).
Must trip: DRFC-1305 (refresh-token) and DRFC-1207 (a token of a missing user is accepted).
"""

from tests.stacks.simplejwt.settings import *  # noqa: F401,F403
from tests.stacks.simplejwt.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "rest_framework_simplejwt.authentication.JWTStatelessUserAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

EXPECTED_FAILURES = {"DRFC-1305", "DRFC-1207"}
