"""allauth headless: its app client's login and logout, the session token it issues, its lifetime.

django-allauth's headless API (``allauth.headless``, ``HEADLESS_CLIENTS`` holding ``"app"``) logs
an app client in with a JSON body at ``/_allauth/app/v1/auth/login`` and answers the session token
in ``meta.session_token``; the app then sends it as ``X-Session-Token`` (not ``Authorization``),
which ``allauth.headless.contrib.rest_framework.authentication.XSessionTokenAuthentication``
reads for a DRF API. With the default ``HEADLESS_TOKEN_STRATEGY`` the token is the key of a Django
session: it lives as long as the session (``SESSION_COOKIE_AGE``) and ends when the app client
calls ``DELETE`` on ``/_allauth/app/v1/auth/session`` (logout).

The login takes ``username`` or ``email`` as ``ACCOUNT_LOGIN_METHODS`` says (allauth answers a
400 naming the missing ``param`` otherwise). Only the **app** client's views are detected: the
browser client's login sets a session cookie instead and is judged as a session. allauth is
imported only when the audited project has it (every import here is lazy and guarded).
"""

from __future__ import annotations

from conformance.auth.stacks import Stack

ALLAUTH_HEADLESS = Stack("allauth headless", "django-allauth", "allauth.headless",
                         "allauth.headless.contrib.rest_framework.authentication.XSessionTokenAuthentication")
LOGIN_VIEW = "allauth.headless.account.views.LoginView"
SESSION_VIEW = "allauth.headless.account.views.SessionView"
LOGIN_KEY = "ALLAUTH_LOGIN_PATH"
SESSION_KEY = "ALLAUTH_SESSION_PATH"
# Where the login answer carries the session token (allauth's AuthenticationResponse).
TOKEN_PATH = ("meta", "session_token")


def endpoint_keys(view_names: set[str], callback) -> tuple[str, ...]:
    """The keys an allauth headless view is (in-process detection): the app client's only."""
    initkwargs = getattr(callback, "view_initkwargs", None) or {}
    if str(initkwargs.get("client", "")) not in ("app", "Client.APP") and \
            getattr(initkwargs.get("client"), "value", None) != "app":
        return ()
    if LOGIN_VIEW in view_names:
        return (LOGIN_KEY,)
    if SESSION_VIEW in view_names:
        return (SESSION_KEY,)
    return ()


def login_username_field() -> str | None:
    """``username`` or ``email``, as ``ACCOUNT_LOGIN_METHODS`` says (in-process), else None."""
    try:
        from allauth.account import app_settings

        methods = set(app_settings.LOGIN_METHODS)
    except Exception:  # noqa: BLE001 - not installed, or settings allauth refuses to read
        return None
    if "username" in methods:
        return "username"
    if "email" in methods:
        return "email"
    return None


def session_token(answer) -> str | None:
    """The session token a login answer issued (``meta.session_token``), else None."""
    if answer.status >= 300:
        return None
    try:
        data = answer.json()
    except ValueError:
        return None
    for key in TOKEN_PATH:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data if isinstance(data, str) and data else None


def required_param(answer) -> str | None:
    """The input a 400 answer of allauth says is missing (``errors[].param`` with code ``required``)."""
    if answer.status != 400:
        return None
    try:
        errors = answer.json().get("errors")
    except (ValueError, AttributeError):
        return None
    for error in errors if isinstance(errors, list) else ():
        if isinstance(error, dict) and error.get("code") == "required" and isinstance(error.get("param"), str):
            return error["param"]
    return None


def logout_endpoint(target, scheme):
    """``DELETE`` on the app session endpoint (allauth's logout), else why it is unknown (a str)."""
    from conformance.endpoints import Endpoint

    path = target.auth_endpoints.paths.get(SESSION_KEY)
    if not path:
        return target.auth_endpoints.unknown(SESSION_KEY)
    return Endpoint("DELETE", path, schemes=(scheme,))


def logged_out(answer) -> bool:
    """Whether a logout answer says the session ended: allauth answers 401 with
    ``meta.is_authenticated`` false (its documented success), or a 2xx."""
    if 200 <= answer.status < 300:
        return True
    if answer.status != 401:
        return False
    try:
        meta = answer.json().get("meta")
    except (ValueError, AttributeError):
        return False
    return isinstance(meta, dict) and meta.get("is_authenticated") is False

