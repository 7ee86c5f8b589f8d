"""
Variant `case_sensitive_scheme`: the token scheme word is matched case-sensitively.

Mistake: `auth[0] != "Token"`, so `token <key>` and `TOKEN <key>` are refused although
RFC 9110 §11.1 makes scheme words case-insensitive: standard clients break. A conformance
defect (low severity), not a vulnerability.
Habit: comparing the header with `==` or `startswith("Token ")` instead of DRF's
`auth[0].lower() != self.keyword.lower().encode()`.
Must trip: DRFC-502 (scheme-confusion: the scheme word is matched case-insensitively).
The flawed class is flaws.authentication.CaseSensitiveSchemeTokenAuthentication;
bearer and session authentication are unchanged.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.variants.flaws.authentication.CaseSensitiveSchemeTokenAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-502"}
