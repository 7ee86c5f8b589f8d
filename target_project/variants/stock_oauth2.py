"""
Variant `stock_oauth2`: django-oauth-toolkit's OAuth2Authentication as the bearer class.

Mistake: oauth2_provider.contrib.rest_framework.OAuth2Authentication unchanged, as DOT's
and the seed tutorial's setup lists it. Its validator loads `access_token.user` and never
looks at `is_active`, so a deactivated user's bearer tokens keep working (CWE-613); and
oauthlib reads an `access_token` form field when no header is sent (RFC 6750 §5.3).
Habit: DOT's documented setup, "OAuth2Authentication" and nothing else.
Must trip: DRFC-401 (inactive-user: credentials issued before deactivation are refused)
for the Bearer scheme, and DRFC-602 (credentials-in-url: a token in the form body).
DRF token and session authentication are unchanged.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][0],
        "oauth2_provider.contrib.rest_framework.OAuth2Authentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][2:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-401", "DRFC-602"}
