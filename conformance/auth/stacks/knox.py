"""django-rest-knox: how its login takes the password, its settings, what each finding's fix is.

knox's ``LoginView`` issues a token to whoever authenticated the request: its documented setup
puts ``BasicAuthentication`` on it (the password as ``Authorization: Basic``), its documented
alternative overrides ``post`` to validate a form with DRF's ``AuthTokenSerializer`` first. The
login answers ``{"expiry": ..., "token": ...}``; ``LogoutView`` deletes the token it was called
with and ``LogoutAllView`` every token of the user. Tokens live ``REST_KNOX['TOKEN_TTL']``
(``None``: forever), extended on use with ``AUTO_REFRESH`` (up to ``AUTO_REFRESH_MAX_TTL``).

Nothing here imports knox at module level: a project without it never needs it.
"""

from __future__ import annotations

from conformance.auth.stacks import Stack

class KnoxStack(Stack):
    def installed_app(self) -> bool:
        """knox is in INSTALLED_APPS of the audited project (in-process): its views can be routed."""
        from django.apps import apps

        return apps.is_installed(self.module)


KNOX = KnoxStack("knox", "django-rest-knox", "knox", "knox.auth.TokenAuthentication")

LOGIN_VIEW = "knox.views.LoginView"
LOGOUT_VIEW = "knox.views.LogoutView"
LOGOUT_ALL_VIEW = "knox.views.LogoutAllView"

# What to change, in knox's own settings, for each kind of finding (the catalogue cites these).
REMEDIATION = {
    "lifetime": "set REST_KNOX['TOKEN_TTL'] to a timedelta at or below the policy (None means never expires); "
                "with REST_KNOX['AUTO_REFRESH'] = True also cap REST_KNOX['AUTO_REFRESH_MAX_TTL']",
    "logout": "route knox.views.LogoutView (it deletes request._auth) and LogoutAllView; a subclass that "
              "overrides post() must still delete the token",
    "no-store": "wrap knox's LoginView with django.views.decorators.cache.never_cache (or set "
                "Cache-Control: no-store in its finalize_response)",
}


def login_takes_form(view_class) -> bool:
    """Whether a knox LoginView subclass validates a form itself (knox's documented alternative:
    ``post`` overridden around ``AuthTokenSerializer``) rather than reading Basic credentials."""
    if not isinstance(view_class, type):
        return False
    try:
        from knox.views import LoginView
    except (ImportError, RuntimeError):  # not installed, or not in INSTALLED_APPS (its models refuse)
        return False
    if not issubclass(view_class, LoginView):
        return False
    return view_class.post is not LoginView.post


def view_class_at(path: str | None):
    """The view class routed at ``path`` (in-process), else None."""
    if not path:
        return None
    try:
        from django.urls import resolve

        callback = resolve(path).func
    except Exception:  # noqa: BLE001 - an unresolvable path only means "not known from the view"
        return None
    return getattr(callback, "cls", None) or getattr(callback, "view_class", None)


def token_ttl():
    """``REST_KNOX['TOKEN_TTL']`` as knox reads it (a timedelta, or None: tokens never expire)."""
    from knox.settings import knox_settings

    return knox_settings.TOKEN_TTL


def auto_refresh() -> tuple[bool, object]:
    """(``AUTO_REFRESH``, ``AUTO_REFRESH_MAX_TTL``): a token used often enough may outlive TOKEN_TTL."""
    from knox.settings import knox_settings

    return bool(knox_settings.AUTO_REFRESH), getattr(knox_settings, "AUTO_REFRESH_MAX_TTL", None)
