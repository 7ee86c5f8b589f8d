"""
Flawed: a refresh token works as an access token. NEVER DEPLOY IT.

Mistake: SIMPLE_JWT['AUTH_TOKEN_CLASSES'] lists RefreshToken beside AccessToken ("so clients can
call the API with either"), so the day-long refresh token opens every endpoint (CWE-287).
Must trip: DRFC-1301 (refresh-token).
"""

from tests.stacks.simplejwt.settings import *  # noqa: F401,F403
from tests.stacks.simplejwt.settings import SIMPLE_JWT

SIMPLE_JWT = {**SIMPLE_JWT, "AUTH_TOKEN_CLASSES": ("rest_framework_simplejwt.tokens.AccessToken",
                                                   "rest_framework_simplejwt.tokens.RefreshToken")}

EXPECTED_FAILURES = {"DRFC-1301"}
