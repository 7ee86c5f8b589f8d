"""
Flawed: RS256, but HS256 tokens keyed with the public key pass. NEVER DEPLOY IT.

Mistake: a JWTAuthentication subclass also "verifies" HS256 tokens with
SIMPLE_JWT['VERIFYING_KEY'] as the HMAC secret; that key is public, so anybody signs (CWE-327).
Must trip: DRFC-1204 (token-integrity).
"""

from tests.stacks.simplejwt.rs256 import *  # noqa: F401,F403
from tests.stacks.simplejwt.rs256 import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "tests.stacks.simplejwt.flaws.LegacyHmacJWTAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

EXPECTED_FAILURES = {"DRFC-1204"}
