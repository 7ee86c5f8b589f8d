"""
Variant `redirect_exempt_token_endpoints`: the token endpoints answer plain HTTP.

Mistake: the token endpoints are listed in SECURE_REDIRECT_EXEMPT, so a login over plain
HTTP is served and issues a token (CWE-319); every other endpoint is redirected.
Habit: "mobile clients cannot follow a redirect of a POST", fixed by exempting the login.
Must trip: DRFC-702 (transport-security: a token endpoint issues no token over plain HTTP).
"""

from target_project.settings import *  # noqa: F401,F403

SECURE_REDIRECT_EXEMPT = [r"^accounts/get_auth_token/$", r"^auth/token/$"]

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-702"}
