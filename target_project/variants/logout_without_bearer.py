"""
Variant `logout_without_bearer`: the logout endpoint ignores the Bearer scheme.

Mistake: none that revocation checks can judge: /accounts/logout/ takes DRF tokens and
sessions only (its authentication_classes leave the bearer class out), so a bearer client
revokes at /auth/revoke_token/ (RFC 7009) and LOGOUT_PATH answers a bearer token with 401.
Habit: one logout per kind of client, as DOT's own revocation endpoint invites.
Must trip: nothing. DRFC-1001 and DRFC-1002 skip for Bearer ("does not accept Bearer
credentials"), as not applicable, instead of DRFC-1002 ending `error` (issue 12).
"""

from target_project.settings import *  # noqa: F401,F403

ROOT_URLCONF = "target_project.variants.flaws.urls_logout_without_bearer"

# The checks this variant must fail (none), and those it must report not applicable.
EXPECTED_FAILURES = set()
EXPECTED_SKIPS = {"DRFC-1001", "DRFC-1002"}
