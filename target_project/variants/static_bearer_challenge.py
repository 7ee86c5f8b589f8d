"""
Variant `static_bearer_challenge`: the Bearer challenge never names the error.

Mistake: the bearer class comes first (so refusals carry its challenge) and its
authenticate_header() returns a fixed `Bearer realm="api"`: a refused token gets no
`error="invalid_token"` (RFC 6750 §3.1), so clients cannot tell "refresh" from "log in".
Habit: the fixed challenge strings of DRF's custom-authentication examples.
Must trip: DRFC-504 (scheme-confusion: a Bearer challenge for a refused token
carries error="invalid_token").
The flawed class is flaws.bearer.StaticChallengeBearerAuthentication.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.variants.flaws.bearer.StaticChallengeBearerAuthentication",
        "target_project.accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-504"}
