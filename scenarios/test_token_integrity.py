"""token-integrity: the deployment's JWTs are verified; its HMAC key is strong; no enumeration.

Each forgery starts from the deployment's own active token, so the only thing wrong with it is
the thing named, and is sent beside that token (the positive control) to every endpoint that
takes JWTs: in-process the simplejwt scheme, remotely any scheme whose supplied active token is a
JWT. Forged tokens are registered as secrets before they are sent: one that keeps the original
signature would otherwise let a report rebuild the genuine token.
"""

from __future__ import annotations

import pytest

from conformance.auth.schemes import BASIC
from conformance.auth.stacks import SIMPLEJWT
from conformance.auth.stacks import jwt_forgery as forge
from conformance.auth.stacks.pairs import (NOT_A_JWT_REMOTELY, active_jwt, asymmetric_jwt_pairs, jwt_pairs,
                                           signable_jwt_pairs, uses_kind)
from conformance.judges import token_integrity as judges

def genuine_token(probe, scheme) -> str:
    token = probe.credential(scheme).secret
    if not forge.is_jwt(token):
        pytest.skip(f"the {scheme.word} credential is not a JWT")
    # The original signature alone must never reach a report (tampered tokens keep it).
    probe.target.client.redactor.add(forge.parse(token).signature, f"signature of {scheme.kind}.active")
    return token


def judge_forgeries(probe, endpoint, scheme, forgeries: list[forge.Forgery], what: str) -> None:
    probe.require_sendable(endpoint)
    control = probe.positive_control(endpoint, scheme)
    answers = []
    for forgery in forgeries:
        probe.target.client.redactor.add(forgery.token, f"forged token: {forgery.name}")
        headers = [("Authorization", f"{scheme.word} {forgery.token}")]
        answers.append((forgery.name, probe.send(endpoint, headers)))
    probe.judge(judges.forgeries_refused(answers, control, what))


@pytest.mark.check("DRFC-1201")
@pytest.mark.stack_pairs(select=jwt_pairs)
def test_alg_none_is_refused(endpoint, scheme, probe):
    token = genuine_token(probe, scheme)
    judge_forgeries(probe, endpoint, scheme, forge.alg_none(token), "alg-none token")


@pytest.mark.check("DRFC-1202")
@pytest.mark.stack_pairs(select=jwt_pairs)
def test_empty_or_foreign_signature_is_refused(endpoint, scheme, probe):
    token = genuine_token(probe, scheme)
    judge_forgeries(probe, endpoint, scheme, forge.bad_signatures(token), "token with a bad signature")


def _other_user_id(probe):
    """In-process, the id of another real user, so a changed user id names an account that exists."""
    if probe.target.mode != "in-process":
        return None
    key = ("token-integrity", "other-user-id")
    if key not in probe.state.answer_cache:
        from conformance.auth.stacks import simplejwt

        other = probe.target.disposable(BASIC)
        probe.state.answer_cache[key] = simplejwt.user_id_of(other.username) if other else None
    return probe.state.answer_cache[key]


@pytest.mark.check("DRFC-1203")
@pytest.mark.stack_pairs(select=jwt_pairs)
def test_claims_changed_under_the_signature_are_refused(endpoint, scheme, probe):
    token = genuine_token(probe, scheme)
    claim = "user_id"
    if probe.target.mode == "in-process":
        from conformance.auth.stacks import simplejwt

        claim = simplejwt.user_id_claim()
    forgeries = forge.tampered_claims(token, claim, _other_user_id(probe))
    if not forgeries:
        pytest.skip("the token carries none of the user id, exp and token_type claims")
    judge_forgeries(probe, endpoint, scheme, forgeries, "token with changed claims")


@pytest.mark.check("DRFC-1204")
@pytest.mark.stack_pairs(select=asymmetric_jwt_pairs)
def test_hmac_signed_with_the_public_key_is_refused(endpoint, scheme, probe):
    from conformance.auth.stacks import simplejwt

    token = genuine_token(probe, scheme)
    forgeries = forge.key_confusion(token, simplejwt.public_key())
    judge_forgeries(probe, endpoint, scheme, forgeries, "HS256 token keyed with the public key")


@pytest.mark.check("DRFC-1205")
@pytest.mark.stack_pairs(select=jwt_pairs)
def test_kid_and_jku_do_not_choose_the_key(endpoint, scheme, probe):
    token = genuine_token(probe, scheme)
    forgeries = forge.header_key_injection(token, probe.origin)
    judge_forgeries(probe, endpoint, scheme, forgeries, "token with an injected kid or jku")


@pytest.mark.check("DRFC-1206")
def test_hmac_signing_key_is_strong(probe):
    target = probe.target
    if target.mode == "in-process":
        if not uses_kind(target, "jwt"):
            pytest.skip(SIMPLEJWT.unused_reason())
        from conformance.auth.stacks import simplejwt

        examined, findings = simplejwt.hmac_key_findings()
        probe.judge(judges.hmac_key_strong(examined, findings))
        return
    # Remotely: the short list of well-known keys, tried offline against one issued token.
    from conformance.auth.stacks.simplejwt import WELL_KNOWN_HMAC_KEYS

    tokens = [t for t in (active_jwt(target, s) for s in target.schemes() if s.uses_header) if t]
    if not tokens:
        pytest.skip(NOT_A_JWT_REMOTELY)
    token = tokens[0]
    if forge.parse(token).algorithm not in forge.HMAC_HASHES:
        pytest.skip(f"the supplied JWT is signed with {forge.parse(token).algorithm}, not an HMAC")
    found = any(forge.verifies_with(token, key.encode()) for key in WELL_KNOWN_HMAC_KEYS)
    probe.judge(judges.well_known_key_not_used(found, len(WELL_KNOWN_HMAC_KEYS)))


@pytest.mark.check("DRFC-1207")
@pytest.mark.stack_pairs(select=signable_jwt_pairs)
def test_token_of_a_missing_user_is_answered_like_an_invalid_one(endpoint, scheme, probe):
    from conformance.auth.stacks import simplejwt

    probe.require_sendable(endpoint)
    token = genuine_token(probe, scheme)
    control = probe.positive_control(endpoint, scheme)
    missing = simplejwt.access_token_for_missing_user()
    probe.target.client.redactor.add(missing, "token signed for a missing user")
    invalid = forge.bad_signatures(token)[1].token
    probe.target.client.redactor.add(invalid, "forged token: random signature")
    unknown_answer = probe.send(endpoint, [("Authorization", f"{scheme.word} {missing}")])
    invalid_answer = probe.send(endpoint, [("Authorization", f"{scheme.word} {invalid}")])
    probe.judge(judges.unknown_user_like_invalid(unknown_answer, invalid_answer, control))
