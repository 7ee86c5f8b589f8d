"""
Flawed: redirect URIs may be wildcards. NEVER DEPLOY IT.

Mistake: OAUTH2_PROVIDER['ALLOW_URI_WILDCARDS'] = True ("for preview deployments"), so a
registered https://*.example.com/cb sends codes to any subdomain (RFC 9700 §4.1.3, CWE-601).
Must trip: DRFC-1403 (oauth2-flows).
"""

from tests.stacks.oauth2.settings import *  # noqa: F401,F403
from tests.stacks.oauth2.settings import OAUTH2_PROVIDER

OAUTH2_PROVIDER = {**OAUTH2_PROVIDER, "ALLOW_URI_WILDCARDS": True}

EXPECTED_FAILURES = {"DRFC-1403"}
