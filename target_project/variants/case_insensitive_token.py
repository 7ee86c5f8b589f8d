"""
Variant `case_insensitive_token`: flawed DRF token authentication.

Mistake: the DRF token key is looked up with `key__iexact`, so the key upper-cased (or
re-cased in any way) is accepted (CWE-178).
Habit: "forgiving" lookups, and MySQL's case-insensitive *_ci collations, which do the
same to DRF's own exact `key=` lookup without a line of code.
Must trip: DRFC-201 (malformed-credentials: a malformed or altered credential never
authenticates), probe "right key re-cased".
The flawed class is flaws.authentication.CaseInsensitiveTokenAuthentication;
bearer and session authentication are unchanged.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.variants.flaws.authentication.CaseInsensitiveTokenAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-201"}
