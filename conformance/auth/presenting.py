"""How a check presents a credential it holds, exactly as the positive control does.

A session on an unsafe method also needs the same-origin ``Origin`` that Django's CSRF check
of an HTTPS request wants (``Probe.positive_control`` sends it too): without it a refusal would
be a CSRF failure, and a check of the credential itself would pass for the wrong reason.
"""

from __future__ import annotations

from conformance.auth.credentials import Credential
from conformance.auth.schemes import SESSION

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


def presented(probe, credential: Credential, method: str) -> list[tuple[str, str]]:
    headers = credential.request_headers(method)
    if credential.scheme == SESSION and method not in SAFE_METHODS:
        headers.append(("Origin", probe.origin))
    return headers
