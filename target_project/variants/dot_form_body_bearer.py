"""
Variant `dot_form_body_bearer`: a bearer token in a form body authenticates.

Mistake: the bearer class falls back to django-oauth-toolkit's stock lookup, trusting
OAUTH2_PROVIDER['COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT'] = True to keep tokens out
of requests: it closes `?access_token=`, but oauthlib still reads an `access_token` form
field (RFC 6750 §2.2), so any form post that carries a token authenticates.
Habit: reading the BCP setting's name as "header only".
Must trip: DRFC-602 (credentials-in-url: a credential in a form body does not authenticate).
The flawed class is flaws.bearer.DotTransportBearerAuthentication (the reference's
inactive-user check kept); DRF token and session authentication are unchanged.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][0],
        "target_project.variants.flaws.bearer.DotTransportBearerAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][2:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-602"}
