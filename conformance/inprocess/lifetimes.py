"""How long a freshly issued credential lives, read from the deployment's own settings.

Each token library keeps its lifetime in a setting of its own; a project's hand-written
expiring DRF token usually in a top-level one (the seed tutorial's ``TOKEN_EXPIRE_TIME``). The
expired-token family needs the lifetime to test the boundary (valid one second before, refused
one second after); where no setting says it, ``CONFORMANCE['TOKEN_LIFETIME']`` may.
"""

from __future__ import annotations

from datetime import timedelta

# Top-level settings that hand-written expiring DRF token classes read, seed tutorial first.
DRF_TOKEN_SETTINGS = ("TOKEN_EXPIRE_TIME", "TOKEN_EXPIRE_AFTER", "TOKEN_TTL", "TOKEN_LIFETIME",
                      "EXPIRING_TOKEN_LIFESPAN", "TOKEN_EXPIRED_AFTER_SECONDS")


def _duration(value) -> timedelta | None:
    if isinstance(value, timedelta):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return timedelta(seconds=value)
    return None


def _drf_token() -> tuple[timedelta, str] | None:
    from django.conf import settings

    for name in DRF_TOKEN_SETTINGS:
        lifetime = _duration(getattr(settings, name, None))
        if lifetime:
            return lifetime, f"settings.{name}"
    return None


def _oauth2() -> tuple[timedelta, str] | None:
    from oauth2_provider.settings import oauth2_settings

    lifetime = _duration(oauth2_settings.ACCESS_TOKEN_EXPIRE_SECONDS)
    return (lifetime, "OAUTH2_PROVIDER['ACCESS_TOKEN_EXPIRE_SECONDS']") if lifetime else None


def _simplejwt() -> tuple[timedelta, str] | None:
    from rest_framework_simplejwt.settings import api_settings

    lifetime = _duration(api_settings.ACCESS_TOKEN_LIFETIME)
    return (lifetime, "SIMPLE_JWT['ACCESS_TOKEN_LIFETIME']") if lifetime else None


def _knox() -> tuple[timedelta, str] | None:
    from conformance.auth.stacks import knox

    if knox.auto_refresh()[0]:  # each use extends the token: TOKEN_TTL is no fixed boundary (issue 14)
        return None
    lifetime = _duration(knox.token_ttl())
    return (lifetime, "REST_KNOX['TOKEN_TTL']") if lifetime else None


def no_fixed_lifetime(kind: str) -> str | None:
    """Why a credential of scheme ``kind`` has no fixed lifetime to test the boundary of, else None."""
    if kind != "knox":
        return None
    try:
        from conformance.auth.stacks import knox

        refreshing = knox.auto_refresh()[0]
    except ImportError:
        return None
    return ("REST_KNOX['AUTO_REFRESH'] extends a knox token on each use, so TOKEN_TTL is no fixed boundary; "
            "DRFC-301 bounds it by AUTO_REFRESH_MAX_TTL") if refreshing else None


READERS = {"token": _drf_token, "bearer": _oauth2, "jwt": _simplejwt, "knox": _knox}


def known_lifetime(kind: str) -> tuple[timedelta, str] | None:
    """The lifetime of a credential of scheme ``kind`` and the setting it came from, else None."""
    reader = READERS.get(kind)
    if reader is None:
        return None
    try:
        return reader()
    except ImportError:  # the library is not installed, so nothing issues that kind
        return None
