"""
Flawed: allauth headless session tokens that live a year. NEVER DEPLOY IT.

Mistake: ``SESSION_COOKIE_AGE`` of a year (Django's default is two weeks; the policy here is
``MAX_TOKEN_AGE``, 30 days). allauth's default ``HEADLESS_TOKEN_STRATEGY`` hands out the session's
key as the ``X-Session-Token``, so the token works as long as the session lives (CWE-613).
Must trip: DRFC-304 (expired-token).
"""

from tests.stacks.allauth_headless.settings import *  # noqa: F401,F403

SESSION_COOKIE_AGE = 365 * 24 * 3600
CSRF_COOKIE_AGE = SESSION_COOKIE_AGE

EXPECTED_FAILURES = {"DRFC-304"}
