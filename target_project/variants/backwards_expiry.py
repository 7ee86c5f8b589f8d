"""
Variant `backwards_expiry`: the expiry comparison is written backwards.

Mistake: `token.created >= timezone.now() - settings.TOKEN_EXPIRE_TIME` raises "Token has
expired.", so every fresh token is refused and every token older than the lifetime works
forever (CWE-613).
Habit: a comparison of datetimes read the wrong way round, and tested only with the one
token that happened to be old enough.
The class serves every endpoint, /accounts/me/ included (flaws/urls_backwards_expiry.py).
Must trip: DRFC-301 (the aged token is accepted: the positive control fails, but a dead
credential that got through authentication is a finding all the same, issue 12), DRFC-302
(refused one second before its lifetime ends, served after it) and DRFC-1105 (valid tokens
are refused on every endpoint: one run-level result names the cause). Every other check whose
positive control needs a valid DRF token cannot be evaluated and is `error`, as
CONTROL_FAILS_FOR declares; each such error names DRFC-1105's cause.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

ROOT_URLCONF = "target_project.variants.flaws.urls_backwards_expiry"

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.variants.flaws.identity.BackwardsExpiringTokenAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-301", "DRFC-302", "DRFC-1105"}
# Credential roles whose positive control fails by design here: checks that need one are `error`.
CONTROL_FAILS_FOR = {"token"}
# What a black box cannot see, and why (tools/detection_table.py's remote column).
REMOTE_UNOBSERVABLE = {"DRFC-302": "clock: the lifetime boundary needs the server's clock moved to 1 s before and after the lifetime; a black box's clock stays put"}
