"""
Flawed: djoser's token login issues tokens to deactivated users. NEVER DEPLOY IT.

Mistake: AUTHENTICATION_BACKENDS = AllowAllUsersModelBackend (to tell inactive users "your
account is disabled"); djoser's TokenCreateSerializer trusts authenticate() and never reads
is_active, so a disabled account logs in (CWE-287), and its answer tells it apart (CWE-204).
Must trip: DRFC-402 (inactive-user) and DRFC-903 (token-endpoint), for djoser's login.
"""

from tests.stacks.djoser.settings import *  # noqa: F401,F403

AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.AllowAllUsersModelBackend"]

EXPECTED_FAILURES = {"DRFC-402", "DRFC-903"}
