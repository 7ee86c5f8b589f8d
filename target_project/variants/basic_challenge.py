"""
Variant `basic_challenge`: 401 answers challenge with a scheme the API does not accept.

Mistake: the token class's authenticate_header() returns `Basic realm="api"` (copied
from BasicAuthentication "to get 401 instead of 403"), so every 401 names Basic,
which no endpoint accepts; browsers pop up a password dialog (RFC 9110 §11.6.1).
Habit: DRF answers 403 when the first class has no authenticate_header(), and
the quickest fix found online is any header string.
Must trip: DRFC-503 (scheme-confusion: a 401 names a scheme the endpoint accepts).
The flawed class is flaws.authentication.BasicChallengeTokenAuthentication.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.variants.flaws.authentication.BasicChallengeTokenAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-503"}
