"""
Variant `short_hsts`: HSTS lasts an hour.

Mistake: SECURE_HSTS_SECONDS = 3600, so a browser forgets within the hour that the host
is HTTPS-only and the next plain-HTTP request can be intercepted (RFC 6797).
Habit: Django's deployment checklist advises starting small "while testing", and
the test value stays.
Must trip: DRFC-704 (transport-security: HSTS long enough, with includeSubDomains).
"""

from target_project.settings import *  # noqa: F401,F403

SECURE_HSTS_SECONDS = 3600

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-704"}
