"""
Flawed: a token of a deleted user crashes the server. NEVER DEPLOY IT.

Mistake: a JWTAuthentication subclass looks the user up with objects.get() and never catches
User.DoesNotExist, so a validly signed token of a missing user gets a 500 where a bad token gets
a 401, which tells who has an account (CWE-204).
Must trip: DRFC-1207 (token-integrity).
"""

from tests.stacks.simplejwt.settings import *  # noqa: F401,F403
from tests.stacks.simplejwt.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "tests.stacks.simplejwt.flaws.DirectLookupJWTAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

EXPECTED_FAILURES = {"DRFC-1207"}
