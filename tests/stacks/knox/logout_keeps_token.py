"""
Flawed: knox's logout deletes nothing. NEVER DEPLOY IT.

Mistake: a LogoutView subclass overrides post() to send user_logged_out and answer 204 ("the
client discards its token") but never calls request._auth.delete(), so a logged-out token keeps
working until TOKEN_TTL ends (CWE-613).
Must trip: DRFC-1001 and DRFC-1002 (revocation).
"""

from tests.stacks.knox.settings import *  # noqa: F401,F403

ROOT_URLCONF = "tests.stacks.knox.urls_logout_keeps_token"

EXPECTED_FAILURES = {"DRFC-1001", "DRFC-1002"}
# Logging out consumes a credential: a black box cannot make one of its own to spend.
REMOTE_UNOBSERVABLE = {"DRFC-1001": "logging out needs a disposable credential, which remote mode cannot make",
                       "DRFC-1002": "logs a fresh user in and out, and remote mode cannot make users"}
