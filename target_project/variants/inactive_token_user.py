"""
Variant `inactive_token_user`: a deactivated user's DRF token keeps working.

Mistake: the token class looks the token up itself and tests its age, but not
`token.user.is_active`, so deactivating an account does not end its token (CWE-613).
Habit: hand-written authenticate_credentials() that replaces DRF's instead of extending it.
Must trip: DRFC-401 (inactive-user: credentials issued before deactivation are refused),
for the Token scheme.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.variants.flaws.identity.InactiveUserTokenAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-401"}
