"""Endpoints of a black box: from an OpenAPI document, an endpoints file, or both.

An OpenAPI document (``--openapi``, a file or a URL, JSON or YAML, as DRF's ``generateschema``
and drf-spectacular write it) lists paths and methods, and sometimes the security of each
operation. An endpoints file (``--endpoints``) lists one ``METHOD /path`` a line, ``#`` comments
allowed. Paths are resolved against ``--target-url``.

Path parameters (``{id}``) need real values, or every answer is a 404 that says nothing about
authentication. Each is filled, first match wins, from ``PATH_PARAMETERS`` in ``--config``
(``{id = "42"}``), the document's ``example`` for that parameter, then a placeholder by type:
``1`` for integers and anything else, a fixed UUID for ``format: uuid``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conformance.endpoints import Endpoint
from conformance.expectations import ConfigurationError
from conformance.remote.schemes import scheme_of_security_scheme
from conformance.auth.schemes import Scheme

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
# Methods that say nothing about authentication on their own (as in-process discovery ignores them).
IGNORED_METHODS = {"HEAD", "OPTIONS", "TRACE"}
UUID_PLACEHOLDER = "00000000-0000-4000-8000-000000000001"
_PARAMETER = re.compile(r"\{([^}/]+)\}")


@dataclass(frozen=True)
class Discovered:
    """An endpoint before schemes are settled: the document's schemes, if it named any."""

    method: str
    path: str
    route: str
    schemes: tuple[Scheme, ...] = field(default_factory=tuple)


def fill_path(route: str, declared: dict[str, str], hints: dict[str, str]) -> str:
    def value(match: re.Match) -> str:
        name = match.group(1)
        return str(declared.get(name) or hints.get(name) or "1")

    return _PARAMETER.sub(value, route)


def read_endpoints_file(path: str, declared: dict[str, str]) -> list[Discovered]:
    source = f"--endpoints {path}"
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"{source}: cannot read it ({exc})") from None
    found = []
    for number, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        parts = text.split()
        if len(parts) != 2 or parts[0].upper() not in METHODS or not parts[1].startswith("/"):
            raise ConfigurationError(f"{source}, line {number}: expected 'METHOD /path', got {line.strip()!r}")
        found.append(Discovered(parts[0].upper(), fill_path(parts[1], declared, {}), parts[1]))
    if not found:
        raise ConfigurationError(f"{source}: lists no endpoint; add lines like 'GET /api/items/'")
    return found


def parse_document(text: str, source: str) -> dict[str, Any]:
    import yaml

    try:
        document = json.loads(text) if text.lstrip().startswith("{") else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:  # either parser: one line saying what is wrong
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigurationError(f"--openapi {source}: neither JSON nor YAML ({first})") from None
    if not isinstance(document, dict) or not isinstance(document.get("paths"), dict):
        raise ConfigurationError(f"--openapi {source}: not an OpenAPI document (no 'paths' object)")
    return document


def _example(parameter: dict[str, Any]) -> str | None:
    schema = parameter.get("schema") or {}
    if "example" in parameter:
        return str(parameter["example"])
    examples = parameter.get("examples")
    if isinstance(examples, dict) and examples:
        first = next(iter(examples.values()))
        if isinstance(first, dict) and "value" in first:
            return str(first["value"])
    if "example" in schema:
        return str(schema["example"])
    if schema.get("format") == "uuid":
        return UUID_PLACEHOLDER
    return None


def _path_hints(*parameter_lists: list | None) -> dict[str, str]:
    hints = {}
    for parameters in parameter_lists:
        for parameter in parameters or []:
            if isinstance(parameter, dict) and parameter.get("in") == "path":
                example = _example(parameter)
                if example is not None:
                    hints[parameter["name"]] = example
    return hints


def _security(document: dict, operation: dict) -> tuple[Scheme, ...]:
    definitions = (document.get("components") or {}).get("securitySchemes") or document.get("securityDefinitions") or {}
    requirements = operation.get("security", document.get("security")) or []
    schemes = []
    for requirement in requirements:
        for name in requirement or {}:
            scheme = scheme_of_security_scheme(definitions.get(name) or {})
            if scheme is not None:
                schemes.append(scheme)
    return tuple(dict.fromkeys(schemes))


def endpoints_from_document(document: dict[str, Any], declared: dict[str, str]) -> list[Discovered]:
    found = []
    for route, item in document["paths"].items():
        if not isinstance(item, dict) or not str(route).startswith("/"):
            continue
        for method, operation in item.items():
            method = method.upper()
            if method not in METHODS or method in IGNORED_METHODS or not isinstance(operation, dict):
                continue
            hints = _path_hints(item.get("parameters"), operation.get("parameters"))
            found.append(Discovered(method, fill_path(route, declared, hints), route, _security(document, operation)))
    return found


def to_endpoints(found: list[Discovered], fallback: tuple[Scheme, ...],
                 declared: tuple[Scheme, ...] | None) -> list[Endpoint]:
    """One ``Endpoint`` per method and path, with the declared, documented or fallback schemes."""
    endpoints: dict[tuple[str, str], Endpoint] = {}
    for item in found:
        key = (item.method, item.path)
        if key in endpoints:
            continue
        schemes = declared or item.schemes or fallback
        endpoints[key] = Endpoint(item.method, item.path, item.route, "", schemes)
    return sorted(endpoints.values(), key=lambda e: (e.path, e.method))
