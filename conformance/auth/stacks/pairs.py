"""Which (endpoint, scheme) pairs a stack's family audits (the plugin's ``stack_pairs`` marker).

Each function takes the target and every protected (endpoint, header scheme) pair and returns the
pairs of its stack with an empty reason, or no pairs and the reason the family does not apply
(one skip per check, never one per endpoint).
"""

from __future__ import annotations

from conformance.auth.credentials import MissingRole
from conformance.auth.stacks import DOT, SIMPLEJWT
from conformance.auth.stacks import jwt_forgery

NOT_A_JWT_REMOTELY = ("no supplied active credential is a signed JWT: these checks use the "
                      "deployment's own JWT (supply it as role jwt.active or bearer.active)")
IN_PROCESS_ONLY = "needs the project's signing key, which only the in-process audit (--ds) reads"


def uses_kind(target, kind: str) -> bool:
    return any(s.kind == kind for e in target.endpoints for s in e.schemes)


def active_jwt(target, scheme) -> str | None:
    try:
        secret = target.credentials.for_scheme(scheme, "active").secret
    except MissingRole:
        return None
    return secret if jwt_forgery.is_jwt(secret) else None


def jwt_pairs(target, pairs):
    """Pairs whose scheme carries the deployment's JWTs: in-process simplejwt's scheme; remotely
    any scheme whose supplied active token is a JWT."""
    if target.mode == "in-process":
        chosen = [(e, s) for e, s in pairs if s.kind == "jwt"]
        return chosen, "" if chosen else SIMPLEJWT.unused_reason()
    chosen = [(e, s) for e, s in pairs if active_jwt(target, s)]
    return chosen, "" if chosen else NOT_A_JWT_REMOTELY


def asymmetric_jwt_pairs(target, pairs):
    """JWT pairs where the verifying key is public (key confusion needs it): in-process only."""
    chosen, reason = jwt_pairs(target, pairs)
    if target.mode != "in-process":
        return [], reason or "the public verifying key is only read in-process (--ds)"
    if chosen:
        from conformance.auth.stacks import simplejwt

        if simplejwt.public_key() is None:
            return [], (f"SIMPLE_JWT['ALGORITHM'] is {simplejwt.api_settings().ALGORITHM}: there is no "
                        "public key to confuse with an HMAC key")
    return chosen, reason


def signable_jwt_pairs(target, pairs):
    """JWT pairs where the suite can sign with the project's key: in-process only."""
    if target.mode != "in-process":
        return [], IN_PROCESS_ONLY
    return jwt_pairs(target, pairs)


def bearer_pairs(target, pairs):
    """Pairs of django-oauth-toolkit's bearer scheme, in-process (tokens made through DOT's models)."""
    if target.mode != "in-process":
        return [], "issues tokens through django-oauth-toolkit's models, which only the in-process audit (--ds) can"
    chosen = [(e, s) for e, s in pairs if s.kind == "bearer"]
    return chosen, "" if chosen else DOT.unused_reason()


def token_cookie_pairs(target, pairs):
    """JWT pairs whose view also reads the token from a cookie (dj-rest-auth's JWTCookieAuthentication
    with ``JWT_AUTH_COOKIE``): in-process by class and setting; remotely every JWT pair, where the
    positive control (cookie and valid CSRF token accepted, else one skip) decides."""
    from conformance.auth.stacks import dj_rest_auth

    chosen = [(e, s) for e, s in pairs
              if s.kind == "jwt" and (target.mode != "in-process" or dj_rest_auth.cookie_authenticated(e))]
    return chosen, "" if chosen else ("no endpoint reads a token from a cookie (dj-rest-auth's "
                                      "JWTCookieAuthentication with REST_AUTH['JWT_AUTH_COOKIE'])")
