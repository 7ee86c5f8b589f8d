"""
Variant `leaky_refusal`: the refusal of an anonymous request carries the data.

Mistake: the questions list's permission_denied() adds a serialized "preview" of
the questions to the 401 body (CWE-200); the status code is right, the body is not.
Habit: teaser content for a login prompt, or debugging output added to error
bodies and left in.
Must trip: DRFC-103 (missing-credentials: the refusal leaks no protected data).
"""

from target_project.settings import *  # noqa: F401,F403

ROOT_URLCONF = "target_project.variants.flaws.urls_leaky_refusal"

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-103"}
