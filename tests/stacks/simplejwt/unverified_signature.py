"""
Flawed: simplejwt never checks the signature. NEVER DEPLOY IT.

Mistake: a JWTAuthentication subclass builds AccessToken(raw_token, verify=False)
(to accept "the old service's tokens"), so any claims with any signature are trusted (CWE-347).
Must trip: DRFC-1201, DRFC-1202, DRFC-1203, DRFC-1205 (token-integrity) and DRFC-1301 (refresh-token:
AccessToken(verify=False) checks no token_type either).
"""

from tests.stacks.simplejwt.settings import *  # noqa: F401,F403
from tests.stacks.simplejwt.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "tests.stacks.simplejwt.flaws.UnverifiedJWTAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

EXPECTED_FAILURES = {"DRFC-1201", "DRFC-1202", "DRFC-1203", "DRFC-1205", "DRFC-1301"}
