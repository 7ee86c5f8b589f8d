"""Evidence of what was sent and received, with every credential redacted.

A report is shared in pull requests and CI artifacts, so no credential may reach it (CWE-532,
insertion of sensitive information into log files). Redaction happens once, when an exchange is
recorded: the ``Redactor`` knows every secret the run holds (it is told about each one, including
derived values such as an upper-cased or truncated key, before it is sent) and replaces it with a
label; credential-bearing headers, cookies, query parameters and JSON fields are masked whatever
their value. The ``curl`` line reproduces the request with ``$CONFORMANCE_<ROLE>`` variables in
place of secrets, the names the credentials file and environment use.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

BODY_EXCERPT_BYTES = 2048
HEADER_EXCERPT_CHARS = 256

# Headers whose value is a credential whatever it looks like.
CREDENTIAL_HEADERS = {"authorization", "proxy-authorization", "x-api-key", "x-csrftoken"}
COOKIE_HEADERS = {"cookie", "set-cookie"}
# Query, form and JSON field names that carry credentials (RFC 6750 section 2.3 and common habits).
CREDENTIAL_FIELDS = {
    "access_token", "refresh_token", "token", "auth_token", "api_key", "apikey", "key", "jwt",
    "password", "client_secret", "csrfmiddlewaretoken", "code", "id_token", "sessionid",
}
# Never redact values shorter than this: a two-letter "secret" would shred the evidence.
MIN_SECRET_LENGTH = 6


def env_name(role: str) -> str:
    """``token.active`` -> ``CONFORMANCE_TOKEN_ACTIVE`` (contract section 4)."""
    return "CONFORMANCE_" + re.sub(r"[^A-Za-z0-9]+", "_", role).upper()


@dataclass
class Redactor:
    """Knows every secret of the run and replaces it with ``[REDACTED <label>]``.

    A run registers hundreds of secrets (each disposable credential, each derived probe value) and
    redacts every header and body it records, so finding them must not cost per secret: secrets
    are indexed by their first ``MIN_SECRET_LENGTH`` characters, and a text is searched only for
    the secrets whose prefix occurs in it. A single regex alternation of every secret, recompiled
    after each registration, took most of an audit's time (docs/benchmarks.md).
    """

    secrets: dict[str, str] = field(default_factory=dict)  # value -> label
    env_roles: dict[str, str] = field(default_factory=dict)  # value -> role for the curl line
    _by_prefix: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def add(self, value: str | bytes | None, label: str, role: str | None = None) -> None:
        """Register ``value`` as a secret; ``role`` names its ``$CONFORMANCE_<ROLE>`` variable."""
        if value is None:
            return
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        if len(value) < MIN_SECRET_LENGTH or value in self.secrets:
            return
        self.secrets[value] = label
        if role:
            self.env_roles[value] = role
        self._by_prefix.setdefault(value[:MIN_SECRET_LENGTH], []).append(value)

    def _present(self, text: str) -> list[str]:
        """The secrets occurring in ``text``, longest first (so a key is not half-replaced by its
        own truncated variant)."""
        by_prefix = self._by_prefix
        if not by_prefix or len(text) < MIN_SECRET_LENGTH:
            return []
        width = MIN_SECRET_LENGTH
        grams = {text[i:i + width] for i in range(len(text) - width + 1)}
        found = [secret for gram in grams & by_prefix.keys() for secret in by_prefix[gram] if secret in text]
        return sorted(found, key=len, reverse=True)

    def _substitute(self, text: str, replacement) -> str:
        for secret in self._present(text):
            text = text.replace(secret, replacement(secret))
        return text

    def redact(self, text: str | None) -> str | None:
        if not text:
            return text
        return self._substitute(text, lambda secret: f"[REDACTED {self.secrets[secret]}]")

    def for_shell(self, text: str) -> str:
        """Secrets with a role become ``${CONFORMANCE_ROLE}``; others are redacted."""

        def substitute(secret: str) -> str:
            role = self.env_roles.get(secret)
            return "${%s}" % env_name(role) if role else "[REDACTED]"

        return self._substitute(text, substitute)


def _text(value: str | bytes | None, limit: int) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if len(value) > limit:
        return value[:limit] + f"... [{len(value) - limit} more characters]"
    return value


def _mask_credential_header(value: str) -> str:
    scheme, _, credential = value.partition(" ")
    if not credential:
        return f"[REDACTED {len(value)} characters]" if value else value
    return f"{scheme} [REDACTED {len(credential)} characters]"


# requests joins repeated Set-Cookie headers with ", " (RFC 9110 section 5.3 folding), so one value
# can hold several cookies. A comma also occurs inside "expires=Tue, 29 Dec 2026", but there what
# follows it is not a "name=" pair: split only where it is.
_JOINED_SET_COOKIES = re.compile(r",\s*(?=[^;,=\s]+=)")


def _mask_cookie_pairs(value: str, set_cookie: bool) -> str:
    if set_cookie:
        masked_cookies = []
        for one_cookie in _JOINED_SET_COOKIES.split(value):
            name_value, sep, attributes = one_cookie.partition(";")
            name, eq, cookie = name_value.partition("=")
            masked = f"{name}={'[REDACTED]' if cookie.strip() else ''}" if eq else name_value
            masked_cookies.append(masked + sep + attributes)
        return ", ".join(masked_cookies)
    pairs = []
    for pair in value.split(";"):
        name, eq, cookie = pair.partition("=")
        pairs.append(f"{name}=[REDACTED]" if eq else pair)
    return ";".join(pairs)


def redact_headers(headers: dict[str, Any] | list[tuple[str, Any]], redactor: Redactor) -> dict[str, str]:
    items = headers.items() if isinstance(headers, dict) else headers
    redacted: dict[str, str] = {}
    for name, value in items:
        text = _text(value, 1 << 20) or ""
        lower = name.lower()
        known = redactor.redact(text)
        if lower in CREDENTIAL_HEADERS:
            # A known secret keeps its label; anything else is masked by length only.
            text = known if known != text else _mask_credential_header(text)
        elif lower in COOKIE_HEADERS:
            text = _mask_cookie_pairs(text, set_cookie=lower == "set-cookie")
        else:
            text = known
        text = _text(text, HEADER_EXCERPT_CHARS)
        redacted[name] = f"{redacted[name]}, {text}" if name in redacted else text
    return redacted


def redact_url(url: str, redactor: Redactor) -> str:
    parts = urlsplit(url)
    if not parts.query:
        return redactor.redact(url)
    query = [
        (name, "[REDACTED]" if name.lower() in CREDENTIAL_FIELDS else value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return redactor.redact(urlunsplit(parts._replace(query=urlencode(query, safe="[] "))))


def _redact_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: "[REDACTED]" if str(k).lower() in CREDENTIAL_FIELDS and v else _redact_json(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_redact_json(v) for v in value]
    return value


def redact_body(body: str | bytes | None, content_type: str, redactor: Redactor) -> str | None:
    text = _text(body, 1 << 20)
    if not text:
        return text
    if "json" in content_type:
        try:
            text = json.dumps(_redact_json(json.loads(text)), ensure_ascii=False)
        except ValueError:
            pass
    elif "x-www-form-urlencoded" in content_type:
        pairs = parse_qsl(text, keep_blank_values=True)
        text = urlencode(
            [(k, "[REDACTED]" if k.lower() in CREDENTIAL_FIELDS else v) for k, v in pairs], safe="[] "
        )
    return _text(redactor.redact(text), BODY_EXCERPT_BYTES)


def curl_line(method: str, url: str, headers: list[tuple[str, str]], body: str | bytes | None,
              redactor: Redactor, insecure: bool = False) -> str:
    """A shell line reproducing the request, secrets replaced by ``$CONFORMANCE_<ROLE>``."""
    parts = ["curl", "-i", "-X", method]
    if insecure:
        parts.append("--insecure")
    words = [" ".join(parts), shlex.quote(_shell_url(url, redactor))]
    for name, value in headers:
        value = value.decode("latin-1") if isinstance(value, bytes) else str(value)
        if len(value) > HEADER_EXCERPT_CHARS:
            value = value[:32] + f"...[{len(value)} characters]"
        words.append("-H " + _double_quote(redactor.for_shell(f"{name}: {value}")))
    if body:
        text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
        words.append("--data-binary " + _double_quote(redactor.for_shell(text[:BODY_EXCERPT_BYTES])))
    return " ".join(words)


def _shell_url(url: str, redactor: Redactor) -> str:
    # The URL is single-quoted, so no variable could expand there: redact instead.
    return redact_url(url, redactor)


def _double_quote(text: str) -> str:
    # Double quotes so ${CONFORMANCE_...} expands; escape what the shell would interpret.
    escaped = re.sub(r'(["\\`])', r"\\\1", text)
    escaped = re.sub(r"\$(?!\{CONFORMANCE_)", r"\\$", escaped)
    return f'"{escaped}"'
