"""
Variant `never_expiring`: DRF tokens never expire.

Mistake: rest_framework.authentication.TokenAuthentication instead of the reference's
ExpiringTokenAuthentication. settings.TOKEN_EXPIRE_TIME is still read by the login view,
which replaces an old token at the next login, but nothing refuses an old token: a
stolen key works until someone deletes it by hand (CWE-613).
Habit: DRF's documented setup, "TokenAuthentication" and nothing else.
Must trip: DRFC-301 (expired-token: older than MAX_TOKEN_AGE refused) and DRFC-302
(refused one second after its lifetime), for the Token scheme.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.variants.flaws.identity.NeverExpiringTokenAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-301", "DRFC-302"}
# What a black box cannot see, and why (tools/detection_table.py's remote column).
REMOTE_UNOBSERVABLE = {"DRFC-302": "clock: the lifetime boundary needs the server's clock moved to 1 s before and after the lifetime; a black box's clock stays put"}
