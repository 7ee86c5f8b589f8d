"""
Flawed: knox tokens never expire. NEVER DEPLOY IT.

Mistake: REST_KNOX['TOKEN_TTL'] = None, knox's way of saying "forever" (CWE-613).
Must trip: DRFC-301 (expired-token: older than MAX_TOKEN_AGE refused), for the Knox scheme.
"""

from target_project.jwt_knox.settings import *  # noqa: F401,F403
from target_project.jwt_knox.settings import REST_KNOX

REST_KNOX = {**REST_KNOX, "TOKEN_TTL": None}

# No knox login endpoint here: the library issues the tokens in-process (expired-token fallback).
ROOT_URLCONF = "target_project.jwt_knox.urls_without_logins"

EXPECTED_FAILURES = {"DRFC-301"}
