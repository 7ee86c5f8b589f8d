"""The one order every writer lists results and families in: stable, so reports diff cleanly."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from conformance.catalogue.registry import FAMILIES

_FAMILY_RANK = {family: rank for rank, family in enumerate(FAMILIES)}


def family_order(family: str | None) -> tuple:
    """Contract order; an unknown family after the known ones, by name."""
    return (_FAMILY_RANK.get(family, len(FAMILIES)), family or "")


def result_order(result: Mapping) -> tuple:
    """Family (contract order), check ID, endpoint, parameters."""
    return (
        *family_order(result.get("family")),
        result.get("check_id") or "",
        result.get("endpoint") or "",
        json.dumps(result.get("parameters") or {}, sort_keys=True, default=str),
    )


# C0 and C1 controls but tab and newline, DEL, and the invisible format characters that reorder
# or hide text (bidi overrides, CWE-451): a target's answer may hold any of them, and a report or
# a terminal must show them rather than obey them (issue 17: no raw ESC byte in any report).
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    """``text`` with every control or invisible format character written as ``\\xHH`` or
    ``\\uHHHH``."""
    if not isinstance(text, str):
        return text
    return _INVISIBLE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
