"""
Variant `front_server_400`: a front server refuses control bytes with its own HTML 400.

Mistake: none in the deployment: a front layer (gunicorn's own header check, here a first
middleware with gunicorn's page, flaws/front.py) answers a header value with control bytes
with an HTML `400 Invalid HTTP Header`, while valid credentials on the same POST get DRF's
JSON 400 for a missing field.
Habit: not the project's, the suite's: a judge comparing status codes only reads the two 400s
as "the malformed credential got the answer valid credentials get" (issue 12).
Must trip: nothing. The front server's refusal is a refusal: DRFC-201 passes.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import MIDDLEWARE

MIDDLEWARE = ["target_project.variants.flaws.front.RejectControlCharacters", *MIDDLEWARE]

# The checks this variant must fail (none: a sound deployment behind a strict front layer).
EXPECTED_FAILURES = set()
