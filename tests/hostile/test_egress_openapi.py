"""A hostile or broken OpenAPI document is one line and exit code 2, naming the JSON pointer.

Before issue 11 a nameless parameter, ``components`` as a list or very deep nesting gave a
collection traceback, and 10,000 paths collected almost a million checks with no word. Each
document here is written to a file; nothing is served, so the target URL is never contacted.
"""

from __future__ import annotations

import json

import pytest

from conformance.remote import discovery

TARGET = "http://127.0.0.1:9"  # the discard port: a usage error must stop the run before any request


def item(parameters=None, **operation):
    return {"get": {"parameters": parameters or [], **operation}}


def nested(depth: int):
    value: dict = {"type": "string"}
    for _ in range(depth):
        value = {"items": value}
    return value


DOCUMENTS = {
    "nameless parameter": (
        {"openapi": "3.0.3", "paths": {"/api/items/{id}/": item([{"in": "path", "schema": {"type": "integer"}}])}},
        "#/paths/~1api~1items~1{id}~1/get/parameters/0: a parameter without a 'name'"),
    "components as a list": (
        {"openapi": "3.0.3", "components": ["securitySchemes"], "paths": {"/api/items/": item()}},
        "#/components: 'components' must be an object, not list"),
    "a path item that is not an object": (
        {"openapi": "3.0.3", "paths": {"/api/items/": ["get"]}},
        "#/paths/~1api~1items~1: a path item must be an object"),
    "an operation that is not an object": (
        {"openapi": "3.0.3", "paths": {"/api/items/": {"get": "list items"}}},
        "#/paths/~1api~1items~1/get: an operation must be an object"),
    "parameters that are not a list": (
        {"openapi": "3.0.3", "paths": {"/api/items/": item(), "/api/things/": {"parameters": {"id": 1}, "get": {}}}},
        "#/paths/~1api~1things~1/parameters: 'parameters' must be a list"),
    "security that is not a list": (
        {"openapi": "3.0.3", "security": "tokenAuth", "paths": {"/api/items/": item()}},
        "#/security: 'security' must be a list"),
    "nesting deeper than any real document": (
        {"openapi": "3.0.3", "paths": {"/api/items/": item([{"name": "q", "in": "query", "schema": nested(80)}])}},
        "nested more than 64 levels deep"),
    "a path that climbs above the base path": (
        {"openapi": "3.0.3", "paths": {"/api/../../admin/": item()}},
        "#/paths/~1api~1..~1..~1admin~1: the path climbs above the base path"),
    "a path example with '..'": (
        {"openapi": "3.0.3", "paths": {"/api/items/{id}/": item([{"name": "id", "in": "path",
                                                                   "example": "../../../admin"}])}},
        "#/paths/~1api~1items~1{id}~1/get/parameters/0: the example of path parameter 'id' contains '..' segments"),
}


def only_line(run) -> str:
    text = run.stdout + run.stderr
    assert "Traceback" not in text and "INTERNALERROR" not in text, text[-3000:]
    lines = [line for line in text.splitlines() if "drf-conformance: --openapi" in line]
    assert len(lines) == 1, text[-3000:]
    return lines[0]


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_a_malformed_document_is_one_line_naming_the_pointer(audit, tmp_path, name):
    document, expected = DOCUMENTS[name]
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    run = audit("--target-url", TARGET, "--openapi", str(path))
    assert run.exit_code == 2, (run.stdout + run.stderr)[-3000:]
    assert expected in only_line(run)


def test_nesting_too_deep_to_parse_is_one_line(audit, tmp_path):
    path = tmp_path / "openapi.json"
    path.write_text('{"openapi": "3.0.3", "paths": {}, "x-deep": ' + "[" * 100_000 + "]" * 100_000 + "}",
                    encoding="utf-8")
    run = audit("--target-url", TARGET, "--openapi", str(path))
    assert run.exit_code == 2
    assert "nested too deeply to read" in only_line(run)


def test_ten_thousand_paths_are_refused_with_max_endpoints(audit, tmp_path):
    document = {"openapi": "3.0.3", "paths": {f"/api/r{i}/": item() for i in range(10_000)}}
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    run = audit("--target-url", TARGET, "--openapi", str(path))
    assert run.exit_code == 2, (run.stdout + run.stderr)[-3000:]
    line = only_line(run)
    assert "more than 500 endpoints (--max-endpoints 500)" in line and "--endpoints FILE" in line


def test_max_endpoints_counts_the_endpoints_file_too(audit, tmp_path):
    document = {"openapi": "3.0.3", "paths": {f"/api/r{i}/": item() for i in range(3)}}
    schema = tmp_path / "openapi.json"
    schema.write_text(json.dumps(document), encoding="utf-8")
    endpoints = tmp_path / "endpoints.txt"
    endpoints.write_text("GET /api/extra/\nGET /api/more/\n", encoding="utf-8")
    run = audit("--target-url", TARGET, "--openapi", str(schema), "--endpoints", str(endpoints),
                "--max-endpoints", "4")
    assert run.exit_code == 2, (run.stdout + run.stderr)[-3000:]
    assert "--openapi and --endpoints together list more than 4 endpoints" in run.stdout + run.stderr


def test_documents_of_real_projects_still_read():
    """The checks refuse what is malformed, not what is merely unusual: $ref parameters,
    extensions among the paths, a schema example of a uuid."""
    document = {"openapi": "3.0.3", "x-tagGroups": [], "paths": {
        "x-internal": {"note": "an extension, not a path"},
        "/api/items/{id}/": {"parameters": [{"$ref": "#/components/parameters/id"}],
                             "get": {"security": [{"tokenAuth": []}]}},
        "/api/things/{uuid}/": item([{"name": "uuid", "in": "path", "schema": {"type": "string", "format": "uuid",
                                                                               "example": "7d0f1c0e-0000-4000-8000-1"}}]),
    }, "components": {"securitySchemes": {"tokenAuth": {"type": "apiKey", "in": "header", "name": "Authorization"}}}}
    found = discovery.endpoints_from_document(document, {})
    assert [f.path for f in found] == ["/api/items/1/", "/api/things/7d0f1c0e-0000-4000-8000-1/"]
