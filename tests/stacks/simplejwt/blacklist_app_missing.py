"""
Flawed: the blacklist app is not installed. NEVER DEPLOY IT.

Mistake: 'rest_framework_simplejwt.token_blacklist' is missing from INSTALLED_APPS; simplejwt then
silently skips blacklisting (it catches the AttributeError), so the logout view answers 200 and
rotated-out refresh tokens keep working (CWE-613).
Must trip: DRFC-1302, DRFC-1303 (refresh-token).
"""

from tests.stacks.simplejwt.settings import *  # noqa: F401,F403
from tests.stacks.simplejwt.settings import INSTALLED_APPS

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "rest_framework_simplejwt.token_blacklist"]

EXPECTED_FAILURES = {"DRFC-1302", "DRFC-1303"}
