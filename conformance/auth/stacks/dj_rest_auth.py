"""dj-rest-auth: which login its LoginView is, what it issues, its JWT cookies, its logout.

dj-rest-auth puts a REST login and logout on top of DRF's token or simplejwt:

- ``REST_AUTH["USE_JWT"]`` false (the default): ``LoginView`` answers ``{"key": ...}``, a DRF
  ``Token`` (``REST_AUTH["TOKEN_MODEL"]``), so it is the deployment's ``TOKEN_LOGIN_PATH``;
  ``LogoutView`` deletes that token: its ``LOGOUT_PATH``.
- ``USE_JWT`` true: ``LoginView`` answers simplejwt's ``access``/``refresh`` (the refresh empty
  where ``JWT_AUTH_HTTPONLY`` keeps it in a cookie), so it is ``JWT_LOGIN_PATH``; its refresh view
  subclasses simplejwt's ``TokenRefreshView`` (detected as ``JWT_REFRESH_PATH`` already);
  ``LogoutView`` blacklists the refresh token (body or ``JWT_AUTH_REFRESH_COOKIE``) when
  simplejwt's blacklist app is installed: ``JWT_BLACKLIST_PATH`` as well as ``LOGOUT_PATH``.
- ``JWT_AUTH_COOKIE`` set: the login also sets the access token as a cookie, which
  ``JWTCookieAuthentication`` reads when no header is sent. A credential the browser sends by
  itself must be HttpOnly, Secure and CSRF-checked (``JWT_AUTH_COOKIE_USE_CSRF``), CWE-352.

Lifetimes are those of the library underneath (simplejwt's ``SIMPLE_JWT``, the project's DRF
token setting): ``conformance.inprocess.lifetimes`` reads them already. dj-rest-auth is imported
only when the audited project has it (every import here is lazy and guarded).
"""

from __future__ import annotations

import base64
import json

from conformance.auth.stacks import Stack

DJ_REST_AUTH = Stack("dj-rest-auth", "dj-rest-auth", "dj_rest_auth",
                     "dj_rest_auth.jwt_auth.JWTCookieAuthentication")
LOGIN_VIEW = "dj_rest_auth.views.LoginView"
LOGOUT_VIEW = "dj_rest_auth.views.LogoutView"
COOKIE_AUTHENTICATION = "dj_rest_auth.jwt_auth.JWTCookieAuthentication"
# TokenSerializer's field: what the login answers in token mode (DRF's own view says "token").
TOKEN_FIELD = "key"
BLACKLIST_APP = "rest_framework_simplejwt.token_blacklist"


def api_settings():
    """dj-rest-auth's ``REST_AUTH`` as the library reads it, or None where it cannot be read."""
    try:
        from dj_rest_auth.app_settings import api_settings as settings
    except Exception:  # noqa: BLE001 - not installed, or a project whose REST_AUTH does not import
        return None
    return settings


def setting(name: str, default=None):
    settings = api_settings()
    try:
        return getattr(settings, name) if settings is not None else default
    except Exception:  # noqa: BLE001 - a removed or misspelt key raises in dj-rest-auth's settings
        return default


def uses_jwt() -> bool:
    return bool(setting("USE_JWT", False))


def endpoint_keys(view_names: set[str]) -> tuple[str, ...]:
    """The contract section 3 keys a view of dj-rest-auth is (in-process detection), else ()."""
    if LOGIN_VIEW in view_names:
        return ("JWT_LOGIN_PATH",) if uses_jwt() else ("TOKEN_LOGIN_PATH",)
    if LOGOUT_VIEW in view_names:
        # With USE_JWT its logout is the one a client calls to end a refresh token: DRFC-1303 judges
        # it, so a logout that blacklists nothing (no blacklist app) shows as a refresh that survives.
        return ("LOGOUT_PATH", "JWT_BLACKLIST_PATH") if uses_jwt() else ("LOGOUT_PATH",)
    return ()


# JWT cookies: read off a login answer's Set-Cookie lines, so remote mode needs no setting --------
def _claims(value: str) -> dict:
    """A JWT's payload, unverified (only to tell an access from a refresh token), else {}."""
    parts = value.split(".")
    if len(parts) != 3:
        return {}
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, TypeError):
        return {}
    return payload if isinstance(payload, dict) else {}


def jwt_cookies(answer) -> dict:
    """``{"access"|"refresh": SetCookie}``: the JWTs an answer sets as cookies, by their token_type."""
    from conformance.auth.session_login import SetCookie

    found = {}
    for line in getattr(answer, "raw_set_cookies", ()) or ():
        cookie = SetCookie.parse(line)
        if cookie is None or not cookie.value:
            continue
        token_type = _claims(cookie.value).get("token_type")
        if token_type in ("access", "refresh"):
            found[token_type] = cookie
    return found


def cookie_pair(answer) -> dict[str, str]:
    """The ``access``/``refresh`` values an answer sets as cookies (dj-rest-auth's JWT cookies)."""
    return {kind: cookie.value for kind, cookie in jwt_cookies(answer).items()}


def refresh_cookie_name(answer=None) -> str | None:
    """The refresh cookie's name: ``JWT_AUTH_REFRESH_COOKIE`` in-process, else as a login set it."""
    name = setting("JWT_AUTH_REFRESH_COOKIE")
    if name:
        return name
    cookie = jwt_cookies(answer).get("refresh") if answer is not None else None
    return cookie.name if cookie is not None else None


def remember_refresh_cookie(target, answer) -> None:
    """Note the refresh cookie's name a login set (remote mode learns it here, no setting needed)."""
    name = refresh_cookie_name(answer)
    if name:
        target.__dict__["_dj_rest_auth_refresh_cookie"] = name


def refresh_cookie_headers(target, refresh: str) -> list[tuple[str, str]]:
    """A ``Cookie`` header carrying ``refresh`` where the deployment keeps it in a cookie: dj-rest-auth's
    LogoutView with ``JWT_AUTH_HTTPONLY`` reads the refresh token to blacklist from there only."""
    name = target.__dict__.get("_dj_rest_auth_refresh_cookie") or (
        refresh_cookie_name() if target.mode == "in-process" else None)
    return [("Cookie", f"{name}={refresh}")] if name else []


def cookie_authenticated(endpoint) -> bool:
    """Whether ``endpoint``'s view reads the access token from ``JWT_AUTH_COOKIE`` (in-process)."""
    if not setting("JWT_AUTH_COOKIE"):
        return False
    from django.utils.module_loading import import_string

    try:
        view = import_string(endpoint.view)
    except (ImportError, ValueError):
        return False
    for auth_class in getattr(view, "authentication_classes", ()) or ():
        names = {f"{b.__module__}.{b.__qualname__}" for b in getattr(auth_class, "__mro__", ())}
        if COOKIE_AUTHENTICATION in names:
            return True
    return False

