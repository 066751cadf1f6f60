"""The client's reply types against the HTTP contract: a read over the bridge answers what the same operation answers
over HTTP, so each typed method's reply TypedDict has exactly the fields of that operation's 200 schema in the
document the running hub serves (``/api/v1/openapi.json``), nested rows included."""

from __future__ import annotations

import json
import typing
import urllib.request
from typing import Any, Dict, List, Optional

import pytest

from contimg_hub import _spec, types
from hubs import HubProcess


@pytest.fixture(scope="module")
def document(hub_server: HubProcess) -> Dict[str, Any]:
    with urllib.request.urlopen(f"http://127.0.0.1:{hub_server.http_port}/api/v1/openapi.json", timeout=10) as answer:
        return json.loads(answer.read())


def _resolve(document: Dict[str, Any], schema: Dict[str, Any]) -> Dict[str, Any]:
    while "$ref" in schema:
        target: Any = document
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        schema = target
    return schema


def _properties(document: Dict[str, Any], schema: Dict[str, Any]) -> Dict[str, Any]:
    schema = _resolve(document, schema)
    properties = dict(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        properties.update(_properties(document, part))
    return properties


def _reply_schemas(document: Dict[str, Any]) -> Dict[str, Dict[str, Any]]:
    """The 200 JSON schema of every GET operation bound to a bus address, by address."""
    schemas = {}
    for item in document["paths"].values():
        operation = item.get("get")
        if operation and "x-bus-address" in operation:
            schemas[operation["x-bus-address"]] = operation["responses"]["200"]["content"]["application/json"]["schema"]
    return schemas


def _typed_dict(annotation: Any) -> Optional[type]:
    """The TypedDict an annotation is, or holds as its list items (Optional and List unwrapped)."""
    for argument in (annotation, *typing.get_args(annotation)):
        if isinstance(argument, type) and typing.is_typeddict(argument):
            return argument
        inner = typing.get_args(argument)
        for nested in inner:
            if isinstance(nested, type) and typing.is_typeddict(nested):
                return nested
    return None


def _differences(document: Dict[str, Any], typed: type, schema: Dict[str, Any], where: str) -> List[str]:
    hints = typing.get_type_hints(typed)
    properties = _properties(document, schema)
    problems = []
    if set(hints) != set(properties):
        problems.append(f"{where} ({typed.__name__}): only in the client {sorted(set(hints) - set(properties))}, "
                        f"only in the contract {sorted(set(properties) - set(hints))}")
    for name in sorted(set(hints) & set(properties)):
        nested = _typed_dict(hints[name])
        field = _resolve(document, properties[name])
        items = _resolve(document, field.get("items", {})) if "items" in field else None
        target = items if items is not None else field
        if nested is not None and ("properties" in target or "allOf" in target):
            problems += _differences(document, nested, target, f"{where}.{name}")
    return problems


def test_every_read_the_contract_describes_has_a_typed_method(document: Dict[str, Any]) -> None:
    assert set(_reply_schemas(document)) <= {op.address for op in _spec.OPERATIONS}


def test_each_reply_type_has_the_fields_of_the_contract(document: Dict[str, Any]) -> None:
    schemas = _reply_schemas(document)
    problems: List[str] = []
    compared = 0
    for op in _spec.OPERATIONS:
        if op.address in schemas:
            compared += 1
            problems += _differences(document, getattr(types, op.reply), schemas[op.address], op.address)
    assert problems == []
    assert compared >= 20, "the HTTP reads with a typed method"
