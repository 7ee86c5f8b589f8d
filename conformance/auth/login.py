"""Logging in the way clients do: the deployment's token login and OAuth2 token endpoints.

The time, identity, token-endpoint and revocation families obtain their tokens here rather than
through the ORM, so the server, not the suite, decides what it issues and for how long. Works in
both modes: it needs only a path (declared or detected), a username and password, and for OAuth2
the client of role ``oauth2_client``. Every issued secret is registered with the redactor before
anything else is sent.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from conformance.auth.credentials import Credential, MissingRole
from conformance.http import Answer
from conformance.auth.schemes import BEARER, TOKEN, Scheme


@dataclass(frozen=True)
class LoginKind:
    """One way a client obtains a credential: the endpoint key and the scheme it feeds."""

    name: str  # "token", "bearer", "jwt", "knox": also the scheme kind the credential is for
    endpoint_key: str  # contract section 3 key of the endpoint
    scheme: Scheme
    secret_field: str = "token"  # the JSON field of the answer that carries the credential
    basic: bool = False  # the password goes as Basic credentials (knox), not as form fields

    def __str__(self) -> str:
        return self.name


TOKEN_LOGIN = LoginKind("token", "TOKEN_LOGIN_PATH", TOKEN)
OAUTH2_LOGIN = LoginKind("bearer", "OAUTH2_TOKEN_PATH", BEARER, "access_token")
JWT_LOGIN = LoginKind("jwt", "JWT_LOGIN_PATH", Scheme("jwt", "Bearer", "jwt"), "access")
KNOX_LOGIN = LoginKind("knox", "KNOX_LOGIN_PATH", Scheme("knox", "Token", "knox"), "token", basic=True)
# The token-endpoint family judges these (contract section 3 keys)...
LOGIN_KINDS = (TOKEN_LOGIN, OAUTH2_LOGIN)
# ...and the expired-token family obtains every kind it can through its login endpoint.
LOGIN_BY_SCHEME_KIND = {kind.name: kind for kind in (*LOGIN_KINDS, JWT_LOGIN, KNOX_LOGIN)}


class LoginUnavailable(Exception):
    """This target offers no way to log in for that kind; the message says what to declare."""


def login_path(target, kind: LoginKind) -> str:
    path = target.auth_endpoints.paths.get(kind.endpoint_key)
    if not path:
        raise LoginUnavailable(target.auth_endpoints.unknown(kind.endpoint_key))
    return path


def login_form(target, kind: LoginKind, username: str, password: str) -> dict[str, str]:
    """The form a client posts to log in as ``username`` (empty where the password goes as Basic)."""
    if kind.basic:
        return {}
    if kind is OAUTH2_LOGIN:
        try:
            oauth2_client = target.credentials.get("oauth2_client")
        except MissingRole as exc:
            raise LoginUnavailable(str(exc)) from None
        return {"grant_type": "password", "username": username, "password": password,
                "client_id": oauth2_client.username, "client_secret": oauth2_client.secret}
    return {"username": username, "password": password}


def send_login(target, kind: LoginKind, username: str, password: str, *, headers=(),
               step: str = "login") -> Answer:
    """POST the login form; the password is registered as a secret before it is sent."""
    target.client.redactor.add(password, f"password of {username}")
    headers = list(headers)
    if kind.basic:
        basic = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
        target.client.redactor.add(basic, f"Basic credentials of {username}")
        headers.append(("Authorization", f"Basic {basic}"))
    return target.client.request("POST", login_path(target, kind), headers=headers,
                                 data=login_form(target, kind, username, password), role=step)


def issued_secret(kind: LoginKind, answer: Answer) -> str | None:
    """The credential a login answer carries (``token`` or ``access_token``), else None."""
    if answer.status >= 300:
        return None
    try:
        data = answer.json()
    except ValueError:
        return None
    value = data.get(kind.secret_field) if isinstance(data, dict) else None
    return value if isinstance(value, str) and value else None


def log_in(target, kind: LoginKind, username: str, password: str, role: str, scheme: Scheme | None = None,
           *, headers=(), step: str = "login") -> tuple[Credential | None, Answer]:
    """Log in and return the issued credential (registered as secret ``role``) and the answer."""
    answer = send_login(target, kind, username, password, headers=headers, step=step)
    secret = issued_secret(kind, answer)
    if secret is None:
        return None, answer
    register_issued(target, answer, secret, role)
    return Credential(role, scheme or kind.scheme, secret, username), answer


# JSON fields of login answers that carry credentials (DRF, DOT, simplejwt, knox).
ISSUED_FIELDS = ("token", "access_token", "refresh_token", "access", "refresh", "id_token")


def register_issued(target, answer: Answer, secret: str, label: str, role: str | None = None) -> None:
    """Register a secret read from ``answer`` and redact it from that answer's recorded exchange.

    The exchange was recorded before the secret was known; the JSON writer masks fields such as
    ``token`` and ``access_token`` whatever their value, but not simplejwt's ``access``, so the
    recorded body is redacted again now that the value is known (CWE-532).
    """
    redactor = target.client.redactor
    redactor.add(secret, label, role=role or label)
    try:
        data = answer.json()
    except ValueError:
        data = None
    if isinstance(data, dict):  # what else the answer issued (simplejwt's refresh token)
        for field in ISSUED_FIELDS:
            if isinstance(data.get(field), str) and data[field] != secret:
                redactor.add(data[field], f"{field} issued with {label}")
    exchange = answer.exchange
    if exchange.response and isinstance(exchange.response.get("body"), str):
        exchange.response["body"] = redactor.redact(exchange.response["body"])
