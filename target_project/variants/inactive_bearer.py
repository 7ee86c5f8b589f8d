"""
Variant `inactive_bearer`: bearer tokens of deactivated users keep working.

Mistake: the bearer class does what django-oauth-toolkit's OAuth2Authentication does and
never looks at `user.is_active`, so deactivating an account leaves its bearer tokens
valid until they expire (CWE-613).
Habit: DOT's documented setup, trusting that a disabled account "cannot log in".
Must trip: DRFC-401 (inactive-user: credentials issued before deactivation are
refused), for the Bearer scheme.
The flawed class is flaws.identity.InactiveUserBearerAuthentication; DRF token and
session authentication are unchanged.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][0],
        "target_project.variants.flaws.identity.InactiveUserBearerAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][2:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-401"}
