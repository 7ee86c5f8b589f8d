"""Endpoints of a black box: from an OpenAPI document, an endpoints file, or both.

An OpenAPI document (``--openapi``, a file or a URL, JSON or YAML, as DRF's ``generateschema``
and drf-spectacular write it) lists paths and methods, and sometimes the security of each
operation. An endpoints file (``--endpoints``) lists one ``METHOD /path`` a line, ``#`` comments
allowed. Paths are resolved against ``--target-url``.

Path parameters (``{id}``) need real values, or every answer is a 404 that says nothing about
authentication. Each is filled, first match wins, from ``PATH_PARAMETERS`` in ``--config``
(``{id = "42"}``), the document's ``example`` for that parameter, then a placeholder by type:
``1`` for integers and anything else, a fixed UUID for ``format: uuid``.

Both inputs may come from someone who wants the CI's secrets (a served schema is editable by
whoever deploys to staging), so a path or an ``example`` that would lead off the target or above
its base path (an absolute URL, ``//host``, ``..``, their percent-encoded forms) is a usage error
naming the line or the JSON pointer (RFC 6901), as is a malformed document (a nameless parameter,
``components`` that is not an object, nesting deeper than ``MAX_DEPTH``): one line, exit code 2,
never a traceback. More than ``--max-endpoints`` endpoints is refused the same way, before
thousands of checks are collected.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conformance.egress import path_problem, value_problem
from conformance.endpoints import Endpoint
from conformance.expectations import ConfigurationError
from conformance.remote.schemes import scheme_of_security_scheme
from conformance.auth.schemes import Scheme

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
# Methods that say nothing about authentication on their own (as in-process discovery ignores them).
IGNORED_METHODS = {"HEAD", "OPTIONS", "TRACE"}
UUID_PLACEHOLDER = "00000000-0000-4000-8000-000000000001"
_PARAMETER = re.compile(r"\{([^}/]+)\}")
DEFAULT_MAX_ENDPOINTS = 500  # --max-endpoints: each endpoint is about a hundred checks
MAX_DEPTH = 64  # deeper than any real OpenAPI document; deep enough to exhaust a recursive reader


def pointer(*parts: Any) -> str:
    """A JSON pointer (RFC 6901) to ``parts``, as ``#/paths/~1items~1/get``."""
    return "#" + "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def check_limit(count: int, limit: int, what: str) -> None:
    if count > limit:
        raise ConfigurationError(
            f"{what} more than {limit} endpoints (--max-endpoints {limit}): audit a subset with --endpoints FILE, "
            "or raise --max-endpoints if the run may be that long")


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
        path = fill_path(parts[1], declared, {})
        problem = path_problem(parts[1]) or path_problem(path)
        if problem:
            raise ConfigurationError(f"{source}, line {number}: the path {problem}")
        found.append(Discovered(parts[0].upper(), path, parts[1]))
    if not found:
        raise ConfigurationError(f"{source}: lists no endpoint; add lines like 'GET /api/items/'")
    return found


def parse_document(text: str, source: str) -> dict[str, Any]:
    import yaml

    try:
        document = json.loads(text) if text.lstrip().startswith("{") else yaml.safe_load(text)
    except RecursionError:
        raise ConfigurationError(f"--openapi {source}: nested too deeply to read (more than {MAX_DEPTH} levels "
                                 "is not a real OpenAPI document)") from None
    except (ValueError, yaml.YAMLError) as exc:  # either parser: one line saying what is wrong
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigurationError(f"--openapi {source}: neither JSON nor YAML ({first})") from None
    if not isinstance(document, dict) or not isinstance(document.get("paths"), dict):
        raise ConfigurationError(f"--openapi {source}: not an OpenAPI document (no 'paths' object at #/paths)")
    too_deep = _too_deep(document)
    if too_deep is not None:
        raise ConfigurationError(f"--openapi {source}, {too_deep}: nested more than {MAX_DEPTH} levels deep; "
                                 "not a real OpenAPI document")
    return document


def _too_deep(document: Any) -> str | None:
    """The pointer of the first value nested deeper than ``MAX_DEPTH`` (walked without recursion)."""
    stack: list[tuple[Any, tuple]] = [(document, ())]
    while stack:
        value, where = stack.pop()
        if len(where) > MAX_DEPTH:
            return pointer(*where[:MAX_DEPTH + 1])
        if isinstance(value, dict):
            stack.extend((child, (*where, key)) for key, child in value.items())
        elif isinstance(value, list):
            stack.extend((child, (*where, index)) for index, child in enumerate(value))
    return None


class _Malformed(Exception):
    """A part of the document that is not what OpenAPI says it is: ``where`` is its JSON pointer."""

    def __init__(self, where: str, what: str):
        super().__init__(f"{where}: {what}")


def _example(parameter: dict[str, Any]) -> str | None:
    schema = parameter.get("schema") if isinstance(parameter.get("schema"), dict) else {}
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


def _path_hints(*parameter_lists: tuple[Any, tuple]) -> dict[str, str]:
    hints = {}
    for parameters, where in parameter_lists:
        if parameters is None:
            continue
        if not isinstance(parameters, list):
            raise _Malformed(pointer(*where), "'parameters' must be a list")
        for index, parameter in enumerate(parameters):
            at = (*where, index)
            if not isinstance(parameter, dict):
                raise _Malformed(pointer(*at), "a parameter must be an object")
            if "$ref" in parameter:
                continue  # a reference: its example is not followed (the placeholder is used)
            if not isinstance(parameter.get("name"), str) or not parameter["name"]:
                raise _Malformed(pointer(*at), "a parameter without a 'name'")
            if parameter.get("in") == "path":
                example = _example(parameter)
                if example is not None:
                    problem = value_problem(example)
                    if problem:
                        raise _Malformed(pointer(*at), f"the example of path parameter {parameter['name']!r} "
                                                       f"{problem}; it would steer the request off the target")
                    hints[parameter["name"]] = example
    return hints


def _object(value: Any, where: tuple, what: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _Malformed(pointer(*where), f"{what} must be an object, not {type(value).__name__}")
    return value


def _security(document: dict, operation: dict, where: tuple) -> tuple[Scheme, ...]:
    components = _object(document.get("components"), ("components",), "'components'")
    definitions = (_object(components.get("securitySchemes"), ("components", "securitySchemes"), "'securitySchemes'")
                   or _object(document.get("securityDefinitions"), ("securityDefinitions",), "'securityDefinitions'"))
    if "security" in operation:
        requirements, at = operation["security"], (*where, "security")
    else:
        requirements, at = document.get("security"), ("security",)
    if requirements is not None and not isinstance(requirements, list):
        raise _Malformed(pointer(*at), "'security' must be a list")
    schemes = []
    for index, requirement in enumerate(requirements or []):
        for name in _object(requirement, (*at, index), "a security requirement"):
            definition = definitions.get(name)
            scheme = scheme_of_security_scheme(definition if isinstance(definition, dict) else {})
            if scheme is not None:
                schemes.append(scheme)
    return tuple(dict.fromkeys(schemes))


def endpoints_from_document(document: dict[str, Any], declared: dict[str, str], *, source: str = "the document",
                            limit: int = DEFAULT_MAX_ENDPOINTS) -> list[Discovered]:
    try:
        return _endpoints(document, declared, source, limit)
    except _Malformed as exc:
        raise ConfigurationError(f"--openapi {source}, {exc}") from None


def _endpoints(document: dict[str, Any], declared: dict[str, str], source: str, limit: int) -> list[Discovered]:
    found = []
    for route, item in document["paths"].items():
        if str(route).startswith("x-"):
            continue  # a specification extension, not a path
        if not isinstance(item, dict):
            raise _Malformed(pointer("paths", route), "a path item must be an object")
        if not str(route).startswith("/"):
            raise _Malformed(pointer("paths", route), "a path must start with '/'")
        problem = path_problem(str(route))
        if problem:
            raise _Malformed(pointer("paths", route), f"the path {problem}")
        for key, operation in item.items():
            method = str(key).upper()
            if method not in METHODS or method in IGNORED_METHODS:
                continue
            if not isinstance(operation, dict):
                raise _Malformed(pointer("paths", route, key), "an operation must be an object")
            hints = _path_hints((item.get("parameters"), ("paths", route, "parameters")),
                                (operation.get("parameters"), ("paths", route, key, "parameters")))
            path = fill_path(str(route), declared, hints)
            problem = path_problem(path)
            if problem:
                raise _Malformed(pointer("paths", route), f"filled in as {path!r}, the path {problem}")
            found.append(Discovered(method, path, str(route),
                                    _security(document, operation, ("paths", route, key))))
            check_limit(len(found), limit, f"--openapi {source} lists")
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
