"""
Variant `traceback_in_errors`: error answers carry the Python traceback.

Mistake: a REST_FRAMEWORK EXCEPTION_HANDLER adds `traceback.format_exc()` to every error
DRF handles (401, 403, 400, 404), so clients read file paths, code and library versions
(CWE-209), with DEBUG off.
Habit: "helpful" error bodies for the front-end team, left in for production.
Must trip: DRFC-1102 (a request that makes the application fail gets no stack trace)
and DRFC-1103 (no answer of the run shows debug output).
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "EXCEPTION_HANDLER": "target_project.variants.flaws.views.traceback_exception_handler",
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-1102", "DRFC-1103"}
