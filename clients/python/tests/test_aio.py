"""The asyncio client, the same ground as the blocking one: errors, events, a hub restart, the worker helper."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from typing import Any, Awaitable, Callable, List, TypeVar

import pytest

import contimg_hub
from conftest import TOKEN, WAIT, write_locked
from contimg_hub import aio
from helpers import drain_pending, new_group_id
from hubs import HubProcess

AT_ONCE = 10.0
T = TypeVar("T")


def run(main: Callable[[], Awaitable[T]]) -> T:
    return asyncio.run(asyncio.wait_for(main(), 4 * WAIT))


async def next_state(states: "asyncio.Queue[contimg_hub.ConnectionEvent]", state: str) -> contimg_hub.ConnectionEvent:
    async def wait() -> contimg_hub.ConnectionEvent:
        while True:
            event = await states.get()
            if event.state == state:
                return event
    try:
        return await asyncio.wait_for(wait(), WAIT)
    except asyncio.TimeoutError:
        raise AssertionError(f"waited {WAIT} s for the connection event {state!r}") from None


async def until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {WAIT} s for {what}")
        await asyncio.sleep(0.02)


def test_errors_are_the_same_classes_and_come_at_once(hub_server: HubProcess) -> None:
    async def main() -> None:
        async with aio.Hub("127.0.0.1", hub_server.bridge_port, token=TOKEN, timeout=WAIT) as hub:
            with pytest.raises(contimg_hub.BadRequest) as bad:
                await hub.ingest_subband_add("/data/incoming/nonsense.txt")
            assert bad.value.field == "file_path"
            with pytest.raises(contimg_hub.NotFound):
                await hub.ingest_group_get("1999-01-01T00:00:00")
            group_id = new_group_id()
            await hub.ingest_subband_add(f"/data/incoming/{group_id}_sb00.hdf5")
            with pytest.raises(contimg_hub.Conflict):
                await hub.ingest_group_complete(group_id)
            start = time.monotonic()
            with pytest.raises(contimg_hub.Refused) as refused:
                await hub.request("catalog.import", {"path": "/x"})
            assert refused.value.code == "access_denied" and time.monotonic() - start < AT_ONCE
            with pytest.raises(contimg_hub.Refused):
                await hub.subscribe("ingest.group.get", print)
            with pytest.raises(ValueError, match=r"mjd: nan"):
                await hub.cal_active_at(float("nan"))
            with write_locked(hub_server.ingest_db) as lock:
                with pytest.raises(contimg_hub.Unavailable):
                    await hub.ingest_subband_add(f"/data/incoming/{new_group_id()}_sb00.hdf5")
                with pytest.raises(contimg_hub.Timeout):
                    await hub.ingest_subband_add(f"/data/incoming/{new_group_id()}_sb00.hdf5", timeout=0.1)
                retries: List[int] = []

                def release(attempt: int, error: contimg_hub.HubError, delay: float) -> None:
                    retries.append(attempt)
                    lock.execute("ROLLBACK")

                hub.retry = contimg_hub.RetryPolicy(attempts=3, backoff=contimg_hub.Backoff(0.05, 0.1), on_retry=release)
                assert (await hub.ingest_subband_add(f"/data/incoming/{new_group_id()}_sb00.hdf5"))["added"]
                assert retries == [1]
        async with aio.Hub("127.0.0.1", hub_server.bridge_port, token="wrong", timeout=WAIT) as intruder:
            start = time.monotonic()
            with pytest.raises(contimg_hub.Refused) as refused:
                await intruder.ingest_queue_stats()
            assert refused.value.code == 401 and time.monotonic() - start < AT_ONCE
        with pytest.raises(contimg_hub.ConnectionLost):
            await aio.Hub("127.0.0.1", 1, token=TOKEN, timeout=0.3).connect()

    run(main)


def test_events_callbacks_and_streams(hub_server: HubProcess, caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> None:
        async with aio.Hub("127.0.0.1", hub_server.bridge_port, token=TOKEN, timeout=WAIT) as hub:
            group_id = new_group_id()
            seen: "asyncio.Queue[Any]" = asyncio.Queue()

            def broken(event: Any) -> None:
                raise RuntimeError("a bug in a sync subscriber")

            async def broken_async(event: Any) -> None:
                raise RuntimeError("a bug in an async subscriber")

            async def collect(event: Any) -> None:
                if event["group_id"] == group_id:
                    await seen.put(event["to"])

            await hub.subscribe("events.queue", broken)
            await hub.subscribe("events.queue", broken_async)
            subscription = await hub.subscribe("events.queue", collect)
            async with hub.events("events.queue") as stream:
                for sb in range(16):
                    await hub.ingest_subband_add(f"/data/incoming/{group_id}_sb{sb:02d}.hdf5")
                moves = []
                async for event in stream:
                    if event["group_id"] == group_id:
                        moves.append(event["to"])
                        if event["to"] == "pending":
                            break
                assert moves == ["collecting", "pending"]
            assert [await asyncio.wait_for(seen.get(), WAIT) for _ in range(2)] == ["collecting", "pending"]
            await subscription.cancel()
            assert hub.callback_errors >= 4
            assert "a bug in a sync subscriber" in caplog.text and "a bug in an async subscriber" in caplog.text
            assert hub.connected
            drain_pending_sync(hub_server)

    run(main)


def drain_pending_sync(server: HubProcess) -> None:
    with contimg_hub.Hub("127.0.0.1", server.bridge_port, token=TOKEN, timeout=WAIT) as hub:
        drain_pending(hub)


def test_a_hub_restart_mid_stream(fresh_server: HubProcess) -> None:
    async def main() -> None:
        states: "asyncio.Queue[contimg_hub.ConnectionEvent]" = asyncio.Queue()
        events: "asyncio.Queue[Any]" = asyncio.Queue()
        async with aio.Hub("127.0.0.1", fresh_server.bridge_port, token=TOKEN, timeout=WAIT, ping_interval=0.5,
                           on_connection=states.put_nowait) as hub:
            await next_state(states, "connected")
            await hub.subscribe("events.queue", events.put_nowait)
            lock = sqlite3.connect(str(fresh_server.ingest_db), timeout=30, isolation_level=None)
            lock.execute("BEGIN IMMEDIATE")
            held = asyncio.ensure_future(hub.ingest_subband_add(f"/data/incoming/{new_group_id()}_sb00.hdf5"))
            await until(lambda: hub.in_flight == 1, "the request to be in flight")
            await asyncio.get_running_loop().run_in_executor(None, fresh_server.kill)
            start = time.monotonic()
            with pytest.raises(contimg_hub.ConnectionLost):
                await asyncio.wait_for(held, AT_ONCE)
            assert time.monotonic() - start < AT_ONCE
            lock.close()
            await next_state(states, "disconnected")
            waiting = asyncio.ensure_future(hub.ingest_queue_stats())
            await asyncio.get_running_loop().run_in_executor(None, fresh_server.start)
            back = await next_state(states, "reconnected")
            assert back.resubscribed == ("events.queue",)
            assert (await asyncio.wait_for(waiting, WAIT))["total"] >= 0
            group_id = new_group_id()
            await hub.ingest_subband_add(f"/data/incoming/{group_id}_sb00.hdf5")
            event = await asyncio.wait_for(events.get(), WAIT)
            assert event["group_id"] == group_id

    run(main)


def test_the_worker_helper(hub_server: HubProcess) -> None:
    drain_pending_sync(hub_server)

    async def main() -> None:
        async with aio.Hub("127.0.0.1", hub_server.bridge_port, token=TOKEN, timeout=WAIT) as hub:
            group_id = new_group_id()
            for sb in range(16):
                await hub.ingest_subband_add(f"/data/incoming/{group_id}_sb{sb:02d}.hdf5")
            async with hub.claim("async-imager", heartbeat=0.1) as group:
                assert group is not None and group.group_id == group_id and len(group.files) == 16
                await until(lambda: group.heartbeats >= 3, "three heartbeats")
                group.metrics["photometry_time"] = 2.0
            done = await hub.ingest_group_get(group_id)
            assert done["state"] == "completed" and done["metrics"] is not None
            assert done["metrics"]["photometry_time"] == 2.0

            for raised, state in ((OSError("NFS went away"), "pending"), (KeyError("no such column"), "failed")):
                failing = new_group_id()
                for sb in range(16):
                    await hub.ingest_subband_add(f"/data/incoming/{failing}_sb{sb:02d}.hdf5")
                with pytest.raises(type(raised)):
                    async with hub.claim("async-imager") as group:
                        assert group is not None and group.group_id == failing
                        raise raised
                assert (await hub.ingest_group_get(failing))["state"] == state
                drain_pending_sync(hub_server)
            async with hub.claim("async-imager") as nothing:
                assert nothing is None

    run(main)


def test_numpy_input(hub_server: HubProcess) -> None:
    np = pytest.importorskip("numpy")

    async def main() -> None:
        async with aio.Hub("127.0.0.1", hub_server.bridge_port, token=TOKEN, timeout=WAIT) as hub:
            await hub.products_pointing_add([{"timestamp": np.float64(1.75e9 + i), "ra_deg": np.float32(10.0),
                                              "dec_deg": np.float32(20.0), "alt_deg": np.int64(80)}
                                             for i in range(3)])
            history = await hub.products_pointing_list(start=np.float64(1.75e9), end=np.int64(1750000010))
            assert history["total"] == 3
            with pytest.raises(ValueError, match=r"samples\[1\]\.ra_deg: nan"):
                await hub.products_pointing_add([{"timestamp": 1.0, "ra_deg": 1.0, "dec_deg": 2.0},
                                                 {"timestamp": 2.0, "ra_deg": np.float32("nan"), "dec_deg": 2.0}])

    run(main)
