"""The suite's own certificate authority for in-process HTTPS (``trustme``).

One CA per run, one leaf certificate for the loopback names; the client trusts exactly this CA,
so TLS verification stays on in-process as it does against a staging server.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path

import trustme

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


@dataclass
class LoopbackTLS:
    ca_bundle: Path  # PEM file the client verifies against
    server_context: ssl.SSLContext


def make_loopback_tls(directory: Path) -> LoopbackTLS:
    ca = trustme.CA(organization_name="drf-conformance in-process CA")
    leaf = ca.issue_cert(*LOOPBACK_NAMES)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    leaf.configure_cert(context)
    directory.mkdir(parents=True, exist_ok=True)
    bundle = directory / "conformance-ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    return LoopbackTLS(bundle, context)
