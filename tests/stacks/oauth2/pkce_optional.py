"""
Flawed: PKCE is optional. NEVER DEPLOY IT.

Mistake: OAUTH2_PROVIDER['PKCE_REQUIRED'] = False, so a public client's intercepted authorization
code is redeemed by whoever holds it (RFC 7636, RFC 9700 §2.1.1, CWE-345).
Must trip: DRFC-1402 (oauth2-flows).
"""

from tests.stacks.oauth2.settings import *  # noqa: F401,F403
from tests.stacks.oauth2.settings import OAUTH2_PROVIDER

OAUTH2_PROVIDER = {**OAUTH2_PROVIDER, "PKCE_REQUIRED": False}

EXPECTED_FAILURES = {"DRFC-1402"}
