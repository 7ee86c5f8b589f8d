"""
Variant `any_origin_session`: the CSRF check ignores Origin and Referer.

Mistake: the session class runs Django's CSRF check with _origin_verified() and
_check_referer() switched off, so a request from any site passes with a valid token;
a token that leaks once (a log, a shared page) works from everywhere (CWE-352).
Habit: a front end on another domain, "fixed" by disabling the origin checks instead of
listing it in CSRF_TRUSTED_ORIGINS.
Must trip: DRFC-802 (csrf: a foreign Origin or Referer is refused).
The flawed class is flaws.session.AnyOriginSessionAuthentication; token and bearer
authentication are unchanged.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][:2],
        "target_project.variants.flaws.session.AnyOriginSessionAuthentication",
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-802"}
