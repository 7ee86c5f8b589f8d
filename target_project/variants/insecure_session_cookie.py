"""
Variant `insecure_session_cookie`: the session cookie lacks Secure.

Mistake: SESSION_COOKIE_SECURE is left False (Django's default), so the browser sends the
session cookie with any plain-HTTP request to the host (CWE-614).
Habit: settings that work with runserver over plain HTTP, deployed unchanged.
Must trip: DRFC-705 (transport-security: the session cookie is Secure, HttpOnly, SameSite).
"""

from target_project.settings import *  # noqa: F401,F403

SESSION_COOKIE_SECURE = False

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-705"}
