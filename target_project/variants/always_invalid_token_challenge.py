"""
Variant `always_invalid_token_challenge`: the Bearer challenge always says invalid_token.

Mistake: the bearer class comes first and its authenticate_header() hard-codes
`error="invalid_token"`, so a request that sent no token is told its token was bad
(RFC 6750 §3.1: no error code without authentication information).
Habit: a challenge string copied from one error response and used for all of them.
Must trip: DRFC-505 (scheme-confusion: a Bearer challenge to a request without
credentials carries no error code).
The flawed class is flaws.bearer.AlwaysInvalidTokenBearerAuthentication.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.variants.flaws.bearer.AlwaysInvalidTokenBearerAuthentication",
        "target_project.accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-505"}
