"""
Variant `ascii_crash_token`: flawed DRF token authentication.

Mistake: the Authorization header is encoded with the ascii codec instead of read with
DRF's get_authorization_header(), so a header with any byte above 0x7f (latin-1,
binary) raises UnicodeEncodeError: a 500 instead of a 401 (CWE-755).
Habit: "HTTP headers are ASCII", and Python 2 era code that called `.encode()` on every
header.
Must trip: DRFC-202 (malformed-credentials: a malformed credential is refused with 4xx,
never a server error), probes "latin-1 bytes" and "non-ASCII UTF-8 bytes", and
DRFC-1104 (error-hygiene: no request of the run got a 5xx), which lists those requests.
The flawed class is flaws.authentication.AsciiTokenAuthentication;
bearer and session authentication are unchanged.
"""

from target_project.settings import *  # noqa: F401,F403
from target_project.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "target_project.variants.flaws.authentication.AsciiTokenAuthentication",
        *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][1:],
    ),
}

# The checks this flaw must fail, and no other (tests/corpus/test_variants.py).
EXPECTED_FAILURES = {"DRFC-202", "DRFC-1104"}
