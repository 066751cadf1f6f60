"""The protocol layer without a hub: values to JSON, numpy, error mapping, and matching answers to frames."""

from __future__ import annotations

import dataclasses
import json
import math
from typing import Any, List

import pytest

import contimg_hub
from contimg_hub import _wire
from contimg_hub.errors import error_from_frame


def test_plain_values_pass_unchanged() -> None:
    body = {"a": 1, "b": 2.5, "c": "x", "d": None, "e": True, "f": [1, (2, 3)], "g": {"h": []}}
    assert _wire.jsonable(body) == {"a": 1, "b": 2.5, "c": "x", "d": None, "e": True, "f": [1, [2, 3]], "g": {"h": []}}


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_refused_naming_the_field(bad: float) -> None:
    with pytest.raises(ValueError, match=r"measurements\[1\]\.peak_jyb: .* not a finite number"):
        _wire.jsonable({"measurements": [{"peak_jyb": 1.0}, {"peak_jyb": bad}]}, path="")


def test_objects_json_cannot_carry_are_refused_by_name() -> None:
    with pytest.raises(TypeError, match=r"body\.when: a object cannot be sent"):
        _wire.jsonable({"when": object()})
    with pytest.raises(TypeError, match="bytes"):
        _wire.jsonable({"raw": b"x"})


def test_dataclasses_become_objects() -> None:
    @dataclasses.dataclass
    class Row:
        source_id: str
        peak_jyb: float

    assert _wire.jsonable([Row("S", 0.5)]) == [{"source_id": "S", "peak_jyb": 0.5}]


def test_numpy_scalars_and_arrays_convert() -> None:
    np = pytest.importorskip("numpy")
    body = {"f32": np.float32(1.5), "i64": np.int64(7), "b": np.bool_(True), "arr": np.arange(3, dtype=np.int16),
            "grid": np.ones((2, 2), dtype=np.float64), "u8": np.uint8(255)}
    converted = _wire.jsonable(body)
    assert converted == {"f32": 1.5, "i64": 7, "b": True, "arr": [0, 1, 2], "grid": [[1.0, 1.0], [1.0, 1.0]], "u8": 255}
    assert [type(converted[k]) for k in ("f32", "i64", "b", "u8")] == [float, int, bool, int]
    json.dumps(converted, allow_nan=False)


def test_numpy_nan_is_refused_naming_the_element() -> None:
    np = pytest.importorskip("numpy")
    with pytest.raises(ValueError, match=r"body\.fluxes\[2\]: nan"):
        _wire.jsonable({"fluxes": np.array([1.0, 2.0, np.nan], dtype=np.float32)})
    with pytest.raises(ValueError, match=r"body\.x: inf"):
        _wire.jsonable({"x": np.float64("inf")})


def test_body_of_leaves_out_fields_not_given() -> None:
    assert _wire.body_of(a=1, b=None, c=False) == {"a": 1, "c": False}


@pytest.mark.parametrize("frame, cls, code", [
    ({"failureCode": 400, "failureType": "RECIPIENT_FAILURE", "message": "file_path: is required"}, contimg_hub.BadRequest, 400),
    ({"failureCode": 401, "message": "headers.token: missing or wrong bridge token"}, contimg_hub.Refused, 401),
    ({"failureCode": 404, "message": "no group x"}, contimg_hub.NotFound, 404),
    ({"failureCode": 409, "message": "cannot move"}, contimg_hub.Conflict, 409),
    ({"failureCode": 413, "message": "too large"}, contimg_hub.BadRequest, 413),
    ({"failureCode": 500, "message": "bug"}, contimg_hub.ServerError, 500),
    ({"failureCode": 503, "message": "busy"}, contimg_hub.Unavailable, 503),
    ({"failureCode": -1, "failureType": "NO_HANDLERS", "message": "No handlers"}, contimg_hub.Unavailable, "no_handlers"),
    ({"failureCode": -1, "failureType": "TIMEOUT", "message": "Timed out"}, contimg_hub.Timeout, "timeout"),
    ({"message": "access_denied"}, contimg_hub.Refused, "access_denied"),
    ({"message": "blocked by bridgeEvent handler"}, contimg_hub.Refused, 401),
])
def test_every_failure_maps_to_its_class(frame: Any, cls: type, code: Any) -> None:
    error = error_from_frame(dict(frame, type="err"), "ingest.subband.add")
    assert type(error) is cls
    assert isinstance(error, contimg_hub.HubError)
    assert error.code == code
    assert error.address == "ingest.subband.add"
    assert error.message


def test_bad_request_names_the_field() -> None:
    error = error_from_frame({"failureCode": 400, "message": "measurements[17].peak_jyb: must be a number"}, "x")
    assert isinstance(error, contimg_hub.BadRequest) and error.field == "measurements[17].peak_jyb"
    assert error_from_frame({"failureCode": 400, "message": "something odd"}, "x").field is None  # type: ignore[attr-defined]


def test_client_side_errors_are_standard_exceptions_too() -> None:
    assert isinstance(contimg_hub.ConnectionLost("gone"), ConnectionError)
    assert isinstance(contimg_hub.Timeout("slow"), TimeoutError)
    assert contimg_hub.ConnectionLost("gone").code == "connection_lost"


def _tracker() -> "tuple[_wire.Tracker, List[str]]":
    logged: List[str] = []
    return _wire.Tracker(logged.append), logged


def test_an_error_without_address_belongs_to_the_frame_before_the_next_pong() -> None:
    tracker, _ = _tracker()
    outcomes: dict = {}
    first = _wire.Entry("request", "a.first", lambda o: outcomes.__setitem__("first", o), "r1")
    second = _wire.Entry("publish", "events.x", lambda o: outcomes.__setitem__("second", o))
    third = _wire.Entry("register", "events.y", lambda o: outcomes.__setitem__("third", o))
    for entry in (first, second, third):
        tracker.sent(entry)
    assert tracker.receive({"type": "pong"}) is None           # the first frame's ping: the request waits on
    assert tracker.receive({"type": "err", "message": "access_denied"}) is None
    assert outcomes["second"]["message"] == "access_denied"     # the publish was refused
    assert tracker.receive({"type": "pong"}) is None
    assert tracker.receive({"type": "pong"}) is None
    assert outcomes["third"] is None                            # the registration was accepted
    assert tracker.receive({"type": "message", "address": "r1", "body": {"ok": 1}}) is None
    assert outcomes["first"]["body"] == {"ok": 1}
    assert tracker.oldest_unanswered() is None


def test_a_refused_request_is_answered_at_once_and_its_reply_slot_freed() -> None:
    tracker, _ = _tracker()
    outcomes: List[Any] = []
    tracker.sent(_wire.Entry("request", "catalog.import", outcomes.append, "r1"))
    tracker.receive({"type": "err", "message": "access_denied"})
    assert outcomes[0]["message"] == "access_denied"
    assert tracker.requests_in_flight == 0


def test_events_are_handed_out_and_late_replies_dropped() -> None:
    tracker, logged = _tracker()
    entry = _wire.Entry("request", "a", lambda o: None, "r1")
    tracker.sent(entry)
    tracker.forget(entry)
    assert tracker.receive({"type": "message", "address": "events.queue", "body": {"to": "pending"}}) == (
        "events.queue", {"to": "pending"})
    assert tracker.receive({"type": "err", "address": "r1", "failureCode": 503, "message": "late"}) is None
    assert logged and "no pending call" in logged[0]


def test_failing_the_connection_settles_everything_with_connection_lost() -> None:
    tracker, _ = _tracker()
    outcomes: List[Any] = []
    tracker.sent(_wire.Entry("request", "ingest.group.claim", outcomes.append, "r1"))
    tracker.sent(_wire.Entry("register", "events.queue", outcomes.append))
    tracker.fail_all(contimg_hub.ConnectionLost("the hub closed the connection"))
    assert [type(o) for o in outcomes] == [contimg_hub.ConnectionLost, contimg_hub.ConnectionLost]
    assert outcomes[0].address == "ingest.group.claim"


def test_frames_round_trip() -> None:
    data = _wire.encode({"type": "send", "address": "x", "body": {"µ": 1}})
    assert _wire.frame_length(data[:4]) == len(data) - 4
    assert _wire.decode(data[4:]) == {"type": "send", "address": "x", "body": {"µ": 1}}


def test_backoff_grows_to_its_maximum() -> None:
    backoff = contimg_hub.Backoff(initial=0.1, maximum=1.0, multiplier=2.0, jitter=0.0)
    assert [backoff.delay(n) for n in range(1, 7)] == [0.1, 0.2, 0.4, 0.8, 1.0, 1.0]
    with pytest.raises(ValueError):
        contimg_hub.RetryPolicy(attempts=0)
