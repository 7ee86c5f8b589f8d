"""Which authentication schemes a black box is audited under.

In-process, the suite reads each view's ``authentication_classes``. A running deployment shows
none of that, so remote mode takes the schemes, most explicit first, from:

1. ``SCHEMES`` in the ``--config`` file (a list of scheme words: ``["Token", "Bearer"]``);
2. the OpenAPI document's security requirements, per operation, where it has them
   (drf-spectacular writes them; DRF's ``generateschema`` does not);
3. the credential roles supplied: ``token.*`` means ``Token``, ``bearer.*`` ``Bearer``,
   ``session.*`` the session cookie, and so on;
4. with none of these, ``Token`` and ``Bearer``, so every check that needs a credential is
   skipped with a reason naming the role to supply, instead of pretending there is nothing to test.

A scheme listed but not really accepted by an endpoint makes that endpoint's positive control
fail, and its checks end as ``error``: never a pass built on a wrong guess.
"""

from __future__ import annotations

from conformance.auth.credentials import CredentialStore
from conformance.remote.credentials_file import COOKIE_GROUPS, TOKEN_GROUPS
from conformance.auth.schemes import BASIC, BEARER, SESSION, TOKEN, Scheme

FALLBACK = (TOKEN, BEARER)


def scheme_for_word(word: str) -> Scheme:
    """``Bearer`` -> bearer roles, ``Basic`` -> password roles, ``session`` -> the session cookie;
    any other word is a DRF ``TokenAuthentication`` keyword (``Token``, a subclass's ``Key``).
    ``"Authorization: Session"`` names a header scheme whose word is ``Session``, distinct from
    the session cookie (issue 13)."""
    if word.lower().startswith("authorization:"):
        header_word = word.split(":", 1)[1].strip()
        if header_word.lower() in ("bearer", "basic"):
            return scheme_for_word(header_word)
        return Scheme("token", header_word, "token")
    lower = word.lower()
    if lower == "bearer":
        return BEARER
    if lower == "basic":
        return BASIC
    if lower == "session":
        return SESSION
    return Scheme("token", word, "token")


def declared_schemes(words: list[str] | None) -> tuple[Scheme, ...] | None:
    if not words:
        return None
    return tuple(dict.fromkeys(scheme_for_word(w) for w in words))


def schemes_from_roles(store: CredentialStore) -> tuple[Scheme, ...]:
    """The schemes whose credentials were supplied, or the fallback when none were."""
    found = [scheme for group, scheme in {**TOKEN_GROUPS, **COOKIE_GROUPS}.items()
             if any(role.startswith(f"{group}.") for role in store.roles())]
    return tuple(dict.fromkeys(found)) or FALLBACK


def scheme_of_security_scheme(definition: dict) -> Scheme | None:
    """An OpenAPI ``securitySchemes`` entry as drf-spectacular writes it, or None if unknown."""
    kind, location = definition.get("type"), definition.get("in")
    if kind == "http":
        scheme = str(definition.get("scheme", "")).lower()
        return BEARER if scheme == "bearer" else BASIC if scheme == "basic" else None
    if kind in ("oauth2", "openIdConnect"):
        return BEARER
    if kind == "apiKey" and location == "cookie":
        return SESSION
    if kind == "apiKey" and location == "header" and str(definition.get("name", "")).lower() == "authorization":
        # drf-spectacular: 'Token-based authentication with required prefix "Token"'.
        description = str(definition.get("description", ""))
        marker = 'prefix "'
        if marker in description:
            return scheme_for_word(description.split(marker, 1)[1].split('"', 1)[0])
        return TOKEN
    return None
