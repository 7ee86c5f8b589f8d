"""
Variant `long_lived_bearer`: OAuth2 access tokens live sixty days.

Mistake: OAUTH2_PROVIDER['ACCESS_TOKEN_EXPIRE_SECONDS'] is sixty days, twice MAX_TOKEN_AGE
(30 days, contract section 3), so a stolen bearer token works for two months (CWE-613).
Habit: "users complained about logging in again", fixed with a long access token instead of
refresh tokens.
Must trip: DRFC-301 (expired-token), in both modes: in-process the bearer token aged past
MAX_TOKEN_AGE on a frozen clock is accepted, and, in-process and remotely alike, the token
answer's own `expires_in` (5184000) exceeds the policy, which a client sees without moving
any clock (issue 12).
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import OAUTH2_PROVIDER

OAUTH2_PROVIDER = {**OAUTH2_PROVIDER, "ACCESS_TOKEN_EXPIRE_SECONDS": 60 * 24 * 3600}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-301"}
