"""
Flawed: the implicit grant is on. NEVER DEPLOY IT.

Mistake: OAUTH2_PROVIDER['COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT'] = False (DOT's default) with the
authorization endpoint routed: access tokens travel in URL fragments (RFC 9700 §2.1.2, CWE-522).
Must trip: DRFC-1404 (oauth2-flows).
"""

from tests.stacks.oauth2.settings import *  # noqa: F401,F403
from tests.stacks.oauth2.settings import OAUTH2_PROVIDER

OAUTH2_PROVIDER = {**OAUTH2_PROVIDER, "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": False}

EXPECTED_FAILURES = {"DRFC-1404"}
