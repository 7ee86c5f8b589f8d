"""
Variant `default_admin`: a fixture ships an administrator with a well-known password.

Mistake: the demo data loaded on every deployment (CONFORMANCE["FIXTURES"] here, `loaddata` in a
release script there) holds the superuser `admin` with the password `adminadmin`, so anyone who
tries it gets a token (CWE-1392), as on the large app of issue 13.
Habit: "the sample data makes onboarding easy", then the same fixture reaches staging.
Must trip: DRFC-906 (token-endpoint: no well-known default credentials log in), at the token
login and the OAuth2 password grant alike.
"""

from pathlib import Path

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import CONFORMANCE

FIXTURE_DIRS = [Path(__file__).resolve().parent / "flaws" / "fixtures"]
CONFORMANCE = {**CONFORMANCE, "FIXTURES": [*CONFORMANCE["FIXTURES"], "default_admin"]}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-906"}
# What the remote column cannot show, and why (tools/detection_table.py).
REMOTE_UNOBSERVABLE = {"DRFC-906": "opt-in: remotely, well-known credentials are tried only with "
                                   "--try-default-credentials (a real account could be locked out), which the "
                                   "detection table's remote audit does not pass"}
