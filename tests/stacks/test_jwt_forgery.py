"""Unit tests of the JWT forgeries: each changes exactly what it names, and nothing is fetched."""

import jwt
import pytest

from conformance.auth.stacks import jwt_forgery as forge

KEY = "k" * 64


@pytest.fixture
def token():
    return jwt.encode({"user_id": 7, "exp": 4_000_000_000, "token_type": "access", "jti": "abc"}, KEY,
                      algorithm="HS256")


def refused_by_pyjwt(forged: str) -> bool:
    try:
        jwt.decode(forged, KEY, algorithms=["HS256"])
    except jwt.InvalidTokenError:
        return True
    return False


def test_every_forgery_is_refused_by_a_verifying_decoder(token):
    forgeries = (forge.alg_none(token) + forge.bad_signatures(token) + forge.tampered_claims(token)
                 + forge.header_key_injection(token, "https://127.0.0.1:1"))
    assert len(forgeries) == 4 + 3 + 3 + 3
    for forgery in forgeries:
        assert forgery.token != token
        assert refused_by_pyjwt(forgery.token), forgery.name


def test_alg_none_casings_and_claims_are_what_they_say(token):
    headers = [forge.parse(f.token).header["alg"] for f in forge.alg_none(token)]
    assert headers == ["none", "None", "NONE", "nOnE"]
    changed = {f.name: forge.parse(f.token) for f in forge.tampered_claims(token, other_user_id=8)}
    assert changed["user_id changed to another user"].payload["user_id"] == 8
    assert changed["token_type refresh"].payload["token_type"] == "refresh"
    # The claims change, the signature stays the genuine one.
    assert {p.signature for p in changed.values()} == {forge.parse(token).signature}


def test_jku_stays_on_the_target_origin(token):
    jku = [forge.parse(f.token).header.get("jku") for f in forge.header_key_injection(token, "https://t.test:8443")]
    assert [u for u in jku if u] and all(u.startswith("https://t.test:8443/.well-known/") for u in jku if u)


def test_key_confusion_is_hmac_keyed_with_the_public_key(token):
    pem = "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n"
    for forgery in forge.key_confusion(token, pem):
        parsed = forge.parse(forgery.token)
        assert parsed.header["alg"] == "HS256"
        assert forge.verifies_with(forgery.token, pem.encode()) or forge.verifies_with(forgery.token, pem.strip().encode())


def test_offline_key_guessing(token):
    assert forge.verifies_with(token, KEY.encode())
    assert not forge.verifies_with(token, b"secret")
    assert not forge.is_jwt("not-a-jwt") and forge.is_jwt(token)
