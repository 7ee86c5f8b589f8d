"""Logging in the way clients do: the deployment's token login and OAuth2 token endpoints.

The time, identity, token-endpoint and revocation families obtain their tokens here rather than
through the ORM, so the server, not the suite, decides what it issues and for how long. Works in
both modes: it needs only a path (declared or detected), a username and password, and for OAuth2
the client of role ``oauth2_client``. Every issued secret is registered with the redactor before
anything else is sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from conformance.credentials import Credential, MissingRole
from conformance.http import Answer
from conformance.schemes import BEARER, TOKEN, Scheme


@dataclass(frozen=True)
class LoginKind:
    """One way a client obtains a credential: the endpoint key and the scheme it feeds."""

    name: str  # "token", "bearer": also the scheme kind the credential is for
    endpoint_key: str  # contract section 3 key of the endpoint
    scheme: Scheme

    def __str__(self) -> str:
        return self.name


TOKEN_LOGIN = LoginKind("token", "TOKEN_LOGIN_PATH", TOKEN)
OAUTH2_LOGIN = LoginKind("bearer", "OAUTH2_TOKEN_PATH", BEARER)
LOGIN_KINDS = (TOKEN_LOGIN, OAUTH2_LOGIN)
LOGIN_BY_SCHEME_KIND = {kind.name: kind for kind in LOGIN_KINDS}


class LoginUnavailable(Exception):
    """This target offers no way to log in for that kind; the message says what to declare."""


def login_path(target, kind: LoginKind) -> str:
    path = target.auth_endpoints.paths.get(kind.endpoint_key)
    if not path:
        raise LoginUnavailable(
            f"{kind.endpoint_key} is unknown (not declared, not detected): set "
            f"CONFORMANCE['{kind.endpoint_key}'] or the {kind.endpoint_key.lower()} key of --config"
        )
    return path


def login_form(target, kind: LoginKind, username: str, password: str) -> dict[str, str]:
    """The form a client posts to log in as ``username``."""
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
    return target.client.request("POST", login_path(target, kind), headers=list(headers),
                                 data=login_form(target, kind, username, password), role=step)


def issued_secret(kind: LoginKind, answer: Answer) -> str | None:
    """The credential a login answer carries (``token`` or ``access_token``), else None."""
    if answer.status >= 300:
        return None
    try:
        data = answer.json()
    except ValueError:
        return None
    field = "access_token" if kind is OAUTH2_LOGIN else "token"
    value = data.get(field) if isinstance(data, dict) else None
    return value if isinstance(value, str) and value else None


def log_in(target, kind: LoginKind, username: str, password: str, role: str, scheme: Scheme | None = None,
           *, headers=(), step: str = "login") -> tuple[Credential | None, Answer]:
    """Log in and return the issued credential (registered as secret ``role``) and the answer.

    The secret is registered as soon as it is read, but the answer that carries it was recorded
    before: the JSON writer masks ``token`` and ``access_token`` fields whatever their value.
    """
    answer = send_login(target, kind, username, password, headers=headers, step=step)
    secret = issued_secret(kind, answer)
    if secret is None:
        return None, answer
    target.client.redactor.add(secret, role, role=role)
    return Credential(role, scheme or kind.scheme, secret, username), answer
