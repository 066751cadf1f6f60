"""A hub restart and a network cut mid-stream: calls in flight fail with ConnectionLost at once, the client
reconnects by itself, registers its subscriptions again and says so; calls made meanwhile succeed after."""

from __future__ import annotations

import queue
import sqlite3
import threading
import time
from typing import Any, Callable, Dict


import contimg_hub
from conftest import TOKEN, WAIT
from helpers import new_group_id
from hubs import CuttableProxy, HubProcess, wait_until

AT_ONCE = 10.0


def in_thread(call: Callable[[], Any]) -> Dict[str, Any]:
    """Runs ``call`` on a thread; the dict gets ``result`` or ``error``, and ``took``, and ``done`` is set."""
    outcome: Dict[str, Any] = {"done": threading.Event()}

    def run() -> None:
        start = time.monotonic()
        try:
            outcome["result"] = call()
        except BaseException as e:  # noqa: BLE001 - handed to the test
            outcome["error"] = e
        outcome["took"] = time.monotonic() - start
        outcome["done"].set()

    threading.Thread(target=run, daemon=True).start()
    return outcome


def next_state(states: "queue.Queue[contimg_hub.ConnectionEvent]", state: str) -> contimg_hub.ConnectionEvent:
    deadline = time.monotonic() + WAIT
    while True:
        try:
            event = states.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise AssertionError(f"waited {WAIT} s for the connection event {state!r}") from None
        if event.state == state:
            return event


def test_a_hub_restart_mid_stream(fresh_server: HubProcess) -> None:
    states: "queue.Queue[contimg_hub.ConnectionEvent]" = queue.Queue()
    events: "queue.Queue[Any]" = queue.Queue()
    with contimg_hub.Hub("127.0.0.1", fresh_server.bridge_port, token=TOKEN, timeout=WAIT, ping_interval=0.5,
                         on_connection=states.put) as hub:
        assert next_state(states, "connected")
        hub.subscribe("events.queue", events.put)
        before = new_group_id()
        hub.ingest_subband_add(f"/data/incoming/{before}_sb00.hdf5")
        assert events.get(timeout=WAIT)["group_id"] == before

        # A request held in the hub by a lock on its database, in flight when the hub dies.
        lock = sqlite3.connect(str(fresh_server.ingest_db), timeout=30, isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
        held = in_thread(lambda: hub.ingest_subband_add(f"/data/incoming/{new_group_id()}_sb00.hdf5"))
        wait_until(lambda: hub.in_flight == 1, WAIT, "the request to be in flight")
        fresh_server.kill()
        assert held["done"].wait(AT_ONCE), "the request in flight must fail at once, not wait out its timeout"
        assert isinstance(held["error"], contimg_hub.ConnectionLost), held
        assert held["error"].address == "ingest.subband.add"
        lock.close()
        down = next_state(states, "disconnected")
        assert isinstance(down.error, contimg_hub.ConnectionLost)

        # A call made while the hub is down waits for it (within its timeout) instead of failing.
        waiting = in_thread(hub.ingest_queue_stats)
        fresh_server.start()
        back = next_state(states, "reconnected")
        assert back.resubscribed == ("events.queue",) and back.refused == ()
        assert waiting["done"].wait(WAIT) and "result" in waiting, waiting
        assert waiting["result"]["counts"]["collecting"] >= 1

        after = new_group_id()
        hub.ingest_subband_add(f"/data/incoming/{after}_sb00.hdf5")
        event = events.get(timeout=WAIT)
        assert event["group_id"] == after, "the subscription was registered again on the new connection"
        assert hub.reconnects == 1


def test_restarts_again_and_again(fresh_server: HubProcess) -> None:
    states: "queue.Queue[contimg_hub.ConnectionEvent]" = queue.Queue()
    events: "queue.Queue[Any]" = queue.Queue()
    with contimg_hub.Hub("127.0.0.1", fresh_server.bridge_port, token=TOKEN, timeout=WAIT,
                         on_connection=states.put) as hub:
        hub.subscribe("events.queue", events.put)
        hub.subscribe("events.products", events.put)
        for round in range(2):
            fresh_server.restart()
            back = next_state(states, "reconnected")
            assert set(back.resubscribed) == {"events.queue", "events.products"}
            group_id = new_group_id()
            hub.ingest_subband_add(f"/data/incoming/{group_id}_sb00.hdf5")
            assert events.get(timeout=WAIT)["group_id"] == group_id, f"round {round}"


def test_a_network_cut_is_noticed_by_the_pings(hub_server: HubProcess) -> None:
    proxy = CuttableProxy(hub_server.bridge_port)
    states: "queue.Queue[contimg_hub.ConnectionEvent]" = queue.Queue()
    events: "queue.Queue[Any]" = queue.Queue()
    try:
        with contimg_hub.Hub("127.0.0.1", proxy.port, token=TOKEN, timeout=WAIT, ping_interval=0.2, ping_timeout=1.0,
                             on_connection=states.put) as hub:
            hub.subscribe("events.queue", events.put)
            proxy.cut()
            lost = in_thread(hub.ingest_queue_stats)
            assert lost["done"].wait(WAIT), "waited for the request sent into the cut"
            assert isinstance(lost.get("error"), contimg_hub.ConnectionLost), lost
            assert lost["took"] < AT_ONCE, "the pings notice the silence long before the request's timeout"
            down = next_state(states, "disconnected")
            assert "ping" in str(down.error) or "confirm" in str(down.error)
            proxy.restore()
            back = next_state(states, "reconnected")
            assert back.resubscribed == ("events.queue",)
            group_id = new_group_id()
            hub.ingest_subband_add(f"/data/incoming/{group_id}_sb00.hdf5")
            while True:
                event = events.get(timeout=WAIT)
                if event["group_id"] == group_id:
                    break
    finally:
        proxy.close()


def test_a_subscription_made_while_disconnected_is_registered_on_reconnection(fresh_server: HubProcess) -> None:
    states: "queue.Queue[contimg_hub.ConnectionEvent]" = queue.Queue()
    events: "queue.Queue[Any]" = queue.Queue()
    with contimg_hub.Hub("127.0.0.1", fresh_server.bridge_port, token=TOKEN, timeout=WAIT,
                         on_connection=states.put) as hub:
        fresh_server.kill()
        next_state(states, "disconnected")
        subscribing = in_thread(lambda: hub.subscribe("events.queue", events.put))
        fresh_server.start()
        assert subscribing["done"].wait(WAIT) and "result" in subscribing, subscribing
        group_id = new_group_id()
        hub.ingest_subband_add(f"/data/incoming/{group_id}_sb00.hdf5")
        assert events.get(timeout=WAIT)["group_id"] == group_id
