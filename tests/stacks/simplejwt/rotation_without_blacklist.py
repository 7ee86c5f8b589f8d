"""
Flawed: rotated-out refresh tokens keep working. NEVER DEPLOY IT.

Mistake: SIMPLE_JWT['BLACKLIST_AFTER_ROTATION'] = False: each exchange issues a new refresh token
but the old one stays valid, so rotation protects nothing (RFC 9700 §4.14.2, CWE-613).
Must trip: DRFC-1302 (refresh-token).
"""

from tests.stacks.simplejwt.settings import *  # noqa: F401,F403
from tests.stacks.simplejwt.settings import SIMPLE_JWT

SIMPLE_JWT = {**SIMPLE_JWT, "BLACKLIST_AFTER_ROTATION": False}

EXPECTED_FAILURES = {"DRFC-1302"}
