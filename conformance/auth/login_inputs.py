"""Malformed login bodies for DRFC-904: client errors every login endpoint must refuse with a 4xx.

Each builder takes the well-formed login form (with a wrong password, so nothing could be issued
even where the input were accepted) and returns the body and its content type.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlencode

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
# Larger than Django's DATA_UPLOAD_MAX_MEMORY_SIZE default (2.5 MiB): RequestDataTooBig, a 400.
OVERSIZED_BYTES = 3 * 1024 * 1024


def _json(value) -> tuple[bytes, str]:
    return json.dumps(value).encode(), JSON


def _without_credentials(form: dict, fields) -> dict:
    return {k: v for k, v in form.items() if k not in (fields.username, fields.password)}


@dataclass(frozen=True)
class BadInput:
    name: str
    # (the well-formed form, the login's field names: conformance.auth.login.LoginFields)
    builder: Callable[[dict, Any], tuple[bytes, str]]

    def build(self, form: dict, fields=None) -> tuple[bytes, str]:
        """The body and content type, with the login's own field names (``username`` by default)."""
        from conformance.auth.login import DEFAULT_FIELDS

        return self.builder(form, fields or DEFAULT_FIELDS)

    def __str__(self) -> str:
        return self.name


BAD_INPUTS: tuple[BadInput, ...] = (
    BadInput("missing fields", lambda form, f: _json(_without_credentials(form, f))),
    BadInput("password missing", lambda form, f: _json({k: v for k, v in form.items() if k != f.password})),
    BadInput("numbers and lists", lambda form, f: _json({**form, f.username: 12345, f.password: ["a", "b"]})),
    BadInput("objects", lambda form, f: _json({**form, f.username: {"$gt": ""}, f.password: {"$gt": ""}})),
    BadInput("nulls", lambda form, f: _json({**form, f.username: None, f.password: None})),
    BadInput("JSON list", lambda form, f: _json([form])),
    BadInput("JSON string", lambda form, f: _json(f.username)),
    BadInput("truncated JSON", lambda form, f: (f'{{"{f.username}": "'.encode(), JSON)),
    BadInput("NUL byte in username", lambda form, f: _json({**form, f.username: "conformance\x00user"})),
    BadInput("repeated form fields", lambda form, f: (urlencode(
        [(f.username, "a"), (f.username, "b"), (f.password, "x"), (f.password, "y"),
         *_without_credentials(form, f).items()]).encode(), FORM)),
    BadInput("undecodable bytes", lambda form, f: (
        f"{f.username}=%ff%fe".encode() + b"\xff&" + f"{f.password}=".encode() + b"\xfe\xff&" +
        urlencode(_without_credentials(form, f)).encode(), FORM)),
    BadInput("oversized body", lambda form, f: (urlencode({**form, f.username: "a" * OVERSIZED_BYTES}).encode(), FORM)),
)
