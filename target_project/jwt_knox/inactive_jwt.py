"""
Flawed: a deactivated user's JWT access tokens keep working. NEVER DEPLOY IT.

Mistake: SIMPLE_JWT['CHECK_USER_IS_ACTIVE'] = False, so JWTAuthentication.get_user() no
longer refuses an inactive user (CWE-613).
Must trip: DRFC-401 (inactive-user), for the JWT scheme.
"""

from target_project.jwt_knox.settings import *  # noqa: F401,F403
from target_project.jwt_knox.settings import SIMPLE_JWT

SIMPLE_JWT = {**SIMPLE_JWT, "CHECK_USER_IS_ACTIVE": False}

# No JWT login endpoint here: the library issues the tokens in-process (expired-token fallback).
ROOT_URLCONF = "target_project.jwt_knox.urls_without_logins"

EXPECTED_FAILURES = {"DRFC-401"}
