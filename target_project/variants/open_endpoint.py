"""
Variant `open_endpoint`: the questions list answers anonymous reads.

Mistake: IsAuthenticatedOrReadOnly (the DRF tutorial's permission) on a view whose
data needs a login; anonymous GET /polls/api/questions/ gets 200 (CWE-306).
Habit: "reads are public anyway", or opening a list "for the front-end team" and
never closing it again.
Must trip: DRFC-101 (missing-credentials: protected endpoint refuses anonymous requests).
"""

from target_project.settings import *  # noqa: F401,F403

ROOT_URLCONF = "target_project.variants.flaws.urls_open_endpoint"

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-101"}
