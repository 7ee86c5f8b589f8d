"""
Flawed: knox's login answer may be cached. NEVER DEPLOY IT.

Mistake: knox's LoginView routed as its README shows, without never_cache: the answer that
carries the token has no Cache-Control: no-store, so a shared cache or the browser's may keep it
(RFC 9111 §5.2.2.5, CWE-525).
Must trip: DRFC-902 (token-endpoint).
"""

from tests.stacks.knox.settings import *  # noqa: F401,F403

ROOT_URLCONF = "tests.stacks.knox.urls_cacheable_login"

EXPECTED_FAILURES = {"DRFC-902"}
