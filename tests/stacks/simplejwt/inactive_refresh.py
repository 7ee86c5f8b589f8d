"""
Flawed: a deactivated user keeps refreshing. NEVER DEPLOY IT.

Mistake: SIMPLE_JWT['USER_AUTHENTICATION_RULE'] names a rule that ignores is_active ("inactive
users cannot log in anyway"); TokenRefreshSerializer applies it, so a disabled account's refresh
token mints access tokens for a day (CWE-613).
Must trip: DRFC-1304 (refresh-token).
"""

from tests.stacks.simplejwt.settings import *  # noqa: F401,F403
from tests.stacks.simplejwt.settings import SIMPLE_JWT

SIMPLE_JWT = {**SIMPLE_JWT, "USER_AUTHENTICATION_RULE": "tests.stacks.simplejwt.flaws.any_user_may_refresh"}

EXPECTED_FAILURES = {"DRFC-1304"}
