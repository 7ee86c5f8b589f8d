"""
Variant `backwards_expiry`: the expiry comparison is written backwards.

Mistake: `token.created >= timezone.now() - settings.TOKEN_EXPIRE_TIME` raises "Token has
expired.", so every fresh token is refused and every token older than the lifetime works
forever (CWE-613).
Habit: a comparison of datetimes read the wrong way round, and tested only with the one
token that happened to be old enough.
Must trip: DRFC-302 (expired-token: the token is refused one second before its lifetime
ends), loudly: valid DRF tokens never work here, so every check whose positive control needs
one cannot be evaluated and is `error`, as CONTROL_FAILS_FOR declares.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.variants.flaws.identity.BackwardsExpiringTokenAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-302"}
# Credential roles whose positive control fails by design here: checks that need one are `error`.
CONTROL_FAILS_FOR = {"token"}
