"""
Flawed: knox tokens in use never expire. NEVER DEPLOY IT.

Mistake: REST_KNOX['AUTO_REFRESH'] = True ("users stay logged in while active") without
AUTO_REFRESH_MAX_TTL, so each use extends the token by TOKEN_TTL and a stolen token used every
few hours works forever (CWE-613).
Must trip: DRFC-301 (expired-token), the knox token's lifetime read against MAX_TOKEN_AGE.
"""

from tests.stacks.knox.settings import *  # noqa: F401,F403
from tests.stacks.knox.settings import REST_KNOX

REST_KNOX = {**REST_KNOX, "AUTO_REFRESH": True}

EXPECTED_FAILURES = {"DRFC-301"}
# The login answer shows one TOKEN_TTL: only the settings (in-process) show the refresh.
REMOTE_UNOBSERVABLE = {"DRFC-301": "the login answer's expiry shows one TOKEN_TTL; AUTO_REFRESH is read in-process"}
