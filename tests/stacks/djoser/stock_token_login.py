"""
Flawed: djoser's stock token login. NEVER DEPLOY IT.

Mistake: `path("auth/", include("djoser.urls.authtoken"))` with tokens that expire: djoser's
TokenCreateView get_or_create()s the key, so an expired one is handed back forever; it
authenticates with the default classes, so a stale token header answers 401 before the password
is read; and its answer carries no Cache-Control: no-store (CWE-613, CWE-525).
Must trip: DRFC-901, DRFC-902 and DRFC-905 (token-endpoint), for djoser's login.
"""

from tests.stacks.djoser.settings import *  # noqa: F401,F403

ROOT_URLCONF = "tests.stacks.djoser.urls_stock_token_login"

EXPECTED_FAILURES = {"DRFC-901", "DRFC-902", "DRFC-905"}
