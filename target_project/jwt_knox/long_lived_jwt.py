"""
Flawed: JWT access tokens outlive the token policy. NEVER DEPLOY IT.

Mistake: SIMPLE_JWT['ACCESS_TOKEN_LIFETIME'] = 60 days, twice MAX_TOKEN_AGE: the token
expires exactly when configured (DRFC-302 passes), but the configuration breaks the policy
(CWE-613).
Must trip: DRFC-301 (expired-token: older than MAX_TOKEN_AGE refused), for the JWT scheme.
"""

from datetime import timedelta

from target_project.jwt_knox.settings import *  # noqa: F401,F403
from target_project.jwt_knox.settings import SIMPLE_JWT

SIMPLE_JWT = {**SIMPLE_JWT, "ACCESS_TOKEN_LIFETIME": timedelta(days=60)}

EXPECTED_FAILURES = {"DRFC-301"}
