"""
Flawed: tokens are signed with the jwt.io example key. NEVER DEPLOY IT.

Mistake: SIMPLE_JWT['SIGNING_KEY'] = "your-256-bit-secret", a well-known key of 19 bytes, shorter
than HS256's 32 (RFC 7518 §3.2): anybody can sign any token (CWE-798, CWE-326).
Must trip: DRFC-1206 (token-integrity), in-process from settings and remotely offline.
"""

from tests.stacks.simplejwt.settings import *  # noqa: F401,F403
from tests.stacks.simplejwt.settings import SIMPLE_JWT

SIMPLE_JWT = {**SIMPLE_JWT, "SIGNING_KEY": "your-256-bit-secret"}

EXPECTED_FAILURES = {"DRFC-1206"}
