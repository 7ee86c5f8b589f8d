"""
Variant `insecure_csrf_cookie`: the CSRF cookie lacks Secure.

Mistake: CSRF_COOKIE_SECURE is left False (Django's default), so the CSRF cookie travels
over plain HTTP, where a network attacker can read or plant it (CWE-614).
Habit: only the session cookie is thought of as sensitive.
Must trip: DRFC-706 (transport-security: the CSRF cookie is Secure and SameSite).
"""

from target_project.settings import *  # noqa: F401,F403

CSRF_COOKIE_SECURE = False

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-706"}
