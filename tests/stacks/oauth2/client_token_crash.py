"""
Flawed: a client-credentials token crashes user endpoints. NEVER DEPLOY IT.

Mistake: an OAuth2Authentication subclass refuses inactive users by reading token.user.is_active,
which is None.is_active for a token with no user: a 500 (CWE-755).
Must trip: DRFC-1407 (oauth2-flows).
"""

from tests.stacks.oauth2.settings import *  # noqa: F401,F403
from tests.stacks.oauth2.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": tuple(
        "tests.stacks.oauth2.authentication.InactiveCheckingOAuth2Authentication" if "OAuth2" in name else name
        for name in REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]
    ),
}

EXPECTED_FAILURES = {"DRFC-1407"}
