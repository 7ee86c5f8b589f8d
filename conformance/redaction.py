"""Secrets as a type: every credential of the run, registered once with the forms it takes on the way out.

A credential rarely leaks as itself. A form body carries it URL-encoded (``quote_plus``), a Basic
header as base64 of ``user:password``, an echoing server as JSON- or ``repr``-escaped text, a
hostile server base64-encodes the whole request at any byte offset (CWE-532, CWE-200). So a value
is registered once (``Redactor.add``) with all its derived forms (``derived_forms``), and every
redaction uses them all: headers, URLs, bodies, curl lines, error messages, and the final scrub of
report files and terminal lines (``scrub``).

The length rule (docs/reports.md). A form of ``MIN_SECRET_LENGTH`` characters or more is
redacted wherever it occurs, as a substring. A shorter one (a four-character password) would
shred every text it is a substring of, so it is redacted where it stands as a whole token: not
preceded or followed by a letter or digit. That holds in all evidence (headers, URLs, form and
JSON values, bodies, curl lines, messages). The final scrub of report files searches only the
long forms (a short value such as ``id`` would break the file's own structure), and the terminal
scrub adds the quoted forms of short values (``'pw1'``, ``"pw1"``, as a traceback prints them).

Credentials the run obtains from answers (a login that puts its token in ``X-Auth-Token``, a
``Location`` with ``#access_token=``, a JSON ``token`` field, a ``Set-Cookie`` value), six
characters or more, are registered the moment the answer is recorded (``harvest_answer``),
before it is redacted.

A credential supplied with whitespace or a control character (a trailing newline from ``echo``)
is refused at load (``credential_problem``), before it could reach a header, where requests'
``InvalidHeader`` would print its ``repr``.
"""

from __future__ import annotations

import base64
import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import parse_qsl, quote, quote_plus, unquote_plus, urlsplit

# A form this long is redacted as a substring anywhere; shorter ones only as whole tokens.
MIN_SECRET_LENGTH = 6
# Query, form and JSON field names that carry credentials (RFC 6750 section 2.3 and common habits).
CREDENTIAL_FIELDS = {
    "access_token", "refresh_token", "token", "auth_token", "api_key", "apikey", "key", "jwt",
    "password", "client_secret", "csrfmiddlewaretoken", "code", "id_token", "sessionid",
    "refresh", "access",  # simplejwt's pair (TokenObtainPairView, TokenRefreshView)
}
# JSON fields of a successful answer whose string value is a credential the server issued
# (DRF, DOT, simplejwt, knox and common habits). Not "key" or "code": data and error codes use them.
ISSUED_JSON_FIELDS = {
    "token", "access_token", "refresh_token", "access", "refresh", "id_token", "auth_token", "jwt",
    "api_key", "apikey", "client_secret", "sessionid", "session_key", "password", "secret",
}
# Answer headers whose value is a credential (X-Auth-Token, X-Subject-Token, X-API-Key, ...).
_CREDENTIAL_HEADER = re.compile(r"token|secret|api-?key|^(proxy-)?authorization$|^x-session", re.IGNORECASE)
# ...but not the headers that describe one (X-Token-Expires: 3600, X-Token-Type: Bearer).
_DESCRIBING_HEADER = re.compile(r"expir|ttl|type|lifetime|length|count|max-age|scope|www-authenticate", re.IGNORECASE)
# Answer headers whose URLs may carry one in their query or fragment (RFC 6749 section 4.2.2).
_URL_HEADERS = {"location", "content-location", "link", "refresh"}
_URL_PARAM = re.compile(r"[?#&;]([A-Za-z_][A-Za-z0-9_.-]*)=([^&#\s<>;,\"']+)")
HARVEST_LIMIT = 64  # credentials taken from one answer: a hostile answer cannot flood the registry
_JSON_DEPTH = 8
# Whole-token boundaries of a short form: not inside a run of letters and digits.
_BOUNDARY_BEFORE, _BOUNDARY_AFTER = r"(?<![A-Za-z0-9])", r"(?![A-Za-z0-9])"


def _base64_forms(data: bytes, name: str) -> dict[str, str]:
    """Standard and URL-safe base64, padded and not; and, for a value inside a longer encoded
    stream (an echo of the whole request), the characters that depend on it alone at each of the
    three byte alignments."""
    forms: dict[str, str] = {}
    for alphabet, encode in (("", base64.b64encode), (" urlsafe", base64.urlsafe_b64encode)):
        encoded = encode(data).decode("ascii")
        forms[f"{name}{alphabet}"] = encoded
        forms[f"{name}{alphabet} unpadded"] = encoded.rstrip("=")
        for offset in (0, 1, 2):
            shifted = encode(b"\0" * offset + data).decode("ascii")
            core = shifted[-(-8 * offset // 6):(8 * (offset + len(data))) // 6]
            forms[f"{name}{alphabet} at offset {offset}"] = core
    return forms


def derived_forms(value: str, username: str | None = None) -> dict[str, str]:
    """Every form ``value`` takes on the wire or in text: form name -> text (``raw`` first)."""
    forms = {"raw": value}
    if value.strip() != value and value.strip():
        forms["stripped"] = value.strip()
    for name, encoded in (("url-encoded", quote(value, safe="")), ("url-encoded path", quote(value)),
                          ("form-encoded", quote_plus(value))):
        forms[name] = encoded
        forms[f"{name} lower-case hex"] = re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), encoded)
    # base64 of each way the value goes on the wire: an echo of a whole form body holds it URL-encoded.
    for name in ("raw", "url-encoded", "form-encoded"):
        if name == "raw" or forms[name] != value:
            label = "base64" if name == "raw" else f"base64 of {name}"
            forms.update({k: v for k, v in _base64_forms(forms[name].encode("utf-8"), label).items()
                          if v not in forms.values()})
    if username:
        pair = f"{username}:{value}".encode("utf-8")
        for alphabet, encode in (("", base64.b64encode), (" urlsafe", base64.urlsafe_b64encode)):
            encoded = encode(pair).decode("ascii")
            forms[f"base64{alphabet} of user:password"] = encoded
            forms[f"base64{alphabet} of user:password unpadded"] = encoded.rstrip("=")
    forms["json"] = json.dumps(value)[1:-1]
    forms["json utf-8"] = json.dumps(value, ensure_ascii=False)[1:-1]
    forms["repr"] = repr(value)[1:-1]
    forms["repr of bytes"] = repr(value.encode("utf-8"))[2:-1]
    forms["html"] = html.escape(value)
    return forms


def env_name(role: str) -> str:
    """``token.active`` -> ``CONFORMANCE_TOKEN_ACTIVE`` (contract section 4)."""
    return "CONFORMANCE_" + re.sub(r"[^A-Za-z0-9]+", "_", role).upper()


def credential_problem(value: str) -> str | None:
    """Why ``value`` cannot be sent as a credential, without showing it; None when it can.

    Whitespace or a control character cannot travel in a header (RFC 9110 section 5.5) and is
    almost always a copy mistake (``echo`` adds a newline); requests would raise ``InvalidHeader``
    with the value's ``repr`` in the message.
    """
    for position, char in enumerate(value):
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            where = ("at its end" if position == len(value) - 1 else "at its start" if position == 0
                     else f"at character {position + 1} of {len(value)}")
            what = {"\n": "a newline", "\r": "a carriage return", "\t": "a tab", " ": "a space"}.get(
                char, f"the character U+{ord(char):04X}")
            return f"contains {what} {where}; credentials cannot hold whitespace or control characters"
    return None


@dataclass
class Redactor:
    """Knows every secret of the run, in every form, and replaces it with ``[REDACTED <label>]``.

    A run registers hundreds of secrets (each disposable credential, each derived probe value) and
    redacts every header and body it records, so finding them must not cost per secret: long forms
    are indexed by their first ``MIN_SECRET_LENGTH`` characters, and a text is searched only for
    the forms whose prefix occurs in it. A single regex alternation of every secret, recompiled
    after each registration, took most of an audit's time (docs/benchmarks.md). Short forms are
    few (a weak password): they share one whole-token regex, rebuilt when one is added.
    """

    secrets: dict[str, str] = field(default_factory=dict)  # registered value -> label
    env_roles: dict[str, str] = field(default_factory=dict)  # value -> role for the curl line
    forms: dict[str, str] = field(default_factory=dict, repr=False)  # long form -> its label
    short_forms: dict[str, str] = field(default_factory=dict, repr=False)  # short form -> its label
    _by_prefix: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _short_pattern: re.Pattern | None = field(default=None, repr=False)
    _quoted_short: re.Pattern | None = field(default=None, repr=False)
    _pairs: set = field(default_factory=set, repr=False)
    _pattern: tuple | None = field(default=None, repr=False)

    def add(self, value: str | bytes | None, label: str, role: str | None = None,
            username: str | None = None) -> None:
        """Register ``value`` (any length) and its derived forms; ``role`` names its
        ``$CONFORMANCE_<ROLE>`` variable, ``username`` adds base64 of ``username:value`` (Basic)."""
        if value is None:
            return
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        if not value:
            return
        if role:  # even when known already (harvested from an answer before a login named it)
            self.env_roles.setdefault(value, role)
        if (value, username) in self._pairs:
            return
        self._pairs.add((value, username))
        self.secrets.setdefault(value, label)
        short_added = False
        for name, text in derived_forms(value, username).items():
            if not text or text in self.forms or text in self.short_forms:
                continue
            form_label = label if name == "raw" else f"{label}, {name}"
            if len(text) >= MIN_SECRET_LENGTH:
                self.forms[text] = form_label
                self._by_prefix.setdefault(text[:MIN_SECRET_LENGTH], []).append(text)
            else:
                self.short_forms[text] = form_label
                short_added = True
        if short_added:
            alternatives = "|".join(re.escape(s) for s in sorted(self.short_forms, key=len, reverse=True))
            self._short_pattern = re.compile(f"{_BOUNDARY_BEFORE}(?:{alternatives}){_BOUNDARY_AFTER}")
            quoted = "|".join(re.escape(q + s + q) for s in self.short_forms for q in ("'", '"'))
            self._quoted_short = re.compile(quoted)

    # Finding ---------------------------------------------------------------------------------
    def _present(self, text: str) -> list[str]:
        """The long forms occurring in ``text``, longest first (so a key is not half-replaced by
        its own truncated variant)."""
        by_prefix = self._by_prefix
        if not by_prefix or len(text) < MIN_SECRET_LENGTH:
            return []
        width = MIN_SECRET_LENGTH
        grams = {text[i:i + width] for i in range(len(text) - width + 1)}
        found = [form for gram in grams & by_prefix.keys() for form in by_prefix[gram] if form in text]
        return sorted(found, key=len, reverse=True)

    def _substitute(self, text: str, replacement, short: bool = True) -> str:
        for form in self._present(text):
            text = text.replace(form, replacement(form))
        if short and self._short_pattern is not None:
            text = self._short_pattern.sub(lambda m: replacement(m.group()), text)
        return text

    def pattern(self) -> re.Pattern | None:
        """One regex of every long form, shaped as a trie (a flat alternation of thousands of
        literals is tried one by one at each position): for searching whole report files, where
        building every 6-gram of megabytes of text is the slower way. Rebuilt when forms change."""
        if not self.forms:
            return None
        if self._pattern is None or self._pattern[0] != len(self.forms):
            self._pattern = (len(self.forms), _trie_regex(self.forms))
        return self._pattern[1]

    def _label(self, form: str) -> str:
        return f"[REDACTED {self.forms.get(form) or self.short_forms.get(form) or 'secret'}]"

    def contains_secret(self, text: str | bytes | None) -> bool:
        """Whether ``text`` holds any registered form (short ones as whole tokens)."""
        if not text:
            return False
        if isinstance(text, bytes):
            text = text.decode("latin-1")
        return bool(self._present(text)) or bool(self._short_pattern and self._short_pattern.search(text))

    # Redacting -------------------------------------------------------------------------------
    def redact(self, text: str | None) -> str | None:
        """Evidence and messages: every form, short ones where they stand as whole tokens."""
        if not text:
            return text
        return self._substitute(text, self._label)

    def scrub(self, text: str) -> str:
        """The final scrub of a report file: every long form (a short one could be the file's own
        syntax, ``id`` or ``true``, and is redacted where it was recorded)."""
        if not text:
            return text
        return self._substitute(text, self._label, short=False)

    def scrub_terminal(self, text: str) -> str:
        """The final scrub of a terminal line: every long form, and short ones in quotes
        (``'pw1'``, as a traceback prints a value)."""
        if not text:
            return text
        text = self._substitute(text, self._label, short=False)
        if self._quoted_short is not None:
            text = self._quoted_short.sub(lambda m: m.group()[0] + self._label(m.group()[1:-1]) + m.group()[0], text)
        return text

    def for_shell(self, text: str) -> str:
        """A raw secret with a role becomes ``${CONFORMANCE_ROLE}``; any other form is redacted
        (the variable holds the raw value, not its URL-encoded or base64 form)."""
        def substitute(form: str) -> str:
            role = self.env_roles.get(form)
            return "${%s}" % env_name(role) if role else self._label(form)

        return self._substitute(text, substitute)

    def scrub_tree(self, value: Any, _memo: dict | None = None) -> Any:
        """A copy of a report dict with every string scrubbed (repeated strings scrubbed once)."""
        memo = {} if _memo is None else _memo
        if isinstance(value, str):
            if value not in memo:
                memo[value] = self.scrub(value)
            return memo[value]
        if isinstance(value, dict):
            return {self.scrub_tree(k, memo): self.scrub_tree(v, memo) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.scrub_tree(v, memo) for v in value]
        if hasattr(value, "map_on_load"):  # exchanges read back from disk: scrubbed as they are read
            return value.map_on_load(lambda loaded: self.scrub_tree(loaded))
        return value

    # Registering what answers issue ------------------------------------------------------------
    def harvest_answer(self, status: int, headers: Iterable[tuple[str, Any]], body: bytes | str | None,
                       content_type: str = "", set_cookies: Iterable[str] = ()) -> int:
        """Register every credential of six characters or more an answer carries, before the answer
        is recorded: credential headers (``X-Auth-Token``), credential parameters of URLs in
        ``Location``/``Link`` (``#access_token=``), ``Set-Cookie`` values, and, in a successful
        JSON answer, issued-credential fields (``token``, ``access``...). Returns how many."""
        found: list[tuple[str, str]] = []
        for name, value in headers:
            value = value.decode("latin-1") if isinstance(value, bytes) else str(value)
            lower = name.lower()
            if lower == "set-cookie":
                continue  # read from set_cookies, one value each
            if lower in _URL_HEADERS:
                found += [(f"{param} in {name}", unquote_plus(v)) for param, v in _URL_PARAM.findall(value)
                          if param.lower() in CREDENTIAL_FIELDS]
            elif _CREDENTIAL_HEADER.search(lower) and not _DESCRIBING_HEADER.search(lower):
                word, space, rest = value.strip().partition(" ")
                found.append((f"{name} header", rest.strip() if space and word.isalpha() and rest.strip() else value.strip()))
        for cookie in set_cookies:
            cookie_name, _, cookie_value = cookie.partition(";")[0].partition("=")
            cookie_value = cookie_value.strip().strip('"')
            found.append((f"{cookie_name.strip()} cookie", cookie_value))
        if body and 200 <= status < 400 and "json" in content_type.lower():
            text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
            if any(f'"{name}"' in text for name in ISSUED_JSON_FIELDS):
                try:
                    found += _issued_in_json(json.loads(text), 0)
                except ValueError:
                    pass
        added = 0
        for label, value in found[:HARVEST_LIMIT]:
            # Six characters or more: real issued credentials are long, and a short value read
            # from an answer ("read" in {"access": "read"}) would shred every text it is a word
            # of. The one a login issues and the suite uses is registered by the login at any length.
            if len(value) >= MIN_SECRET_LENGTH and value not in self.secrets and not credential_problem(value):
                self.add(value, f"{label} issued by the target")
                added += 1
        return added


def _trie_regex(words: Iterable[str]) -> re.Pattern:
    """A regex matching any of ``words``, longest first, built as a trie of literals."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        # A chain of single-child nodes is one literal, so recursion (Python's and the regex
        # compiler's) goes only as deep as the branch points: a JWT's encoded forms run to
        # thousands of characters, and one level per character exceeded the recursion limit.
        literal = ""
        while len(node) == 1 and "" not in node:
            (char, node), = node.items()
            literal += char
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return re.escape(literal)
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: a longer one is tried first, then this one
            body = f"(?:{body})?"
        return re.escape(literal) + body

    try:
        return re.compile(build(trie))
    except (RecursionError, re.error):
        # Deeply branching secrets: a flat alternation, longest first, is slower but always compiles.
        return re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))


def _issued_in_json(value: Any, depth: int) -> list[tuple[str, str]]:
    if depth > _JSON_DEPTH:
        return []
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and str(key).lower() in ISSUED_JSON_FIELDS:
                found.append((f"{key} field", item))
            elif isinstance(item, (dict, list)):
                found += _issued_in_json(item, depth + 1)
    elif isinstance(value, list):
        for item in value[:HARVEST_LIMIT]:
            found += _issued_in_json(item, depth + 1)
    return found


_CREDENTIAL_PARAM_IN_TEXT = re.compile(
    r"(?i)\b(" + "|".join(sorted(CREDENTIAL_FIELDS, key=len, reverse=True)) + r")=([^&#\s'\"<>,;)]+)")


def redact_message(text: str, redactor: Redactor) -> str:
    """An error message (a transport failure quoting the URL, say): every registered form, and the
    value of any credential parameter (``access_token=...``) whether registered or not."""
    return _CREDENTIAL_PARAM_IN_TEXT.sub(r"\1=[REDACTED]", redactor.redact(text) or "")


def request_carries_secret(redactor: Redactor, url: str, headers: Iterable[tuple[str, Any]],
                           body: str | bytes | None) -> bool:
    """Whether a prepared request holds any registered form of any secret: in its URL (raw and
    with its query decoded), a header, or its body (raw, and its form fields decoded). The
    plain-HTTP guard asks this of the whole request, not of the raw value in one place: a
    password with ``=+/`` is sent form-encoded, and so was missed (issue 11)."""
    texts = [url, unquote_plus(urlsplit(url).query)]
    for name, value in headers:
        texts.append(f"{name}: {value.decode('latin-1') if isinstance(value, bytes) else value}")
    if body:
        text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else str(body)
        texts.append(text)
        texts += [value for _, value in parse_qsl(text, keep_blank_values=True)]
    return any(redactor.contains_secret(text) for text in texts)
