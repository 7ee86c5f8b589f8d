"""Forged variants of a JWT the deployment issued (jwt_tool's playbook, RFC 8725 §2).

Pure functions of the token's text: nothing here sends a request or fetches a key. A forged
token keeps the original claims unless the forgery is about claims, so the only thing wrong with
it is the thing named. Signing with "foreign" keys uses random keys of the suite's own; the
HMAC/RSA confusion signs with the deployment's public key, as the attack does.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

HMAC_HASHES = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}
# The casings of "none" that decoders comparing case-sensitively to a deny-list miss (jwt_tool).
NONE_CASINGS = ("none", "None", "NONE", "nOnE")


class NotAJWT(ValueError):
    """The credential is not a compact JWS (three base64url parts with a JSON header)."""


@dataclass(frozen=True)
class Forgery:
    name: str  # what was done to the token, for the report's parameters
    token: str


@dataclass(frozen=True)
class ParsedJWT:
    header: dict
    payload: dict
    signing_input: str  # header.payload as issued (the bytes the signature covers)
    signature: str

    @property
    def algorithm(self) -> str:
        return str(self.header.get("alg", ""))


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _json_part(value: dict) -> str:
    return b64url(json.dumps(value, separators=(",", ":")).encode())


def parse(token: str) -> ParsedJWT:
    parts = token.split(".")
    if len(parts) != 3:
        raise NotAJWT("not three dot-separated parts")
    try:
        header, payload = (json.loads(b64url_decode(p)) for p in parts[:2])
    except ValueError as exc:
        raise NotAJWT(f"header or payload is not base64url JSON: {exc}") from None
    if not isinstance(header, dict) or not isinstance(payload, dict) or "alg" not in header:
        raise NotAJWT("no JSON header with alg")
    return ParsedJWT(header, payload, f"{parts[0]}.{parts[1]}", parts[2])


def is_jwt(token: str) -> bool:
    try:
        parse(token)
    except NotAJWT:
        return False
    return True


def hmac_sign(header: dict, payload: dict, key: bytes) -> str:
    algorithm = header.get("alg", "HS256")
    digest = HMAC_HASHES.get(algorithm, hashlib.sha256)
    signing_input = f"{_json_part(header)}.{_json_part(payload)}"
    signature = hmac.new(key, signing_input.encode("ascii"), digest).digest()
    return f"{signing_input}.{b64url(signature)}"


def _foreign_header(original: ParsedJWT, **extra) -> dict:
    """The original header on an HMAC algorithm (the one the suite can sign with), plus ``extra``."""
    algorithm = original.algorithm if original.algorithm in HMAC_HASHES else "HS256"
    return {**original.header, "alg": algorithm, **extra}


def alg_none(token: str) -> list[Forgery]:
    original = parse(token)
    return [Forgery(f"alg {casing}, no signature",
                    f"{_json_part({**original.header, 'alg': casing})}.{_json_part(original.payload)}.")
            for casing in NONE_CASINGS]


def bad_signatures(token: str) -> list[Forgery]:
    original = parse(token)
    random_signature = b64url(secrets.token_bytes(max(len(b64url_decode(original.signature)), 32)))
    return [
        Forgery("empty signature", f"{original.signing_input}."),
        Forgery("random signature", f"{original.signing_input}.{random_signature}"),
        Forgery("signed with a foreign key",
                hmac_sign(_foreign_header(original), original.payload, secrets.token_bytes(64))),
    ]


def _changed_id(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return value + 1
    text = str(value)
    return (text[:-1] + ("0" if text[-1:] != "0" else "1")) if text else "1"


def tampered_claims(token: str, user_id_claim: str = "user_id", other_user_id=None) -> list[Forgery]:
    """Claims changed, the original signature kept: user id, exp (ten years on), token_type."""
    original = parse(token)
    payload = original.payload
    changes: list[tuple[str, dict]] = []
    claim = user_id_claim if user_id_claim in payload else ("sub" if "sub" in payload else None)
    if claim:
        other = other_user_id if other_user_id is not None else _changed_id(payload[claim])
        if isinstance(payload[claim], str):
            other = str(other)
        changes.append((f"{claim} changed to another user", {claim: other}))
    if isinstance(payload.get("exp"), (int, float)):
        changes.append(("exp ten years later", {"exp": int(payload["exp"]) + 10 * 365 * 86400}))
    if "token_type" in payload:
        other_type = "refresh" if payload["token_type"] != "refresh" else "access"
        changes.append((f"token_type {other_type}", {"token_type": other_type}))
    header = original.signing_input.split(".")[0]  # the header exactly as signed
    return [Forgery(name, f"{header}.{_json_part({**payload, **change})}.{original.signature}")
            for name, change in changes]


def key_confusion(token: str, public_key_pem: str) -> list[Forgery]:
    """HS256 keyed with the public key, in the PEM forms a verifier might hold (CVE-2015-9235)."""
    original = parse(token)
    text = public_key_pem.strip()
    forms = dict.fromkeys([text + "\n", text, public_key_pem])
    return [Forgery(f"HS256 keyed with the public key ({'trailing newline' if form.endswith(chr(10)) else 'no newline'})",
                    hmac_sign({**original.header, "alg": "HS256"}, original.payload, form.encode()))
            for form in forms]


def header_key_injection(token: str, origin: str) -> list[Forgery]:
    """kid and jku that would let the token choose its key. ``origin`` is the target's own: the
    jku names a path there that does not exist, so even a fetching verifier goes nowhere else."""
    original = parse(token)
    absent_jwks = f"{origin.rstrip('/')}/.well-known/drf-conformance-absent-{secrets.token_hex(4)}/jwks.json"
    foreign_key = secrets.token_bytes(64)
    return [
        Forgery("kid /dev/null, signed with an empty key",
                hmac_sign(_foreign_header(original, kid="../../../../../../../dev/null"), original.payload, b"")),
        Forgery("kid SQL injection, signed with a foreign key",
                hmac_sign(_foreign_header(original, kid="x' UNION SELECT 'drf-conformance"), original.payload,
                          foreign_key)),
        Forgery("jku at an absent path of the target, signed with a foreign key",
                hmac_sign(_foreign_header(original, jku=absent_jwks, kid="drf-conformance"), original.payload,
                          foreign_key)),
    ]


def verifies_with(token: str, key: bytes) -> bool:
    """Offline: does the HMAC key ``key`` make this token's signature? (no request sent)"""
    original = parse(token)
    digest = HMAC_HASHES.get(original.algorithm)
    if digest is None:
        return False
    expected = hmac.new(key, original.signing_input.encode("ascii"), digest).digest()
    try:
        return hmac.compare_digest(expected, b64url_decode(original.signature))
    except ValueError:
        return False
