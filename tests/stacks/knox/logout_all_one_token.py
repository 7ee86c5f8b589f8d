"""
Flawed: knox's logout-all ends one token only. NEVER DEPLOY IT.

Mistake: a LogoutAllView subclass whose post() was rewritten from LogoutView's to answer a
message, so "log out of every device" deletes the token it was called with and leaves every other
session of the user working, a stolen one included (CWE-613).
Must trip: DRFC-1001 (revocation), the logout-all check.
"""

from tests.stacks.knox.settings import *  # noqa: F401,F403

ROOT_URLCONF = "tests.stacks.knox.urls_logout_all_one_token"

EXPECTED_FAILURES = {"DRFC-1001"}
# Logging out consumes a credential: a black box cannot make one of its own to spend.
REMOTE_UNOBSERVABLE = {"DRFC-1001": "logging out everywhere needs a fresh user, which remote mode cannot make"}
