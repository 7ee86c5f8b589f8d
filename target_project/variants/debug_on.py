"""
Variant `debug_on`: DEBUG = True in the deployed settings.

Mistake: DEBUG is on, so an unknown URL gets Django's technical 404 page (every URL
pattern of the project) and an unhandled exception gets the technical 500 page
(traceback, local variables, request headers, most settings) (CWE-215, CWE-209).
Habit: one settings file for development and production, or DEBUG read from an
environment variable that a deployment forgot to set.
Must trip: DRFC-1101 (unknown URL), DRFC-1102 (a request that makes the application
fail) and DRFC-1103 (no answer of the run shows debug output).
"""

from target_project.settings import *  # noqa: F401,F403

DEBUG = True

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-1101", "DRFC-1102", "DRFC-1103"}
# What a black box cannot see, and why (tools/detection_table.py's remote column).
REMOTE_UNOBSERVABLE = {"DRFC-1102": "a black box cannot be made to raise for certain: in-process a route raises on "
                                    "purpose, while the hostile-input probes get DRF's own 400 and 404 here"}
