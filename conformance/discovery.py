"""Endpoint discovery from Django's URL resolver (in-process mode).

Every URL pattern whose view is a DRF ``APIView`` (including ViewSets mapped by a router) becomes
one endpoint per allowed method. Path converters are filled with placeholders that a Django
fixture can make real (``CONFORMANCE['FIXTURES']``); a regex group gets ``1``.
"""

from __future__ import annotations

import re

from conformance.endpoints import Endpoint
from conformance.schemes import scheme_of

PLACEHOLDERS = {
    "int": "1",
    "slug": "conformance",
    "str": "conformance",
    "uuid": "00000000-0000-4000-8000-000000000001",
    "path": "conformance",
}
# Methods a view answers that say nothing about authentication.
IGNORED_METHODS = {"OPTIONS", "HEAD", "TRACE"}


def _fill_route(route: str) -> str:
    def converter(match: re.Match) -> str:
        kind = match.group(1) or "str"
        return PLACEHOLDERS.get(kind, "1")

    return re.sub(r"<(?:(\w+):)?\w+>", converter, route)


def _fill_regex(pattern: str) -> str:
    text = pattern.lstrip("^").rstrip("$").replace("\\Z", "")
    text = re.sub(r"\(\?P<\w+>[^)]*\)", "1", text)
    text = re.sub(r"\([^)]*\)", "1", text)
    # A router's format suffix group and escapes: what is left must be a literal path.
    text = text.replace("\\.", ".").replace("\\", "")
    return text.replace("?", "")


def _piece(pattern) -> str:
    from django.urls.resolvers import RegexPattern, RoutePattern

    if isinstance(pattern, RoutePattern):
        return _fill_route(str(pattern._route))
    if isinstance(pattern, RegexPattern):
        return _fill_regex(pattern._regex)
    return _fill_route(str(pattern))


def _walk(patterns, prefix: str = ""):
    from django.urls import URLPattern, URLResolver

    for entry in patterns:
        piece = _piece(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + piece)
        elif isinstance(entry, URLPattern):
            yield prefix + piece, str(entry.pattern), entry.callback


def _methods(callback) -> list[str]:
    cls = getattr(callback, "cls", None)
    actions = getattr(callback, "actions", None)
    if actions:  # a ViewSet bound by a router: its mapping is the truth
        return sorted(m.upper() for m in actions)
    return sorted(
        m.upper() for m in cls.http_method_names
        if m.upper() not in IGNORED_METHODS and hasattr(cls, m)
    )


def _is_format_suffix(path: str) -> bool:
    # format_suffix_patterns duplicates every route with ".<format>"; one copy is enough.
    return bool(re.search(r"\.1/?$|\.conformance/?$", path))


def discover(urlconf: str | None = None) -> list[Endpoint]:
    """Every DRF view of the URLconf, one ``Endpoint`` per allowed method, sorted."""
    from django.urls import get_resolver
    from rest_framework.views import APIView

    seen: set[tuple[str, str]] = set()
    endpoints: list[Endpoint] = []
    for path, route, callback in _walk(get_resolver(urlconf).url_patterns):
        cls = getattr(callback, "cls", None)
        if cls is None or not issubclass(cls, APIView) or _is_format_suffix(path):
            continue
        path = "/" + path.lstrip("/")
        initkwargs = getattr(callback, "initkwargs", {}) or {}
        auth_classes = initkwargs.get("authentication_classes", cls.authentication_classes)
        schemes = tuple(dict.fromkeys(scheme_of(a) for a in auth_classes))
        view = f"{cls.__module__}.{cls.__qualname__}"
        for method in _methods(callback):
            if (method, path) in seen:
                continue
            seen.add((method, path))
            endpoints.append(Endpoint(method, path, route, view, schemes))
    return sorted(endpoints, key=lambda e: (e.path, e.method))


# Views that identify an auth endpoint, by dotted base-class name (any subclass counts).
AUTH_VIEWS = {
    "rest_framework.authtoken.views.ObtainAuthToken": "TOKEN_LOGIN_PATH",
    "knox.views.LoginView": "TOKEN_LOGIN_PATH",
    "knox.views.LogoutView": "LOGOUT_PATH",
    "oauth2_provider.views.base.TokenView": "OAUTH2_TOKEN_PATH",
    "django.contrib.auth.views.LoginView": "SESSION_LOGIN_PATH",
    "django.contrib.auth.views.LogoutView": "LOGOUT_PATH",
}


def detect_auth_endpoints(urlconf: str | None = None) -> dict[str, str]:
    """Auth endpoints found by the views they resolve to; the first match of each kind wins."""
    from django.urls import get_resolver

    found: dict[str, str] = {}
    for path, _route, callback in _walk(get_resolver(urlconf).url_patterns):
        cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        if cls is None:
            continue
        names = {f"{base.__module__}.{base.__qualname__}" for base in cls.__mro__}
        for view_name, key in AUTH_VIEWS.items():
            if view_name in names and key not in found:
                found[key] = "/" + path.lstrip("/")
    return found
