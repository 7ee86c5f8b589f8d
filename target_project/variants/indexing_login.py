"""
Variant `indexing_login`: the login view indexes request.data.

Mistake: `request.data["username"].strip()` before any validation: a missing field is a
KeyError, a JSON list a TypeError, a number or null an AttributeError, each a 500
(CWE-20, CWE-755).
Habit: hand-written login views of tutorials, which only ever see well-formed clients.
Must trip: DRFC-904 (token-endpoint: malformed login input gets a 4xx), for the token
login only, and so DRFC-1104 (error-hygiene: no request of the run got a server error).
"""

from target_project.settings import *  # noqa: F401,F403

ROOT_URLCONF = "target_project.variants.flaws.urls_indexing_login"

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-904", "DRFC-1104"}
