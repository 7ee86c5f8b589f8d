"""
Flawed: the password grant is on and nobody decided so. NEVER DEPLOY IT.

Mistake: OAUTH2_PROVIDER['COMPLIANT_BCP_RFC9700_PASSWORD_GRANT'] stays False (DOT's default) and
the deployment records no decision to accept it (CONFORMANCE['OAUTH2_ACCEPTED_GRANTS'] empty):
clients hand users' passwords around (RFC 9700 §2.4, CWE-522).
Must trip: DRFC-1405 (oauth2-flows).
"""

from tests.stacks.oauth2.settings import *  # noqa: F401,F403
from tests.stacks.oauth2.settings import CONFORMANCE, REMOTE, REMOTE_CONFIG_BASE

CONFORMANCE = {**CONFORMANCE, "OAUTH2_ACCEPTED_GRANTS": []}
# Remotely its team declares the same: no grant accepted on purpose.
REMOTE = {**REMOTE, "config": REMOTE_CONFIG_BASE + "OAUTH2_ACCEPTED_GRANTS = []\n"}

EXPECTED_FAILURES = {"DRFC-1405"}
