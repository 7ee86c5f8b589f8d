"""
Variant `prefix_token`: flawed DRF token authentication.

Mistake: the DRF token key is looked up with `key__startswith`, so any truncation of the
right key, down to one character, is accepted (CWE-287).
Habit: abbreviated identifiers "like short Git hashes", or a LIKE query written for a
search box reused for a secret.
Must trip: DRFC-201 (malformed-credentials), probe "right key truncated".
The flawed class is flaws.authentication.PrefixTokenAuthentication;
bearer and session authentication are unchanged.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.variants.flaws.authentication.PrefixTokenAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-201"}
