"""Malformed login bodies for DRFC-904: client errors every login endpoint must refuse with a 4xx.

Each builder takes the well-formed login form (with a wrong password, so nothing could be issued
even where the input were accepted) and returns the body and its content type.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlencode

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
# Larger than Django's DATA_UPLOAD_MAX_MEMORY_SIZE default (2.5 MiB): RequestDataTooBig, a 400.
OVERSIZED_BYTES = 3 * 1024 * 1024


def _json(value) -> tuple[bytes, str]:
    return json.dumps(value).encode(), JSON


def _without_credentials(form: dict) -> dict:
    return {k: v for k, v in form.items() if k not in ("username", "password")}


@dataclass(frozen=True)
class BadInput:
    name: str
    build: Callable[[dict], tuple[bytes, str]]

    def __str__(self) -> str:
        return self.name


BAD_INPUTS: tuple[BadInput, ...] = (
    BadInput("missing fields", lambda form: _json(_without_credentials(form))),
    BadInput("password missing", lambda form: _json({k: v for k, v in form.items() if k != "password"})),
    BadInput("numbers and lists", lambda form: _json({**form, "username": 12345, "password": ["a", "b"]})),
    BadInput("objects", lambda form: _json({**form, "username": {"$gt": ""}, "password": {"$gt": ""}})),
    BadInput("nulls", lambda form: _json({**form, "username": None, "password": None})),
    BadInput("JSON list", lambda form: _json([form])),
    BadInput("JSON string", lambda form: _json("username")),
    BadInput("truncated JSON", lambda form: (b'{"username": "', JSON)),
    BadInput("NUL byte in username", lambda form: _json({**form, "username": "conformance\x00user"})),
    BadInput("repeated form fields", lambda form: (urlencode(
        [("username", "a"), ("username", "b"), ("password", "x"), ("password", "y"),
         *_without_credentials(form).items()]).encode(), FORM)),
    BadInput("undecodable bytes", lambda form: (b"username=%ff%fe\xff&password=\xfe\xff&" +
                                               urlencode(_without_credentials(form)).encode(), FORM)),
    BadInput("oversized body", lambda form: (urlencode({**form, "username": "a" * OVERSIZED_BYTES}).encode(), FORM)),
)
