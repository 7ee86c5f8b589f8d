"""The egress gate: the one place that decides where the suite may send a request.

The suite carries a team's real credentials, so no input may steer a request elsewhere: not an
endpoints-file line, not a served OpenAPI document's path or ``example``, not a redirect (never
followed, see ``conformance/http.py``), not a declared auth path. Every request passes
``EgressGate.check`` before a socket opens. It allows only

- the target's origin (scheme, host, port; RFC 6454) under the target's base path, and
- the declared plain-HTTP origin (``HTTP_URL``, or the derived ``http://`` one) under its path,

after normalising the path the way a server or a proxy on the way might: percent-encoded dots,
slashes and backslashes decoded (repeatedly: ``%252e`` too), backslashes read as slashes, and dot
segments removed (RFC 3986 section 5.2.4). User information in a URL is never allowed: requests
would turn it into a Basic ``Authorization`` header on every "anonymous" probe (CWE-522).

``path_problem`` is the same rule for a path before any URL exists, so discovery can refuse a
hostile endpoints file or OpenAPI document as a usage error naming the line or JSON pointer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
_ABSOLUTE = re.compile(r"^/*[A-Za-z][A-Za-z0-9+.\-]*:/{2}")  # scheme://, after any leading slashes
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_URL_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # a space in a URL is quoted by requests; CR/LF never


class EgressRefused(Exception):
    """A request that would leave the target's origin or base path: refused, never sent (outcome ``error``)."""


@dataclass(frozen=True)
class Origin:
    scheme: str
    host: str
    port: int

    def __str__(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"


def _decoded(path: str) -> str:
    """``path`` as a lenient server might read it: percent-decoding until it stops changing (a few
    rounds at most), backslashes as slashes."""
    for _ in range(4):
        decoded = unquote(path)
        if decoded == path:
            break
        path = decoded
    return path.replace("\\", "/")


def remove_dot_segments(path: str) -> tuple[str, bool]:
    """RFC 3986 section 5.2.4 on segments; also says whether a ``..`` climbed above the root."""
    output: list[str] = []
    climbed = False
    segments = path.split("/")
    for index, segment in enumerate(segments):
        if segment == ".":
            continue
        if segment == "..":
            if len(output) > 1:
                output.pop()
            else:
                climbed = True
            continue
        output.append(segment)
    normalised = "/".join(output)
    if segments and segments[-1] in (".", "..") and not normalised.endswith("/"):
        normalised += "/"  # "/a/b/.." is the directory "/a/"
    return normalised if normalised.startswith("/") else "/" + normalised, climbed


def path_problem(path: str) -> str | None:
    """Why ``path`` (joined onto a base URL) could lead off the target or above its base path;
    None when it is safe. The words fit after "the path ...". """
    if _CONTROL.search(path):
        return "contains whitespace or control characters"
    decoded = _decoded(path)
    if _ABSOLUTE.match(decoded):
        return "is an absolute URL (scheme://host); give a path under --target-url"
    if decoded.startswith("//"):
        return "is a scheme-relative URL (//host); give a path under --target-url"
    if _CONTROL.search(decoded):
        return "contains encoded whitespace or control characters"
    _, climbed = remove_dot_segments("/" + decoded.lstrip("/"))
    if climbed:
        return "climbs above the base path with '..' segments"
    return None


def value_problem(value: str) -> str | None:
    """Why a value filled into a path (an OpenAPI ``example``) could steer it; None when safe."""
    decoded = _decoded(value)
    if _ABSOLUTE.match(decoded) or decoded.startswith("//"):
        return "is an absolute URL"
    if any(segment == ".." for segment in decoded.split("/")):
        return "contains '..' segments"
    if _CONTROL.search(decoded):
        return "contains whitespace or control characters"
    return None


def origin_of(url: str) -> Origin:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return Origin(scheme, (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(scheme, 0))


def has_userinfo(url: str) -> bool:
    parts = urlsplit(url)
    return parts.username is not None or parts.password is not None or "@" in parts.netloc


def without_userinfo(url: str) -> str:
    """``url`` without its ``user:password@`` part, so a refusal never prints a password."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()


REFUSAL_MARK = "(contract section 6)"


def egress_warnings(results) -> list[str]:
    """One run warning when the gate refused requests: a check's error alone hides, among hundreds
    of results, that the target (a redirect, a schema, an answer) tried to steer the suite away."""
    refusals = [result for result in results
                if result.outcome == "error" and "not sent:" in result.detail and REFUSAL_MARK in result.detail]
    if not refusals:
        return []
    checks = sorted({result.check_id for result in refusals})
    return [f"{len(refusals)} request(s) were not sent because they left the target's origin or base path "
            f"(checks {', '.join(checks)}); first: {refusals[0].detail}"]


class EgressGate:
    """The allowed origins and their base paths; ``check(url)`` raises ``EgressRefused`` for the rest."""

    def __init__(self, base_url: str, plain_http_url: str | None = None):
        self.allowed: dict[Origin, str] = {}
        self.refused: list[str] = []  # every refusal, for the run's account of itself
        self.allow(base_url)
        if plain_http_url:
            self.allow(plain_http_url)

    def allow(self, base_url: str) -> None:
        """Allow ``base_url``'s origin under its path (a second base on the same origin keeps the
        wider of the two prefixes)."""
        if has_userinfo(base_url):
            raise ValueError("a base URL with user information (user:password@) is never allowed")
        origin = origin_of(base_url)
        prefix = remove_dot_segments(_decoded(urlsplit(base_url).path or "/"))[0].rstrip("/") + "/"
        self.allowed.setdefault(origin, prefix)  # the target's own base path wins on its origin

    def describe(self) -> str:
        return " or ".join(f"{origin}{prefix}" for origin, prefix in self.allowed.items())

    def check(self, method: str, url: str, shown: str | None = None) -> None:
        """Raise ``EgressRefused`` unless ``url`` is on an allowed origin under its base path.

        ``shown`` is the URL as it may be printed (redacted by the caller).
        """
        reason = self._problem(url)
        if reason is not None:
            shown = without_userinfo(shown or url)
            message = (f"not sent: {method} {shown} {reason}; the suite only sends to "
                       f"{self.describe()} {REFUSAL_MARK}")
            self.refused.append(message)
            raise EgressRefused(message)

    def _problem(self, url: str) -> str | None:
        try:
            parts = urlsplit(url)
            origin = origin_of(url)
        except ValueError:
            return "is not a valid URL"
        if has_userinfo(url):
            return "carries user information (user:password@)"
        if _URL_CONTROL.search(url):
            return "contains control characters"
        prefix = self.allowed.get(origin)
        if prefix is None:
            return f"is on another origin ({origin})"
        path, climbed = remove_dot_segments(_decoded(parts.path or "/"))
        if climbed or not (path + ("/" if not path.endswith("/") else "")).startswith(prefix):
            return f"is outside the base path {prefix}"
        return None
