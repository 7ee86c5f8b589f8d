"""
Flawed: knox tokens never expire. NEVER DEPLOY IT.

Mistake: REST_KNOX['TOKEN_TTL'] = None, knox's way of saying "forever" ("users hate logging in
again"), so a stolen token works until someone logs out with it (CWE-613).
Must trip: DRFC-301 (expired-token), the frozen-clock token and the login answer's `expiry: null`.
"""

from tests.stacks.knox.settings import *  # noqa: F401,F403
from tests.stacks.knox.settings import REST_KNOX

REST_KNOX = {**REST_KNOX, "TOKEN_TTL": None}

EXPECTED_FAILURES = {"DRFC-301"}
