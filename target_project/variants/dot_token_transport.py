"""
Variant `dot_token_transport`: bearer tokens are read where django-oauth-toolkit reads them.

Mistake: the bearer class falls back to DOT's stock OAuth2Authentication lookup, with
DOT's default OAUTH2_PROVIDER['COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT'] = False:
`?access_token=` in a URL and an `access_token` form field authenticate (RFC 6750 §5.3,
RFC 9700 §4.3.2, CWE-598).
Habit: DOT's defaults, and its documentation's "OAuth2Authentication" as the whole setup.
Must trip: DRFC-601 (credentials-in-url: query string) and DRFC-602 (form body).
The flawed class is flaws.bearer.DotTransportBearerAuthentication (the reference's
inactive-user check kept); DRF token and session authentication are unchanged.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import OAUTH2_PROVIDER, REST_FRAMEWORK

OAUTH2_PROVIDER = {**OAUTH2_PROVIDER, "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": False}

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][0],
        "target_project.variants.flaws.bearer.DotTransportBearerAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][2:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-601", "DRFC-602"}
