"""
Variant `sliced_token`: flawed DRF token authentication.

Mistake: the presented key is cut to 40 characters (`key[:40]`) before the lookup, so
the right key followed by anything is accepted (CWE-20).
Habit: forgiving a trailing newline or junk pasted after the key, because "the column is
max_length=40 anyway".
Must trip: DRFC-201 (malformed-credentials), probe "right key padded".
The flawed class is flaws.authentication.SlicedTokenAuthentication;
bearer and session authentication are unchanged.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.variants.flaws.authentication.SlicedTokenAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-201"}
