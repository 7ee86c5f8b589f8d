"""Credentials by role (contract section 4) and how they go on the wire.

A ``Credential`` knows its role (``token.active``), its scheme and its secret; ``headers()``
returns what to send. The ``CredentialStore`` answers ``get(role)`` or raises ``MissingRole``,
which the scenarios turn into a skip whose reason names the role to supply. A credential's
``repr`` leaves out its secret, cookies and CSRF token, so a traceback cannot print them.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from conformance.auth.schemes import BASIC, SESSION, Scheme


class MissingRole(LookupError):
    def __init__(self, role: str, hint: str = ""):
        self.role = role
        super().__init__(
            f"no credential for role {role!r}"
            + (f"; {hint}" if hint else "")
        )


@dataclass
class Credential:
    role: str
    scheme: Scheme
    # Never in the repr: pytest prints argument values in long tracebacks (issue 11, CWE-532).
    secret: str = field(default="", repr=False)  # token key, bearer token; for Basic the password
    username: str = ""
    cookies: dict[str, str] = field(default_factory=dict, repr=False)  # session credentials
    csrf_token: str = field(default="", repr=False)  # session credentials: a token valid for the session's CSRF cookie

    def headers(self, scheme_word: str | None = None) -> list[tuple[str, str]]:
        """The ``Authorization`` header (or none, for a session) under ``scheme_word``."""
        if self.scheme.kind == "session":
            return []
        if self.scheme.header:  # a header of its own (allauth's X-Session-Token): the bare secret
            return [(self.scheme.header, self.secret)]
        word = scheme_word if scheme_word is not None else self.scheme.word
        value = self.basic_value() if self.scheme == BASIC else self.secret
        return [("Authorization", f"{word} {value}" if word else value)]

    def basic_value(self) -> str:
        return base64.b64encode(f"{self.username}:{self.secret}".encode()).decode("ascii")

    def session_headers(self, method: str) -> list[tuple[str, str]]:
        """Cookie header, plus the CSRF header an unsafe method needs (Django's CsrfViewMiddleware)."""
        if not self.cookies:
            return []
        headers = [("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))]
        if method not in ("GET", "HEAD", "OPTIONS", "TRACE") and self.csrf_token:
            headers.append(("X-CSRFToken", self.csrf_token))
        return headers

    def request_headers(self, method: str) -> list[tuple[str, str]]:
        return self.session_headers(method) if self.scheme == SESSION else self.headers()


# A black box names only the scheme word: a ``Bearer`` endpoint (SCHEMES, an OpenAPI bearer
# scheme) takes simplejwt access tokens as well as OAuth2 ones, so without ``bearer.*`` roles the
# ``jwt.*`` roles supplied are used (RFC 6750 says nothing of the token's format).
BEARER_ALIASES = {"bearer": ("jwt",)}


class CredentialStore:
    """Credentials by role, from provisioning (in-process) or a file and the environment (remote)."""

    def __init__(self, hint: str = ""):
        self._by_role: dict[str, Credential] = {}
        self.hint = hint

    def add(self, credential: Credential) -> Credential:
        self._by_role[credential.role] = credential
        return credential

    def get(self, role: str) -> Credential:
        try:
            return self._by_role[role]
        except KeyError:
            raise MissingRole(role, self.hint) from None

    def has(self, role: str) -> bool:
        return role in self._by_role

    def roles(self) -> list[str]:
        return sorted(self._by_role)

    def for_scheme(self, scheme: Scheme, state: str = "active") -> Credential:
        """The credential of ``scheme`` in ``state`` (active, inactive, expired)."""
        if scheme.kind == "basic":
            role = "password" if state == "active" else f"{state}_password"
        else:
            role = f"{scheme.role_prefix or scheme.kind}.{state}"
        for alias in BEARER_ALIASES.get(scheme.kind, ()) if not self.has(role) else ():
            if self.has(f"{alias}.{state}"):  # issue 13: jwt.* roles feed the Bearer checks
                found = self.get(f"{alias}.{state}")
                return Credential(found.role, scheme, found.secret, found.username, found.cookies, found.csrf_token)
        credential = self.get(role)
        if credential.scheme.word != scheme.word and scheme.word is not None and credential.scheme.kind == scheme.kind:
            # A subclass with its own keyword: same secret, the view's scheme word.
            credential = Credential(role, scheme, credential.secret, credential.username,
                                    credential.cookies, credential.csrf_token)
        return credential
