"""
Flawed: dj-rest-auth's cookie JWT without a CSRF check. NEVER DEPLOY IT.

Mistake: REST_AUTH["JWT_AUTH_COOKIE_USE_CSRF"] left at dj-rest-auth's default, False, so
JWTCookieAuthentication accepts a write its cookie authenticates with no CSRF token: another site
(or a sibling subdomain that SameSite=Lax does not stop) rides the logged-in browser (CWE-352).
Must trip: DRFC-803 (csrf).
"""

from tests.stacks.dj_rest_auth.jwt_cookies import *  # noqa: F401,F403
from tests.stacks.dj_rest_auth.jwt_cookies import REST_AUTH

REST_AUTH = {key: value for key, value in REST_AUTH.items() if key != "JWT_AUTH_COOKIE_USE_CSRF"}

EXPECTED_FAILURES = {"DRFC-803"}
