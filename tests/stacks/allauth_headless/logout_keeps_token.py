"""
Flawed: allauth headless whose app logout does not end the session token. NEVER DEPLOY IT.

Mistake: the app session endpoint's ``DELETE`` is an override that answers allauth's logged-out
response (401, ``meta.is_authenticated`` false) without calling the adapter's ``logout()``, so the
session, and the ``X-Session-Token`` that is its key, lives on after the user logged out (CWE-613).
Must trip: DRFC-1001 and DRFC-1002 (revocation).
"""

from tests.stacks.allauth_headless.settings import *  # noqa: F401,F403

ROOT_URLCONF = "tests.stacks.allauth_headless.urls_logout_keeps_token"

EXPECTED_FAILURES = {"DRFC-1001", "DRFC-1002"}
