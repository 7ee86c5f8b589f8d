"""
Variant `noop_logout`: logout revokes nothing.

Mistake: /accounts/logout/ answers 204 and deletes nothing: the token, bearer token or
session keeps working, and the next login hands back the same token (CWE-613).
Habit: "logout" implemented on the client by forgetting the token, with a server
endpoint kept for symmetry.
Must trip: DRFC-1001 (revocation: the credential is refused after logout) and DRFC-1002
(the next login yields a different token).
"""

from target_project.settings import *  # noqa: F401,F403

ROOT_URLCONF = "target_project.variants.flaws.urls_noop_logout"

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-1001", "DRFC-1002"}
# What a black box cannot see, and why (tools/detection_table.py's remote column).
REMOTE_UNOBSERVABLE = {"DRFC-1002": "ORM: the login-logout-login round needs a throwaway user, which a black box "
                                    "cannot make; logging out the password role's token would revoke the "
                                    "credential the rest of the run uses"}
