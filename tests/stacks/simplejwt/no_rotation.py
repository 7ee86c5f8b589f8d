"""
Flawed: refresh tokens are not rotated. NEVER DEPLOY IT.

Mistake: SIMPLE_JWT['ROTATE_REFRESH_TOKENS'] = False (simplejwt's default), so a stolen refresh
token mints access tokens until it expires and its reuse never shows (RFC 9700 §4.14.2, CWE-613).
Must trip: DRFC-1302 (refresh-token).
"""

from tests.stacks.simplejwt.settings import *  # noqa: F401,F403
from tests.stacks.simplejwt.settings import SIMPLE_JWT

SIMPLE_JWT = {**SIMPLE_JWT, "ROTATE_REFRESH_TOKENS": False}

EXPECTED_FAILURES = {"DRFC-1302"}
