"""django-oauth-toolkit: its settings, its models and its views (in-process only).

Tokens are made through DOT's own models (``set_token_value`` where DOT stores checksums), for
a user or for no user (a client-credentials token), with exactly the scopes a check needs; the
redirect rule is DOT's application model's own ``redirect_uri_allowed``. Every secret made is
registered with the redactor before anything is sent.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

SCOPE_PERMISSIONS = (
    "oauth2_provider.contrib.rest_framework.permissions.TokenHasScope",
    "oauth2_provider.contrib.rest_framework.permissions.TokenMatchesOASRequirements",
)
# Permissions that let any authenticated request through whatever its scopes.
SCOPE_BYPASS = ("oauth2_provider.contrib.rest_framework.permissions.IsAuthenticatedOrTokenHasScope",)
REGISTERED_REDIRECT = "https://client.drf-conformance.invalid/callback"
# A redirect_uri that must not match REGISTERED_REDIRECT, and why (RFC 9700 §4.1.3).
FOREIGN_REDIRECTS = (
    ("https://client.drf-conformance.invalid/callback/evil", "an added path segment"),
    ("https://client.drf-conformance.invalid/callbackevil", "a longer path"),
    ("https://client.drf-conformance.invalid/other", "another path"),
    ("https://client.drf-conformance.invalid:8443/callback", "another port"),
    ("https://client.drf-conformance.invalid.evil.test/callback", "a host suffix"),
    ("https://evil.client.drf-conformance.invalid/callback", "a subdomain"),
    ("http://client.drf-conformance.invalid/callback", "plain http"),
)


def installed_app() -> bool:
    from django.apps import apps

    return apps.is_installed("oauth2_provider")


def settings():
    from oauth2_provider.settings import oauth2_settings

    return oauth2_settings


def _class_names(cls) -> set[str]:
    return {f"{base.__module__}.{base.__qualname__}" for base in getattr(cls, "__mro__", ())}


def view_class(endpoint):
    from django.utils.module_loading import import_string

    try:
        return import_string(endpoint.view)
    except (ImportError, ValueError):
        return None


def _operand_names(permission) -> set[str]:
    """Class names in a permission, through DRF's ``&``, ``|`` and ``~`` compositions."""
    names = _class_names(permission) if isinstance(permission, type) else set()
    for attribute in ("op1_class", "op2_class"):
        operand = getattr(permission, attribute, None)
        if operand is not None:
            names |= _operand_names(operand)
    return names


def _permission_names(view) -> list[set[str]]:
    return [_operand_names(p) for p in getattr(view, "permission_classes", ()) or ()]


def scope_guarded(endpoint) -> bool:
    """The view's permissions include a DOT scope permission (TokenHasScope and its subclasses)."""
    view = view_class(endpoint)
    return view is not None and any(names & set(SCOPE_PERMISSIONS + SCOPE_BYPASS) for names in _permission_names(view))


def machine_endpoint(endpoint) -> bool:
    """Guarded by DOT scope permissions only: a token with no user may be served there by design."""
    view = view_class(endpoint)
    if view is None:
        return False
    permissions = list(getattr(view, "permission_classes", ()) or ())
    return bool(permissions) and all(isinstance(p, type) and _class_names(p) & set(SCOPE_PERMISSIONS)
                                     for p in permissions)


def all_scopes(endpoint=None) -> str:
    """Every scope DOT knows, plus the view's required_scopes: what the positive control's token holds."""
    scopes = list(settings().SCOPES)
    view = view_class(endpoint) if endpoint is not None else None
    scopes += [s for s in getattr(view, "required_scopes", []) or [] if s not in scopes]
    return " ".join(scopes)


def read_scope() -> str:
    return settings().READ_SCOPE


def routed(view_name: str) -> str | None:
    """The path of the first route whose view is (a subclass of) ``view_name``, else None."""
    from django.urls import get_resolver

    from conformance.discovery import _walk

    for path, _route, callback in _walk(get_resolver().url_patterns):
        cls = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        if cls is not None and view_name in _class_names(cls):
            return "/" + path.lstrip("/")
    return None


# Models ------------------------------------------------------------------------------------------
def _set_token(instance, raw: str) -> None:
    try:
        from oauth2_provider.models import set_token_value
    except ImportError:  # DOT before 3.4 stores the token itself
        instance.token = raw
        return
    set_token_value(instance, raw)


def application(redactor, grant: str, label: str):
    """A confidential application of ``grant`` (a GRANT_* value) and its plain client secret."""
    from oauth2_provider.models import get_application_model

    model = get_application_model()
    client_secret = secrets.token_urlsafe(32)
    app = model.objects.create(name=f"drf-conformance {label}", client_type=model.CLIENT_CONFIDENTIAL,
                               authorization_grant_type=grant, client_secret=client_secret)
    redactor.add(app.client_id, f"{label} client_id")
    redactor.add(client_secret, f"{label} client_secret")
    return app, client_secret


def access_token(redactor, app, user, scope: str, *, with_refresh: bool = False) -> tuple[str, str | None]:
    """An access token (and its refresh token) through DOT's models; the raw values, registered as secrets."""
    from django.utils import timezone
    from oauth2_provider.models import get_access_token_model, get_refresh_token_model

    raw = secrets.token_urlsafe(30)
    redactor.add(raw, f"access token ({scope or 'no scope'})")
    token = get_access_token_model()(user=user, application=app, scope=scope,
                                     expires=timezone.now() + timedelta(seconds=settings().ACCESS_TOKEN_EXPIRE_SECONDS))
    _set_token(token, raw)
    token.save()
    if not with_refresh:
        return raw, None
    raw_refresh = secrets.token_urlsafe(30)
    redactor.add(raw_refresh, "refresh token")
    model = get_refresh_token_model()
    refresh = model(user=user, application=app, access_token=token)
    if any(f.name == "token_family" for f in model._meta.get_fields()):
        import uuid

        refresh.token_family = uuid.uuid4()  # as DOT's validator starts a family (reuse protection)
    _set_token(refresh, raw_refresh)
    refresh.save()
    return raw, raw_refresh


def user_named(username: str):
    from django.contrib.auth import get_user_model

    model = get_user_model()
    return model._default_manager.get(**{model.USERNAME_FIELD: username})


# Settings ----------------------------------------------------------------------------------------
def pkce_required() -> tuple[bool, str]:
    value = settings().PKCE_REQUIRED
    if callable(value):
        required = bool(value("drf-conformance-public-client"))
        return required, f"OAUTH2_PROVIDER['PKCE_REQUIRED'] (a callable) is {required} for a public client"
    return bool(value), f"OAUTH2_PROVIDER['PKCE_REQUIRED'] is {value!r}"


def redirect_mismatches_allowed() -> tuple[bool, list[str], str]:
    """(the registered URI is allowed, descriptions of foreign URIs also allowed, what was used)."""
    from oauth2_provider.models import get_application_model

    model = get_application_model()
    app = model(name="drf-conformance redirect", client_type=model.CLIENT_PUBLIC,
                authorization_grant_type=model.GRANT_AUTHORIZATION_CODE, redirect_uris=REGISTERED_REDIRECT)
    allowed = [why for uri, why in FOREIGN_REDIRECTS if app.redirect_uri_allowed(uri)]
    if settings().ALLOW_URI_WILDCARDS:
        allowed.append("OAUTH2_PROVIDER['ALLOW_URI_WILDCARDS'] is on")
    return app.redirect_uri_allowed(REGISTERED_REDIRECT), allowed, f"{model.__module__}.{model.__qualname__}"
