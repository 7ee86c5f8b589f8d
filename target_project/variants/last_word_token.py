"""
Variant `last_word_token`: flawed DRF token authentication.

Mistake: the key is the last word of the Authorization header whatever the scheme word
and however many words: `Token garbage <key>` and `Bearer <key>` both authenticate
(CWE-287).
Habit: `token = header.split()[-1]` in hand-written authentication classes, "so both
`Token x` and `Bearer x` work".
Must trip: DRFC-201 (malformed-credentials, probe "several keys") and the
scheme-confusion family (a DRF token accepted under `Bearer`).
The flawed class is flaws.authentication.LastWordTokenAuthentication;
bearer and session authentication are unchanged.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.variants.flaws.authentication.LastWordTokenAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-201", "DRFC-501"}
