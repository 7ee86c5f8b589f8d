"""The one order every writer lists results and families in: stable, so reports diff cleanly."""

from __future__ import annotations

import json
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
