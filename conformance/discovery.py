"""Endpoint discovery from Django's URL resolver (in-process mode).

Every URL pattern whose view is a DRF ``APIView`` (including ViewSets mapped by a router) becomes
one endpoint per allowed method. Path converters are filled with placeholders that a Django
fixture can make real (``CONFORMANCE['FIXTURES']``); a regex route gets the shortest path it
matches, with ``1`` in each group that accepts it.
"""

from __future__ import annotations

import re

from conformance.endpoints import Endpoint
from conformance.auth.schemes import scheme_of

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
    r"""A path the regex matches, each group a placeholder fixtures can make real where it fits.

    The shortest match is read off re's own parse tree, so a route such as
    ``(?P<sku>[A-Z]{3}-\d{4})`` gets ``AAA-1111``, and a router's ``(?P<pk>[^/.]+)`` gets ``1``.
    """
    tree = _sre_parser.parse(pattern)
    names = {number: name for name, number in tree.state.groupdict.items()}
    choices: dict[int, str] = {}
    for group in range(1, tree.state.groups):
        # The placeholder of the path converter the group's name suggests, as for routes.
        textual = any(word in names.get(group, "") for word in ("slug", "name", "code"))
        for candidate in (("conformance", "1") if textual else ("1", "conformance")):
            if re.match(pattern, _example(tree, {**choices, group: candidate})):
                choices[group] = candidate
                break
    return _example(tree, choices)


# re's own parser (``re._parser`` since 3.11, ``sre_parse`` before).
try:
    import re._parser as _sre_parser  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_parse as _sre_parser  # type: ignore[no-redef]

_CATEGORY_EXAMPLES = {"CATEGORY_DIGIT": "1", "CATEGORY_WORD": "a", "CATEGORY_SPACE": " ",
                      "CATEGORY_NOT_DIGIT": "a", "CATEGORY_NOT_WORD": "-", "CATEGORY_NOT_SPACE": "a"}


def _example(tree, choices: dict[int, str]) -> str:
    return "".join(_example_item(op, argument, choices) for op, argument in tree)


def _example_item(op, argument, choices: dict[int, str]) -> str:
    name = str(op)
    if name == "LITERAL":
        return chr(argument)
    if name == "NOT_LITERAL":
        return "1" if argument != ord("1") else "2"
    if name == "ANY":
        return "1"
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _high, item = argument
        return _example(item, choices) * low
    if name == "SUBPATTERN":
        group, item = argument[0], argument[-1]
        return choices[group] if group in choices else _example(item, choices)
    if name == "BRANCH":
        return _example(argument[1][0], choices)
    if name == "IN":
        return _set_example(argument)
    if name == "CATEGORY":
        return _CATEGORY_EXAMPLES.get(str(argument), "a")
    return ""  # anchors and lookarounds match no characters


def _set_example(members) -> str:
    negated = any(str(op) == "NEGATE" for op, _ in members)
    if negated:
        excluded = {arg for op, arg in members if str(op) == "LITERAL"}
        return "1" if ord("1") not in excluded else "a"
    for op, argument in members:
        if str(op) == "LITERAL":
            return chr(argument)
        if str(op) == "RANGE":
            low, high = argument
            return "1" if low <= ord("1") <= high else chr(low)
        if str(op) == "CATEGORY":
            return _CATEGORY_EXAMPLES.get(str(argument), "a")
    return "a"


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


def _is_format_suffix(route: str) -> bool:
    # DRF's format_suffix_patterns copies every route with a `format` parameter (".json");
    # the copy adds nothing to audit. Its root copy is a bare converter, so match the name.
    return bool(re.search(r"\(\?P<format>|<(?:\w+:)?format>", route))


def discover(urlconf: str | None = None, problems: list[str] | None = None) -> list[Endpoint]:
    """Every DRF view of the URLconf, one ``Endpoint`` per allowed method, sorted.

    A view that cannot be read (a library's odd attribute that raises) is left out with one line
    in ``problems`` naming the view, the path and the exception, never a crash of the whole run
    (issue 13).
    """
    from django.urls import get_resolver
    from rest_framework.views import APIView

    seen: set[tuple[str, str]] = set()
    endpoints: list[Endpoint] = []
    for path, route, callback in _walk(get_resolver(urlconf).url_patterns):
        try:
            cls = getattr(callback, "cls", None)
            if cls is None or not issubclass(cls, APIView) or _is_format_suffix(route):
                continue
            path = "/" + path.lstrip("/")
            initkwargs = getattr(callback, "initkwargs", {}) or {}
            auth_classes = initkwargs.get("authentication_classes", cls.authentication_classes)
            schemes = tuple(dict.fromkeys(scheme_of(a) for a in auth_classes))
            view = f"{cls.__module__}.{cls.__qualname__}"
            methods = _methods(callback)
        except Exception as exc:
            if problems is None:
                raise
            first_line = (str(exc).strip().splitlines() or [""])[0][:200]
            problems.append(f"discovery: /{path.lstrip('/')} ({getattr(callback, '__qualname__', callback)}) "
                            f"was left out: {type(exc).__name__}: {first_line}")
            continue
        for method in methods:
            if (method, path) in seen:
                continue
            seen.add((method, path))
            endpoints.append(Endpoint(method, path, route, view, schemes))
    return sorted(endpoints, key=lambda e: (e.path, e.method))


# Views that identify an auth endpoint, by dotted base-class name (any subclass counts).
AUTH_VIEWS = {
    "rest_framework.authtoken.views.ObtainAuthToken": "TOKEN_LOGIN_PATH",
    # knox's login takes the password as Basic credentials, not as form fields: a key of its own.
    "knox.views.LoginView": "KNOX_LOGIN_PATH",
    "rest_framework_simplejwt.views.TokenObtainPairView": "JWT_LOGIN_PATH",
    "rest_framework_simplejwt.views.TokenRefreshView": "JWT_REFRESH_PATH",
    "rest_framework_simplejwt.views.TokenBlacklistView": "JWT_BLACKLIST_PATH",
    "knox.views.LogoutView": "LOGOUT_PATH",
    # djoser's token login answers {"auth_token": ...}; its logout deletes the user's token
    # (issue 14). Its /auth/jwt/create/ is simplejwt's TokenObtainPairView: JWT_LOGIN_PATH above.
    "djoser.views.TokenCreateView": "DJOSER_LOGIN_PATH",
    "djoser.views.TokenDestroyView": "LOGOUT_PATH",
    "knox.views.LogoutAllView": "LOGOUT_ALL_PATH",
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
        for key in _stack_endpoint_keys(names, callback):
            if key not in found:
                found[key] = "/" + path.lstrip("/")
    return found


def _stack_endpoint_keys(names: set[str], callback=None) -> tuple[str, ...]:
    """Keys of views whose meaning depends on their library's settings (one adapter each)."""
    keys: tuple[str, ...] = ()
    if any(name.startswith("dj_rest_auth.") for name in names):  # USE_JWT decides token or JWT login
        from conformance.auth.stacks import dj_rest_auth

        keys += dj_rest_auth.endpoint_keys(names)
    if any(name.startswith("allauth.headless.") for name in names):  # the app client's views only
        from conformance.auth.stacks import allauth_headless

        keys += allauth_headless.endpoint_keys(names, callback)
    return keys
