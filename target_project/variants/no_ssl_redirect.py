"""
Variant `no_ssl_redirect`: plain HTTP is served.

Mistake: SECURE_SSL_REDIRECT is left False (Django's default), so an API request over
plain HTTP is served, valid token and all, and the token endpoints issue tokens over
plain HTTP: passwords and tokens cross the network in cleartext (CWE-319).
Habit: "the load balancer does TLS" on a host where nothing refuses port 80.
Must trip: DRFC-701 (transport-security: plain HTTP is redirected or refused) and
DRFC-702 (a token endpoint issues no token over plain HTTP).
"""

from target_project.settings import *  # noqa: F401,F403

SECURE_SSL_REDIRECT = False

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-701", "DRFC-702"}
