"""The typed methods against the API's contract: the operations the hub's table (``bus_operations.json``, rendered
from ``BusOperation.java``) opens to the pipeline, and the fields the running hub accepts for each (it names them
when sent a field it does not know)."""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path
from typing import Dict, List, Set

import pytest

import contimg_hub
from contimg_hub import _api, _spec, aio, types
from hubs import REPO

ADDRESSES_JAVA = REPO / "common" / "src" / "main" / "java" / "org" / "dsa110" / "contimg" / "common" / "bus" / "Addresses.java"
OPERATIONS_JSON = Path(contimg_hub.__file__).with_name("bus_operations.json")
PROBE = "zz_contract_probe"


def java_addresses() -> Dict[str, str]:
    text = ADDRESSES_JAVA.read_text(encoding="utf-8")
    return dict(re.findall(r'public static final String (\w+) = "([^"]+)";', text))


def table() -> List[Dict[str, str]]:
    return list(json.loads(OPERATIONS_JSON.read_text(encoding="utf-8"))["operations"])


def permitted() -> Set[str]:
    """What the bridge forwards by default: every operation the table does not keep inside the hub."""
    return {op["address"] for op in table() if op["reach"] != "internal"}


def test_every_permitted_address_has_a_typed_method_and_no_other() -> None:
    ours = {op.address for op in _spec.OPERATIONS}
    internal = set(_spec.INTERNAL)
    assert permitted() - ours - internal == set(), "addresses the bridge permits without a typed method in _spec.py"
    assert ours - permitted() == set(), "typed methods for addresses the table lacks or keeps internal"
    assert internal <= permitted() and not internal & ours, "INTERNAL names permitted addresses without a method"
    assert set(_api.ADDRESSES) == ours


def test_the_table_is_the_one_addresses_java_declares() -> None:
    operations = {a for name, a in java_addresses().items() if not name.startswith("EVENTS_")}
    assert {op["address"] for op in table()} == operations


def test_reads_are_idempotent_and_retried() -> None:
    reads = {op["address"] for op in table() if op["kind"] == "read"}
    for op in _spec.OPERATIONS:
        if op.address in reads:
            assert op.idempotent, f"{op.address} is a read in the hub's table: retrying it is safe"


def test_the_event_addresses_are_the_hubs() -> None:
    events = {a for name, a in java_addresses().items() if name.startswith("EVENTS_") and name != "EVENTS_REGEX"}
    assert set(contimg_hub.EVENT_ADDRESSES) == events


@pytest.mark.parametrize("op", _spec.OPERATIONS, ids=lambda op: op.address)
def test_each_method_exists_on_both_hubs_with_the_fields_of_the_spec(op: _spec.Operation) -> None:
    import inspect

    for cls in (contimg_hub.Hub, aio.Hub):
        method = getattr(cls, op.method)
        params = [p for p in inspect.signature(method).parameters if p not in ("self", "timeout")]
        assert params == [f.name for f in op.fields if f.required] + [f.name for f in op.fields if not f.required]
    assert op.reply in types.__all__
    for field, type_name in op.nested:
        assert type_name in types.__all__


def _expected_fields(hub: contimg_hub.Hub, address: str, body: Dict[str, object]) -> Set[str]:
    with pytest.raises(contimg_hub.BadRequest) as refused:
        hub.request(address, body)
    match = re.search(r"unknown field \(expected one of \[(.*)\]\)", refused.value.message)
    assert match, f"{address} did not name its fields: {refused.value.message}"
    return {name.strip() for name in match.group(1).split(",") if name.strip()}


def _keys(type_name: str) -> Set[str]:
    return set(typing.get_type_hints(getattr(types, type_name)))


@pytest.mark.parametrize("op", _spec.OPERATIONS, ids=lambda op: op.address)
def test_the_hub_accepts_exactly_the_fields_of_the_spec(hub: contimg_hub.Hub, op: _spec.Operation) -> None:
    ours = {f.name for f in op.fields}
    if op.address == "products.pointing.add":
        # One sample may also be sent bare; the hub names the sample's fields then.
        assert _expected_fields(hub, op.address, {PROBE: 1}) == _keys("PointingSample")
    else:
        assert _expected_fields(hub, op.address, {PROBE: 1}) == ours
    for field, type_name in op.nested:
        item: Dict[str, object] = {PROBE: 1}
        value: object = item if type_name == "GroupMetrics" else [item]
        body = {f.name: value if f.name == field else _placeholder(f.annotation) for f in op.fields if f.required}
        body[field] = value
        assert _expected_fields(hub, op.address, body) == _keys(type_name), f"{op.address} {field}"


def _placeholder(annotation: str) -> object:
    if annotation == "str":
        return "contract-probe"
    if annotation in ("Number", "Integer"):
        return 60000
    if annotation == "bool":
        return False
    return []
