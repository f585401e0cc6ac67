"""Check real API answers against the OpenAPI schema that documents them.

The schema (drf-spectacular, OpenAPI 3.0) is turned into JSON Schema: components become
``$defs``, ``nullable`` allows null, and an object that lists its properties may not carry others
(an answer with fields the schema does not mention is as wrong as one missing a field).
"""

import functools
import re

import jsonschema
from drf_spectacular.generators import SchemaGenerator


@functools.cache
def openapi():
    return SchemaGenerator().get_schema(request=None, public=True)


def _json_schema(node):
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _json_schema(value) for key, value in node.items()}
    if "$ref" in node:
        node["$ref"] = node["$ref"].replace("#/components/schemas/", "#/$defs/")
    nullable = node.pop("nullable", False)
    for key in ("readOnly", "writeOnly", "example", "format"):
        node.pop(key, None)
    if node.get("type") == "object" and "properties" in node:
        node.setdefault("additionalProperties", False)
    if nullable:
        return {"anyOf": [node, {"type": "null"}]}
    return node


def operation(path, method):
    """The schema's operation at ``path`` (as the schema spells it, e.g. ``…/{id}/``)."""
    return openapi()["paths"][path][method.lower()]


def documented(path, method, status):
    """The JSON Schema of the ``status`` answer (None when the schema promises no body)."""
    responses = operation(path, method)["responses"]
    assert str(status) in responses, f"{method} {path} answered {status}, not documented"
    content = responses[str(status)].get("content")
    if not content:
        return None
    schema = _json_schema(content["application/json"]["schema"])
    schema["$defs"] = _json_schema(openapi()["components"]["schemas"])
    return schema


def check(path, method, response):
    """Assert that ``response`` (a test client's) is what the schema documents."""
    schema = documented(path, method, response.status_code)
    if schema is None:
        assert not response.content, f"{method} {path}: undocumented body {response.content!r}"
        return
    jsonschema.validate(response.json(), schema, cls=jsonschema.Draft202012Validator)


def operations_under(prefix):
    """Every ``(path, method)`` the schema documents under ``prefix``."""
    return {
        (path, method.upper())
        for path, operations in openapi()["paths"].items()
        if path.startswith(prefix)
        for method in operations
    }


def template_of(url, prefix):
    """The schema path of a concrete ``url`` (numbers and slugs become ``{id}``/``{slug}``)."""
    found = [
        path
        for path in openapi()["paths"]
        if path.startswith(prefix)
        and re.fullmatch(re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(path)), url.split("?")[0])
    ]
    assert found, f"{url} is not in the schema"
    return min(found, key=lambda path: path.count("{"))  # "read-all/" before "{id}/"


def checked(response, *, api, url, method, status, called):
    """One call's answer: the expected status, then the documented shape; the operation is
    added to ``called`` (so a test can tell which operations it never exercised)."""
    assert response.status_code == status, (method, url, response.content)
    path = template_of(api + url, api)
    check(path, method, response)
    called.add((path, method))
    return response.json() if response.content else None
