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
