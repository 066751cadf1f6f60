"""The bridge's wire protocol, without I/O: values to JSON, frames to bytes and back, and the bookkeeping that
matches what the hub sends back to what was sent.

Frames are a 4-byte big-endian length and a UTF-8 JSON object. The client sends ``send`` (with a
``replyAddress`` for a request), ``publish``, ``register``, ``unregister`` and ``ping``; the hub answers
``message``, ``err`` and ``pong``.

The bridge answers a refused frame (an address outside its allow-list, a missing token) with an ``err`` that
names no address, so it cannot be matched to a request by address. The hub reads a connection's frames in
order and answers a ``ping`` at once, so the client follows every frame with a ``ping``: an ``err`` without
an address that arrives before that ping's ``pong`` belongs to that frame. The same pongs tell that the
connection is alive.
"""

from __future__ import annotations

import collections
import dataclasses
import json
import math
import struct
import time
from typing import Any, Callable, Deque, Dict, List, Mapping, Optional, Tuple, Union

from .errors import ConnectionLost, HubError

_LENGTH = struct.Struct(">I")
MAX_FRAME_BYTES = 64 * 1024 * 1024

JsonValue = Union[None, bool, int, float, str, List[Any], Dict[str, Any]]


def jsonable(value: Any, path: str = "body") -> JsonValue:
    """``value`` as plain JSON types, or ``ValueError``/``TypeError`` naming the offending field.

    numpy scalars and arrays (anything with ``tolist()`` and a ``dtype``, or ``item()``) become Python numbers and
    lists, dataclasses become dicts, tuples and other sequences become lists; NaN and infinity are refused, since
    JSON has no such numbers and the hub would store nonsense. numpy is never imported.
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{path}: {float(value)!r} is not a finite number (NaN and infinity cannot be sent)")
        return float(value)
    if isinstance(value, Mapping):
        out: Dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{path}: keys must be strings, got {key!r}")
            out[key] = jsonable(item, f"{path}.{key}" if path else key)
        return out
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return jsonable({f.name: getattr(value, f.name) for f in dataclasses.fields(value)}, path)
    if hasattr(value, "dtype") and hasattr(value, "tolist"):
        # numpy arrays and scalars (and look-alikes): tolist() gives Python scalars or nested lists.
        return jsonable(value.tolist(), path)
    if isinstance(value, (list, tuple)):
        return [jsonable(item, f"{path}[{i}]") for i, item in enumerate(value)]
    if hasattr(value, "item") and callable(value.item):
        return jsonable(value.item(), path)
    if isinstance(value, (bytes, bytearray)):
        raise TypeError(f"{path}: bytes cannot be sent; decode them to a string first")
    if hasattr(value, "__iter__") and not isinstance(value, (set, frozenset)):
        return [jsonable(item, f"{path}[{i}]") for i, item in enumerate(value)]
    raise TypeError(f"{path}: a {type(value).__name__} cannot be sent as JSON")


def body_of(**fields: Any) -> Dict[str, Any]:
    """A request body of the fields that are not ``None`` (the hub reads a missing field as "not given")."""
    return {name: value for name, value in fields.items() if value is not None}


def encode(frame: Mapping[str, Any]) -> bytes:
    data = json.dumps(frame, allow_nan=False, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return _LENGTH.pack(len(data)) + data


PING = encode({"type": "ping"})


def frame_length(header: bytes) -> int:
    size = int(_LENGTH.unpack(header)[0])
    if size > MAX_FRAME_BYTES:
        raise ValueError(f"a frame of {size} bytes from the hub is larger than {MAX_FRAME_BYTES}")
    return size


def decode(payload: bytes) -> Dict[str, Any]:
    frame = json.loads(payload.decode("utf-8"))
    if not isinstance(frame, dict):
        raise ValueError(f"a frame from the hub is not a JSON object: {payload[:200]!r}")
    return frame


Outcome = Union[Dict[str, Any], BaseException, None]


class Entry:
    """One frame sent and not yet settled: its ping's pong, and for a request its reply, are outstanding."""

    __slots__ = ("kind", "address", "reply_address", "sent_at", "done", "_settle")

    def __init__(self, kind: str, address: Optional[str], settle: Callable[[Outcome], None],
                 reply_address: Optional[str] = None):
        self.kind = kind
        self.address = address
        self.reply_address = reply_address
        self.sent_at = 0.0
        self.done = False
        self._settle = settle

    def settle(self, outcome: Outcome) -> None:
        if not self.done:
            self.done = True
            self._settle(outcome)


def _ignore(outcome: Outcome) -> None:
    pass


class Tracker:
    """Matches a connection's incoming frames to what was sent on it. Not thread-safe: the caller locks."""

    def __init__(self, log: Callable[[str], None]):
        self._log = log
        self._barriers: Deque[Entry] = collections.deque()
        self._replies: Dict[str, Entry] = {}
        self.pongs = 0

    def ping_entry(self) -> Entry:
        return Entry("ping", None, _ignore)

    def sent(self, entry: Entry) -> None:
        entry.sent_at = time.monotonic()
        self._barriers.append(entry)
        if entry.reply_address is not None:
            self._replies[entry.reply_address] = entry

    def forget(self, entry: Entry) -> None:
        """A request given up (timed out): its late reply is dropped. Its barrier stays, to keep the order."""
        entry.done = True
        if entry.reply_address is not None:
            self._replies.pop(entry.reply_address, None)

    def oldest_unanswered(self) -> Optional[float]:
        """When the oldest ping still waiting for its pong was sent (monotonic), or None."""
        return self._barriers[0].sent_at if self._barriers else None

    @property
    def requests_in_flight(self) -> int:
        return len(self._replies)

    def receive(self, frame: Mapping[str, Any]) -> Optional[Tuple[str, Any]]:
        """Settles what ``frame`` answers; returns ``(address, body)`` when it is an event for subscribers."""
        kind = frame.get("type")
        address = frame.get("address")
        if kind == "pong":
            self.pongs += 1
            if self._barriers:
                entry = self._barriers.popleft()
                if entry.kind != "request":
                    entry.settle(None)
            return None
        if isinstance(address, str) and address in self._replies:
            self._replies.pop(address).settle(dict(frame))
            return None
        if kind == "err":
            if address is None and self._barriers:
                entry = self._barriers[0]
                if not entry.done:
                    if entry.reply_address is not None:
                        self._replies.pop(entry.reply_address, None)
                    entry.settle(dict(frame))
                return None
            self._log(f"the hub reported an error no pending call is waiting for: {dict(frame)}")
            return None
        if kind == "message" and isinstance(address, str):
            return address, frame.get("body")
        self._log(f"ignoring an unexpected frame from the hub: {dict(frame)}")
        return None

    def fail_all(self, error: HubError) -> None:
        entries = list(self._barriers) + list(self._replies.values())
        self._barriers.clear()
        self._replies.clear()
        for entry in entries:
            if not entry.done:
                entry.settle(_rebind(error, entry.address))


def _rebind(error: HubError, address: Optional[str]) -> HubError:
    if isinstance(error, ConnectionLost):
        return ConnectionLost(error.message, address)
    return error


def send_frame(kind: str, address: str, body: Any, token: Optional[str], reply_address: Optional[str] = None,
               timeout_ms: Optional[int] = None) -> Dict[str, Any]:
    frame: Dict[str, Any] = {"type": kind, "address": address}
    if body is not None:
        frame["body"] = body
    if reply_address is not None:
        frame["replyAddress"] = reply_address
    headers: Dict[str, Any] = {}
    if token is not None:
        headers["token"] = token
    if timeout_ms is not None:
        headers["timeout"] = timeout_ms
    if headers:
        frame["headers"] = headers
    return frame
