"""
Flawed: dj-rest-auth's JWT cookies readable by scripts. NEVER DEPLOY IT.

Mistake: REST_AUTH["JWT_AUTH_HTTPONLY"] = False ("the front end reads the token from the cookie"):
any script on the page, an XSS payload too, reads both tokens and sends them elsewhere (CWE-1004).
Must trip: DRFC-707 (transport-security).
"""

from tests.stacks.dj_rest_auth.jwt_cookies import *  # noqa: F401,F403
from tests.stacks.dj_rest_auth.jwt_cookies import REST_AUTH

REST_AUTH = {**REST_AUTH, "JWT_AUTH_HTTPONLY": False}

EXPECTED_FAILURES = {"DRFC-707"}
