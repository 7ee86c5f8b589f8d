"""
Variant `trusted_proxy_header`: X-Forwarded-Proto is believed with no proxy in front.

Mistake: SECURE_PROXY_SSL_HEADER is set although no TLS-terminating proxy overwrites the
header, so a plain-HTTP request carrying `X-Forwarded-Proto: https` passes as HTTPS:
no redirect, and the request is served in cleartext (CWE-348).
Habit: the setting copied from a deployment guide for Heroku or a load balancer.
Must trip: DRFC-703 (transport-security: a forged X-Forwarded-Proto does not pass as HTTPS).
"""

from target_project.settings import *  # noqa: F401,F403

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-703"}
