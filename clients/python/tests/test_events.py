"""Subscriptions: callbacks in order on their own thread, a raising callback isolated, event streams."""

from __future__ import annotations

import logging
import queue
import threading
from typing import Any, List

import pytest

import contimg_hub
from conftest import WAIT
from helpers import add_observation, new_group_id


def test_a_raising_callback_is_logged_and_isolated(hub: contimg_hub.Hub, caplog: pytest.LogCaptureFixture) -> None:
    received: "queue.Queue[Any]" = queue.Queue()

    def broken(event: Any) -> None:
        raise RuntimeError("a bug in the subscriber")

    group_id = new_group_id()
    hub.subscribe("events.queue", broken)
    hub.subscribe("events.queue", lambda event: received.put(event) if event["group_id"] == group_id else None)
    hub.ingest_subband_add(f"/data/incoming/{group_id}_sb00.hdf5")  # a request while callbacks raise
    event = received.get(timeout=WAIT)
    assert event["group_id"] == group_id and event["to"] == "collecting" and event["from"] is None
    add_observation(hub, group_id)  # and later requests are answered too
    while event["to"] != "pending":
        event = received.get(timeout=WAIT)
    assert hub.callback_errors >= 2
    assert "a bug in the subscriber" in caplog.text and "the connection lives on" in caplog.text
    assert hub.connected


def test_a_callback_may_call_the_hub(hub: contimg_hub.Hub) -> None:
    answers: "queue.Queue[Any]" = queue.Queue()
    group_id = new_group_id()

    def on_event(event: Any) -> None:
        if event["group_id"] == group_id:
            answers.put(hub.ingest_group_get(group_id)["state"])

    with hub.subscribe("events.queue", on_event):
        hub.ingest_subband_add(f"/data/incoming/{group_id}_sb00.hdf5")
        assert answers.get(timeout=WAIT) == "collecting"


def test_callbacks_run_in_order_on_one_thread_and_stop_when_cancelled(hub: contimg_hub.Hub) -> None:
    seen: List[Any] = []
    threads = set()
    done = threading.Event()
    group_id = new_group_id()

    def on_event(event: Any) -> None:
        threads.add(threading.current_thread().name)
        if event["group_id"] == group_id:
            seen.append(event["subbands"])
            if event["to"] == "pending":
                done.set()

    subscription = hub.subscribe("events.queue", on_event)
    add_observation(hub, group_id)
    assert done.wait(WAIT), "waited for the group's move to pending"
    assert seen == [1, 16]
    assert threads == {"contimg-hub-callbacks"}
    subscription.cancel()
    with hub.events("events.queue") as stream:  # a second listener proves events still flow after the cancel
        other = new_group_id()
        hub.ingest_subband_add(f"/data/incoming/{other}_sb00.hdf5")
        assert stream.get(timeout=WAIT)["group_id"] == other
    assert seen == [1, 16]


def test_an_event_stream_iterates_until_closed(hub: contimg_hub.Hub) -> None:
    group_id = new_group_id()
    with hub.events("events.queue") as events:
        add_observation(hub, group_id)
        moves = []
        for event in events:
            if event["group_id"] == group_id:
                moves.append(event["to"])
                if event["to"] == "pending":
                    break
        assert moves == ["collecting", "pending"]
    with pytest.raises(contimg_hub.ConnectionLost):
        events.get(timeout=1)
    assert list(events) == []


def test_closing_the_hub_ends_streams_and_fails_calls(hub: contimg_hub.Hub) -> None:
    stream = hub.events("events.products")
    ended = threading.Event()

    def consume() -> None:
        for _ in stream:
            pass
        ended.set()

    threading.Thread(target=consume, daemon=True).start()
    hub.close()
    assert ended.wait(WAIT), "waited for the stream to end on close"
    with pytest.raises(contimg_hub.ConnectionLost):
        hub.ingest_queue_stats()


def test_logging_names_the_connection(hub_server: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="contimg_hub")
    with contimg_hub.Hub("127.0.0.1", hub_server.bridge_port, token="py-token"):
        pass
    assert f"connected to the hub at 127.0.0.1:{hub_server.bridge_port}" in caplog.text


def test_a_refused_subscription_is_not_kept(hub: contimg_hub.Hub) -> None:
    with pytest.raises(contimg_hub.Refused):
        hub.subscribe("ingest.queue.stats", print)
    assert "ingest.queue.stats" not in hub._subs
