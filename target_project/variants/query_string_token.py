"""
Variant `query_string_token`: the DRF token is accepted from the query string.

Mistake: the token class reads `?token=<key>` before the Authorization header, so a key
in a URL authenticates and ends up in access logs, browser history and Referer headers
(RFC 6750 §5.3, CWE-598).
Habit: "download links" and websocket URLs that cannot carry headers.
Must trip: DRFC-601 (credentials-in-url: a credential in the query string does not
authenticate).
The flawed class is flaws.authentication.QueryStringTokenAuthentication;
bearer and session authentication are unchanged.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.variants.flaws.authentication.QueryStringTokenAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-601"}
