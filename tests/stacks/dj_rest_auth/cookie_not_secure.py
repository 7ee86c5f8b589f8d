"""
Flawed: dj-rest-auth's JWT cookies without Secure. NEVER DEPLOY IT.

Mistake: REST_AUTH["JWT_AUTH_SECURE"] left at dj-rest-auth's default, False, so the browser sends
the access and refresh tokens over plain HTTP too (any http:// link to the host leaks them, CWE-614).
Must trip: DRFC-707 (transport-security).
"""

from tests.stacks.dj_rest_auth.jwt_cookies import *  # noqa: F401,F403
from tests.stacks.dj_rest_auth.jwt_cookies import REST_AUTH

REST_AUTH = {key: value for key, value in REST_AUTH.items() if key != "JWT_AUTH_SECURE"}

EXPECTED_FAILURES = {"DRFC-707"}
