"""
Variant `leaky_login`: the login says whether a user exists.

Mistake: the login serializer answers "No user with that username." to an unknown
username and DRF's usual message to a wrong password, so anyone can list accounts
(CWE-204).
Habit: "helpful" error messages, added for support requests.
Must trip: DRFC-903 (token-endpoint: unknown user, wrong password and inactive user get
identical answers), for the token login only.
"""

from target_project.settings import *  # noqa: F401,F403

ROOT_URLCONF = "target_project.variants.flaws.urls_leaky_login"

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-903"}
