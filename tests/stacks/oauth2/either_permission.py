"""
Flawed: a read-scope token writes. NEVER DEPLOY IT.

Mistake: the notes view is guarded by IsAuthenticated | TokenHasReadWriteScope ("a login or the
right scope"), so any valid bearer token passes whatever its scope (CWE-285).
Must trip: DRFC-1401 (oauth2-flows).
"""

from tests.stacks.oauth2.settings import *  # noqa: F401,F403

ROOT_URLCONF = "tests.stacks.oauth2.urls_either_permission"

EXPECTED_FAILURES = {"DRFC-1401"}
