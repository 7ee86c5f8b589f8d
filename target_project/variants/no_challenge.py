"""
Variant `no_challenge`: 401 answers without a WWW-Authenticate header.

Mistake: a REST_FRAMEWORK EXCEPTION_HANDLER that wraps errors in an envelope by
building a new Response from the old one's data and status, which drops its
headers; RFC 9110 §11.6.1 requires a challenge on every 401.
Habit: "consistent error format" handlers copied from blog posts and style guides.
Must trip: DRFC-102 (missing-credentials: a 401 answer carries a WWW-Authenticate challenge),
DRFC-303 (expired-token: an expired token gets a 4xx with a challenge) and DRFC-503
(scheme-confusion: the 401 for a refused credential names a scheme).
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "EXCEPTION_HANDLER": "target_project.variants.flaws.views.enveloped_exception_handler",
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-102", "DRFC-303", "DRFC-503"}
