"""
Variant `inactive_login`: deactivated users can still log in.

Mistake: AUTHENTICATION_BACKENDS = AllowAllUsersModelBackend, so authenticate() accepts
an inactive user's password; DRF's AuthTokenSerializer then issues a token to an account
that was disabled (CWE-287), and the login answer tells inactive users apart from a wrong
password (CWE-204).
Habit: AllowAllUsersModelBackend added to show "your account is disabled" instead of
"wrong password" on the login page.
Must trip: DRFC-402 (inactive-user: an inactive user cannot obtain a new token) and
DRFC-903 (token-endpoint: identical answers), for the token login only.
"""

from target_project.settings import *  # noqa: F401,F403

AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.AllowAllUsersModelBackend"]

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-402", "DRFC-903"}
