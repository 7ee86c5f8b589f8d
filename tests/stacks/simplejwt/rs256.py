"""
The simplejwt stack signing with RS256: a private key signs, the public key verifies. Sound:
the key pair is made for this process (from the environment or a vault in a real deployment).
"""

import os

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.stacks.simplejwt.settings import *  # noqa: F401,F403
from tests.stacks.simplejwt.settings import SIMPLE_JWT

# From the environment where two processes must share it (gunicorn and conformance_provision,
# tools/detection_table.py); else made for this process.
_pem = os.environ.get("SIMPLE_JWT_RSA_PRIVATE_KEY")
_private = (serialization.load_pem_private_key(_pem.encode(), password=None) if _pem
            else rsa.generate_private_key(public_exponent=65537, key_size=2048))
SIMPLE_JWT = {
    **SIMPLE_JWT,
    "ALGORITHM": "RS256",
    "SIGNING_KEY": _private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()).decode(),
    "VERIFYING_KEY": _private.public_key().public_bytes(serialization.Encoding.PEM,
                                                        serialization.PublicFormat.SubjectPublicKeyInfo).decode(),
}
