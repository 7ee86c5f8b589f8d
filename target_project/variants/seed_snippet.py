"""
Variant `seed_snippet`: the seed tutorial's ExpiringTokenAuthentication as published.

Mistake: the snippet of "How to Override TokenAuthentication Backend to detect an expiring
token", pasted unchanged (a pytz stand-in aside, see flaws/seed_expiring_token.py): it
never imports `datetime` or `exceptions`, so every request with a DRF token, valid,
expired or unknown, raises NameError: a 500 (CWE-755).
Habit: copying a tutorial's snippet without running it; the post's own code never ran.
Must trip: DRFC-1104 (error-hygiene: no request of the run got a server error), which
lists every 500. Valid DRF tokens crash too, so an expired token's 500 says nothing about
expiry: DRFC-302 and DRFC-303 cannot be evaluated and are `error` (issue 12: a positive
control that got a 500 makes no finding), as is every check whose positive control needs a
DRF token (CONTROL_FAILS_FOR); bearer and session checks run as usual.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.variants.flaws.seed_expiring_token.ExpiringTokenAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-1104"}
# Credential roles whose positive control fails by design here: checks that need one are `error`.
CONTROL_FAILS_FOR = {"token"}
