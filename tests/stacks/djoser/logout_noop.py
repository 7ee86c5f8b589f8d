"""
Flawed: djoser's logout deletes no token. NEVER DEPLOY IT.

Mistake: TokenDestroyView overridden to end the Django session only ("logout = logout()"); the
DRF token it was called with keeps working, and the next login get_or_create()s the same key back
(CWE-613).
Must trip: DRFC-1001 and DRFC-1002 (revocation).
"""

from tests.stacks.djoser.settings import *  # noqa: F401,F403

ROOT_URLCONF = "tests.stacks.djoser.urls_logout_noop"

EXPECTED_FAILURES = {"DRFC-1001", "DRFC-1002"}
# Logging out consumes a credential: a black box cannot make one of its own to spend.
REMOTE_UNOBSERVABLE = {"DRFC-1001": "logging out needs a disposable credential, which remote mode cannot make",
                       "DRFC-1002": "logs a fresh user in and out, and remote mode cannot make users"}
