"""
Flawed: dj-rest-auth with JWT but without simplejwt's blacklist app. NEVER DEPLOY IT.

Mistake: "rest_framework_simplejwt.token_blacklist" left out of INSTALLED_APPS, so
dj-rest-auth's LogoutView answers 200 and ends nothing (its refresh token goes on minting access
tokens for a day), and rotation never blacklists the old refresh token (RFC 9700 §4.14.2, CWE-613).
Must trip: DRFC-1302 and DRFC-1303 (refresh-token).
"""

from tests.stacks.dj_rest_auth.jwt_headers import *  # noqa: F401,F403
from tests.stacks.dj_rest_auth.jwt_headers import INSTALLED_APPS

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "rest_framework_simplejwt.token_blacklist"]

EXPECTED_FAILURES = {"DRFC-1302", "DRFC-1303"}
