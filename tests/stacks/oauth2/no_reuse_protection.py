"""
Flawed: a replayed refresh token does not revoke its family. NEVER DEPLOY IT.

Mistake: OAUTH2_PROVIDER['REFRESH_TOKEN_REUSE_PROTECTION'] = False (DOT's default): after a thief
and the client both use one refresh token, the thief's new one keeps working (RFC 9700 §4.14.2).
Must trip: DRFC-1406 (oauth2-flows).
"""

from tests.stacks.oauth2.settings import *  # noqa: F401,F403
from tests.stacks.oauth2.settings import OAUTH2_PROVIDER

OAUTH2_PROVIDER = {**OAUTH2_PROVIDER, "REFRESH_TOKEN_REUSE_PROTECTION": False}

EXPECTED_FAILURES = {"DRFC-1406"}
