"""Authentication schemes: what a DRF authentication class expects on the wire.

A scheme is identified by its ``kind`` (which credential roles feed it) and its ``word`` (the
scheme word of the ``Authorization`` header, RFC 9110 section 11.4). Classes are recognised by
their base class, so a project's subclass of ``TokenAuthentication`` is still a token scheme and
keeps its own ``keyword``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Scheme:
    kind: str  # token, bearer, jwt, knox, basic, session, or the class name for unknown ones
    word: str | None  # the Authorization scheme word; None for cookie-based schemes
    role_prefix: str | None  # contract section 4 role family that supplies credentials
    # The header that carries the credential where it is not ``Authorization`` (allauth headless's
    # ``X-Session-Token``): such a scheme has no word, so the families that mutate the
    # ``Authorization`` header (scheme-confusion, malformed-credentials) never parametrize it.
    header: str | None = None

    @property
    def uses_header(self) -> bool:
        return self.word is not None


TOKEN = Scheme("token", "Token", "token")
BEARER = Scheme("bearer", "Bearer", "bearer")
BASIC = Scheme("basic", "Basic", "password")
SESSION = Scheme("session", None, "session")
# allauth headless's app clients: the session token of ``meta.session_token`` (issue 14).
ALLAUTH_SESSION_TOKEN = Scheme("allauth", None, "allauth", "X-Session-Token")

# Preference for the credential of a positive control when any scheme will do.
CONTROL_PREFERENCE = ("token", "bearer", "jwt", "knox", "allauth", "basic", "session")


def _mro_names(cls: type) -> set[str]:
    return {f"{base.__module__}.{base.__qualname__}" for base in cls.__mro__}


def keyword_of(auth_class: type, default: str | None) -> str | None:
    """The ``keyword`` of an authentication class, as DRF reads it (from an instance).

    Real projects define it as a ``@property`` reading a setting (issue 13); read from the class,
    that is the ``property`` object, which crashed sorting and ``.lower()`` everywhere. Such a
    class is instantiated without arguments, as DRF's ``APIView.get_authenticators`` does; a word
    that still is not a string falls back to ``default``.
    """
    word = getattr(auth_class, "keyword", default)
    if isinstance(word, str) or word is None:
        return word
    try:
        word = auth_class().keyword
    except Exception:  # a class that needs more than DRF gives it: its documented default
        return default
    return word if isinstance(word, str) and word.strip() else default


def scheme_of(auth_class: type) -> Scheme:
    """The ``Scheme`` a DRF authentication class implements."""
    names = _mro_names(auth_class)
    if "knox.auth.TokenAuthentication" in names:
        try:
            from knox.settings import knox_settings

            word = knox_settings.AUTH_HEADER_PREFIX
        except Exception:  # knox misconfigured: fall back to its documented default
            word = "Token"
        return Scheme("knox", word, "knox")
    if "rest_framework_simplejwt.authentication.JWTAuthentication" in names:
        try:
            from rest_framework_simplejwt.settings import api_settings

            words = api_settings.AUTH_HEADER_TYPES
            word = words[0] if isinstance(words, (list, tuple)) else words
        except Exception:
            word = "Bearer"
        return Scheme("jwt", word, "jwt")
    if "rest_framework.authentication.TokenAuthentication" in names:
        return Scheme("token", keyword_of(auth_class, "Token"), "token")
    if "oauth2_provider.contrib.rest_framework.authentication.OAuth2Authentication" in names:
        return BEARER
    if "allauth.headless.contrib.rest_framework.authentication.XSessionTokenAuthentication" in names:
        return ALLAUTH_SESSION_TOKEN
    if "rest_framework.authentication.BasicAuthentication" in names:
        return BASIC
    if "rest_framework.authentication.SessionAuthentication" in names:
        return SESSION
    return Scheme(auth_class.__name__, keyword_of(auth_class, None), None)
