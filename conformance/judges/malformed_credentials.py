"""Judges and probes of the ``malformed-credentials`` family.

Each probe turns a scheme word and a real secret into the header lines to send; values derived
from the secret are returned too, so the caller can register them with the redactor before
sending (an upper-cased key is still a key).
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass
from typing import Callable

from conformance.http import Answer
from conformance.judges.common import authenticated_like_control, describe
from conformance.results import Verdict

Headers = list[tuple[str, str | bytes]]


@dataclass(frozen=True)
class Malformation:
    name: str
    build: Callable[[str, str], tuple[Headers, list[str]]]  # (word, secret) -> (headers, derived secrets)

    def __str__(self) -> str:
        return self.name


def _random_like(secret: str) -> str:
    alphabet = "".join(sorted(set(secret))) if len(set(secret)) > 8 else string.ascii_letters + string.digits
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in secret)
        if candidate != secret:
            return candidate


def _recase(secret: str) -> str:
    upper = secret.upper()
    return upper if upper != secret else secret.swapcase()


def _auth(value: str | bytes) -> Headers:
    return [("Authorization", value)]


PROBES: tuple[Malformation, ...] = (
    Malformation("empty header", lambda w, s: (_auth(""), [])),
    Malformation("scheme word alone", lambda w, s: (_auth(w), [])),
    Malformation("scheme word and spaces", lambda w, s: (_auth(f"{w}    "), [])),
    Malformation("several keys", lambda w, s: (_auth(f"{w} {_random_like(s)} {s}"), [])),
    Malformation("random key of the right length", lambda w, s: (_auth(f"{w} {_random_like(s)}"), [])),
    Malformation("right key re-cased", lambda w, s: (_auth(f"{w} {_recase(s)}"), [_recase(s)])),
    Malformation("right key padded", lambda w, s: (_auth(f"{w} {s}{s[:7]}x"), [f"{s}{s[:7]}x"])),
    Malformation("right key truncated", lambda w, s: (_auth(f"{w} {s[:-1]}"), [s[:-1]])),
    # Hostile bytes around random characters: no part of the real key may reach the evidence.
    Malformation("non-ASCII UTF-8 bytes", lambda w, s: (_auth(f"{w} {_random_like(s)[:8]}ключ✓".encode("utf-8")), [])),
    Malformation("latin-1 bytes", lambda w, s: (_auth(f"{w} ".encode() + b"\xe9\xe8\xff\xfe" + _random_like(s)[:8].encode()), [])),
    Malformation("control bytes", lambda w, s: (_auth(f"{w} \x01\x02\x1b\x7f{_random_like(s)[:8]}"), [])),
    Malformation("8 KiB value", lambda w, s: (_auth(f"{w} " + "A" * 8192), [])),
    Malformation("64 KiB value", lambda w, s: (_auth(f"{w} " + "A" * 65536), [])),
    Malformation("two Authorization headers", lambda w, s: (
        [("Authorization", f"{w} {_random_like(s)}"), ("Authorization", f"{w} {s}")], [])),
    Malformation("Basic with undecodable base64", lambda w, s: (_auth("Basic !!not*base64=="), [])),
)

PROBES_BY_NAME = {probe.name: probe for probe in PROBES}


def never_authenticates(answer: Answer, control: Answer, anonymous: Answer) -> Verdict:
    expected = "a refusal (4xx) like an anonymous request gets"
    if authenticated_like_control(anonymous, control):
        # Nothing to tell a bad credential from no credential: DRFC-101 reports the open endpoint.
        return Verdict.skip(f"the endpoint answers anonymous requests too (HTTP {anonymous.status}); DRFC-101 reports that")
    if authenticated_like_control(answer, control):
        return Verdict.fail(expected, describe(answer),
                            f"the malformed credential got the answer valid credentials get (HTTP {control.status})")
    return Verdict.ok(expected, describe(answer))


def refused_without_server_error(answer: Answer) -> Verdict:
    expected = "a 4xx answer"
    if answer.status >= 500:
        return Verdict.fail(expected, describe(answer), "the authentication path raised instead of refusing")
    return Verdict.ok(expected, describe(answer))
