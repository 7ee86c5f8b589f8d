"""
Variant `any_scheme_word_token`: the token class ignores the scheme word.

Mistake: any two-word Authorization header whose second word is a DRF token key
authenticates, so `Bearer <key>`, `JWT <key>`, `Basic <key>` and `Api-Key <key>` all
work (CWE-287); well-formed headers only, so the malformed-credentials probes are
still refused.
Habit: "accept both Token and Bearer" for clients built for another API.
Must trip: DRFC-501 (scheme-confusion: a credential is accepted only under its own
scheme word).
The flawed class is flaws.authentication.AnySchemeWordTokenAuthentication;
bearer and session authentication are unchanged.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.variants.flaws.authentication.AnySchemeWordTokenAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-501"}
