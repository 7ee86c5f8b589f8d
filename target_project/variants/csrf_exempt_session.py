"""
Variant `csrf_exempt_session`: session authentication without CSRF protection.

Mistake: a CsrfExemptSessionAuthentication whose enforce_csrf() does nothing replaces
SessionAuthentication, so any site a logged-in user visits can post, change and delete
through their session (CWE-352).
Habit: the most quoted answer to DRF's "CSRF Failed: CSRF token missing".
Must trip: DRFC-801 (csrf: no or wrong CSRF token refused) and DRFC-802 (csrf: foreign
Origin or Referer refused).
The flawed class is flaws.session.CsrfExemptSessionAuthentication; token and bearer
authentication are unchanged.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][:2],
        "target_project.variants.flaws.session.CsrfExemptSessionAuthentication",
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-801", "DRFC-802"}
