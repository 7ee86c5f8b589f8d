"""
Flawed: dj-rest-auth's default token creator with an expiring token. NEVER DEPLOY IT.

Mistake: REST_AUTH["TOKEN_CREATOR"] left at dj-rest-auth's default_create_token, whose
get_or_create hands an expired DRF token back at every login, so a user whose token expired can
never log in again (and an expiring token class buys nothing once a login renews nothing).
Must trip: DRFC-901 (token-endpoint).
"""

from tests.stacks.dj_rest_auth.settings import *  # noqa: F401,F403

REST_AUTH = {}

EXPECTED_FAILURES = {"DRFC-901"}
