"""
Variant `session_year_old`: sessions outlive the token policy.

Mistake: SESSION_COOKIE_AGE is a year, far beyond MAX_TOKEN_AGE (30 days, contract section 3),
so the session engine serves a session cookie for a year after login (CWE-613).
Habit: "remember me for a year" on a login form, or a copy of Django's CSRF_COOKIE_AGE default;
SESSION_EXPIRE_AT_BROWSER_CLOSE is often believed to cap it, but only drops the cookie's
Expires in the browser: a copied cookie works server-side until the year is up.
Must trip: DRFC-304 (expired-token: a session older than MAX_TOKEN_AGE is refused).
Tokens are unchanged.
"""

from datetime import timedelta

from target_project.settings import *  # noqa: F401,F403

SESSION_COOKIE_AGE = int(timedelta(days=365).total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # no help server-side, as the docstring says

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-304"}
