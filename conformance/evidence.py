"""Evidence of what was sent and received, with every credential redacted.

A report is shared in pull requests and CI artifacts, so no credential may reach it (CWE-532,
insertion of sensitive information into log files). Redaction happens once, when an exchange is
recorded: the ``Redactor`` (conformance/redaction.py) knows every secret the run holds and every
form it takes (URL-encoded, base64, JSON- and ``repr``-escaped; it is told about each one,
including probe values such as an upper-cased or truncated key, before it is sent) and replaces
it with a label; credential-bearing headers, cookies, query parameters and JSON fields are masked whatever
their value. The ``curl`` line reproduces the request with ``$CONFORMANCE_<ROLE>`` variables in
place of secrets, the names the credentials file and environment use.
"""

from __future__ import annotations

import json
import re
import shlex
import unicodedata
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# The secret registry lives in conformance/redaction.py; these names stay importable from here.
from conformance.redaction import CREDENTIAL_FIELDS, MIN_SECRET_LENGTH, Redactor, env_name  # noqa: F401

BODY_EXCERPT_BYTES = 2048
HEADER_EXCERPT_CHARS = 256

# Headers whose value is a credential whatever it looks like.
CREDENTIAL_HEADERS = {"authorization", "proxy-authorization", "x-api-key", "x-csrftoken"}
COOKIE_HEADERS = {"cookie", "set-cookie"}


def _text(value: str | bytes | None, limit: int, size: int | None = None) -> str | None:
    """``value`` as text, cut at ``limit`` characters with a marker giving the real size (``size``
    when the caller knows it, e.g. the byte length of a body, else the length held here)."""
    if value is None:
        return None
    if isinstance(value, bytes):
        size = size or len(value)
        value = value.decode("utf-8", errors="replace")
    if len(value) > limit:
        return value[:limit] + cut_marker(size or len(value))
    return value


def cut_marker(size: int) -> str:
    """Said wherever a body is cut, so nobody mistakes an excerpt for the whole (issue 17)."""
    return f" [... cut here: the whole is {size:,} bytes]"


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


def redact_body(body: str | bytes | None, content_type: str, redactor: Redactor,
                size: int | None = None) -> str | None:
    """The body redacted and cut to an excerpt whose marker gives its real size: ``size`` when
    more was sent than was read (a Content-Length past ``MAX_BODY_BYTES``), else its length."""
    if body is None:
        return None
    raw_size = len(body) if isinstance(body, bytes) else len(body.encode("utf-8", errors="replace"))
    size = max(size or 0, raw_size)
    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
    text = text[: 1 << 20]
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
    text = redactor.redact(text)  # all of it: a cut first could leave half a secret behind
    if len(text) > BODY_EXCERPT_BYTES or size > raw_size:
        return text[:BODY_EXCERPT_BYTES] + cut_marker(size)
    return text


def curl_line(method: str, url: str, headers: list[tuple[str, str]], body: str | bytes | None,
              redactor: Redactor, insecure: bool = False, ca_bundle: str | None = None) -> str:
    """A shell line reproducing the request, secrets replaced by ``${CONFORMANCE_<ROLE>}``.

    It replays as written once those variables are exported (issue 17): every word is quoted for
    POSIX shells, bytes the shell would mangle or a terminal would obey (ESC, NUL, other control
    and non-ASCII header bytes) are written as ``$'\\xHH'``, a TLS CA bundle the run trusted is
    passed as ``--cacert``, and a body too long for one line is generated by a pipeline when it is
    mostly repeated characters, or cut with a comment giving its real size.
    """
    parts = ["curl", "-i", "-X", method]
    if insecure:
        parts.append("--insecure")
    elif ca_bundle:
        parts += ["--cacert", shlex.quote(ca_bundle)]
    words = [" ".join(parts), shlex.quote(_shell_url(url, redactor))]
    for name, value in headers:
        raw = value if isinstance(value, bytes) else str(value).encode("latin-1", errors="replace")
        if len(raw) > HEADER_EXCERPT_CHARS:
            # A header this long is a probe of size limits: rebuild it rather than print it.
            words.append("-H " + _double_quote(f"{name}: ") + _repeated_word(raw, redactor))
            continue
        text = raw.decode("latin-1")  # http.client sends header text as Latin-1 bytes
        words.append("-H " + shell_word(redactor.for_shell(f"{name}: {text}"), latin1=True))
    prefix, suffix = "", ""
    if body:
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        if len(data) <= BODY_EXCERPT_BYTES and b"\x00" not in data:
            words.append("--data-binary " + shell_word(redactor.for_shell(_decode_body(data))))
        else:
            pipeline = _body_pipeline(data, redactor)
            if pipeline is not None:
                prefix = pipeline + " | "
                words.append("--data-binary @-")
            else:
                # Redact the whole body, then cut: a cut first could leave half a secret behind.
                excerpt = redactor.for_shell(_decode_body(data))[:BODY_EXCERPT_BYTES]
                words.append("--data-binary " + shell_word(excerpt))
                suffix = f"  # body cut: {BODY_EXCERPT_BYTES:,} of {len(data):,} bytes shown"
    return prefix + " ".join(words) + suffix


def _decode_body(data: bytes) -> str:
    # Undecodable bytes become lone surrogates, which shell_word writes back as the same bytes.
    return data.decode("utf-8", errors="surrogateescape")


# A run of one character at least this long is generated, not printed. Found in two steps: the
# first 256 equal bytes (a bounded backreference), then the rest by a one-byte repeat. The
# unbounded ``(.)\1{255,}`` made the regex engine keep a backtracking state per repeated byte:
# 240 MiB for the 3 MiB body of DRFC-904's oversized login, the peak of every audit (issue 16).
_RUN_LENGTH = 256
_RUN_START = re.compile(rb"(.)\1{%d}" % (_RUN_LENGTH - 1), re.DOTALL)


def _runs(data: bytes):
    """(start, end, byte) of each run of one byte at least ``_RUN_LENGTH`` long."""
    position = 0
    while (match := _RUN_START.search(data, position)) is not None:
        byte = match.group(1)
        end = match.end()
        while data[end:end + _RUN_LENGTH] == byte * _RUN_LENGTH:  # whole blocks, then the tail
            end += _RUN_LENGTH
        while end < len(data) and data[end:end + 1] == byte:
            end += 1
        yield match.start(), end, byte
        position = end


def _body_pipeline(data: bytes, redactor: Redactor) -> str | None:
    """``{ printf ...; head -c N /dev/zero | tr ...; }``: a body of long repeated runs (oversized
    inputs) rebuilt byte for byte on stdin, where no argument-length limit applies."""
    steps, literal, position = [], 0, 0

    def printf(chunk: bytes) -> None:
        # A shell word cannot hold a NUL byte: printf's own escape writes it.
        for number, part in enumerate(chunk.split(b"\x00")):
            if number:
                steps.append("printf '\\000'")
            if part:
                steps.append("printf '%s' " + shell_word(redactor.for_shell(_decode_body(part))))

    for start, end, byte in _runs(data):
        if start > position:
            chunk = data[position:start]
            literal += len(chunk)
            printf(chunk)
        if byte == b"\x00":
            steps.append(f"head -c {end - start} /dev/zero")
        else:
            steps.append(f"head -c {end - start} /dev/zero | tr '\\0' " + shell_word(_decode_body(byte)))
        position = end
    if position < len(data):
        chunk = data[position:]
        literal += len(chunk)
        printf(chunk)
    if literal > BODY_EXCERPT_BYTES:
        return None
    return "{ " + "; ".join(steps) + "; }"


def _repeated_word(raw: bytes, redactor: Redactor) -> str:
    if len(raw) >= _RUN_LENGTH and raw == raw[:1] * len(raw):
        return f'"$(head -c {len(raw)} /dev/zero | tr ' + "'\\0' " + shell_word(_decode_body(raw[:1])) + ')"'
    # Redact the whole value, then cut: a cut first could leave half a secret behind.
    excerpt = redactor.for_shell(raw.decode("latin-1"))[:32]
    return shell_word(excerpt, latin1=True) + f"  # header cut: 32 of {len(raw):,} bytes shown"


def _shell_url(url: str, redactor: Redactor) -> str:
    # The URL is single-quoted, so no variable could expand there: redact instead.
    return redact_url(url, redactor)


def shell_word(text: str, latin1: bool = False) -> str:
    """``text`` as one shell word: printable runs double-quoted (so ``${CONFORMANCE_...}``
    expands), anything else as ANSI-C ``$'\\xHH'`` bytes, concatenated. With ``latin1`` the
    characters stand for single bytes (header values); otherwise for UTF-8 (bodies, where lone
    surrogates carry bytes that were not UTF-8)."""
    pieces, plain = [], []
    for char in text:
        if _printable(char, latin1):
            plain.append(char)
            continue
        if plain:
            pieces.append(_double_quote("".join(plain)))
            plain = []
        if 0xDC80 <= ord(char) <= 0xDCFF:
            raw = bytes([ord(char) - 0xDC00])
        else:
            raw = char.encode("latin-1") if latin1 else char.encode("utf-8", errors="surrogatepass")
        pieces.append("$'" + "".join(f"\\x{b:02x}" for b in raw) + "'")
    if plain or not pieces:
        pieces.append(_double_quote("".join(plain)))
    return "".join(pieces)


def _printable(char: str, latin1: bool) -> bool:
    code = ord(char)
    if code < 0x20 or code == 0x7F:
        return False
    if code < 0x7F:
        return True
    if latin1 or 0xD800 <= code <= 0xDFFF:
        return False
    return unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn")


def _double_quote(text: str) -> str:
    # Double quotes so ${CONFORMANCE_...} expands; escape what the shell would interpret.
    escaped = re.sub(r'(["\\`])', r"\\\1", text)
    escaped = re.sub(r"\$(?!\{CONFORMANCE_)", r"\\$", escaped)
    escaped = escaped.replace("!", '"\'!\'"')  # bash history expansion works inside "..."
    return f'"{escaped}"'
