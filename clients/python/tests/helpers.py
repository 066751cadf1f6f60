"""Small helpers the tests share."""

from __future__ import annotations

import itertools
import typing
from datetime import datetime, timedelta
from typing import Any, Dict, List

import contimg_hub

_next = itertools.count()
_T0 = datetime(2024, 1, 1)


def new_group_id() -> str:
    """An observation time no other test of this run uses (five minutes apart, beyond the join window)."""
    return (_T0 + timedelta(minutes=5 * next(_next))).strftime("%Y-%m-%dT%H:%M:%S")


def add_observation(hub: contimg_hub.Hub, group_id: str, subbands: int = 16) -> Dict[str, Any]:
    reply: Dict[str, Any] = {}
    for sb in range(subbands):
        reply = dict(hub.ingest_subband_add(f"/data/incoming/{group_id}_sb{sb:02d}.hdf5", file_size=1000 + sb))
    return reply


def drain_pending(hub: contimg_hub.Hub) -> None:
    """Completes every pending group, so that the next claim takes the group the test made."""
    for _ in range(1000):
        reply = hub.ingest_group_claim("drain")
        if not reply["claimed"]:
            return
        assert reply["group"] is not None
        hub.ingest_group_complete(reply["group"]["group_id"], worker="drain")
    raise AssertionError("could not drain the queue")


def missing_keys(value: Any, shape: Any, path: str = "reply") -> List[str]:
    """The keys a reply lacks that its TypedDict declares required (recursing into lists and nested types)."""
    origin = typing.get_origin(shape)
    if origin is typing.Union:
        if value is None:
            return []
        return min((missing_keys(value, arm, path) for arm in typing.get_args(shape) if arm is not type(None)),
                   key=len, default=[])
    if origin in (list, typing.List):
        (item,) = typing.get_args(shape)
        return [m for i, v in enumerate(value or []) for m in missing_keys(v, item, f"{path}[{i}]")]
    if isinstance(shape, type) and issubclass(shape, dict) and hasattr(shape, "__required_keys__"):
        if not isinstance(value, dict):
            return [f"{path}: not an object but {value!r}"]
        hints = typing.get_type_hints(shape)
        missing = [f"{path}.{key}" for key in sorted(shape.__required_keys__) if key not in value]
        for key, hint in hints.items():
            if key in value:
                missing += missing_keys(value[key], hint, f"{path}.{key}")
        return missing
    return []
