"""The worker helper: heartbeats while the block runs, completion with metrics, failure by exception type."""

from __future__ import annotations

import queue
import threading
from typing import Any, Dict

import pytest

import contimg_hub
from conftest import TOKEN, WAIT
from helpers import add_observation, drain_pending, new_group_id
from hubs import HubProcess, wait_until


@pytest.fixture
def queued(hub: contimg_hub.Hub) -> str:
    """A pending group, the oldest and only one."""
    drain_pending(hub)
    group_id = new_group_id()
    add_observation(hub, group_id)
    return group_id


def test_heartbeats_run_while_the_block_runs_and_the_group_completes_with_metrics(
        hub: contimg_hub.Hub, queued: str) -> None:
    with hub.claim("imager-1", heartbeat=0.1) as group:
        assert group is not None and group.group_id == queued and group.worker == "imager-1"
        assert len(group.files) == 16 and group.files[0].endswith(f"{queued}_sb00.hdf5")
        first = hub.ingest_group_get(queued)
        assert first["state"] == "in_progress" and first["worker"] == "imager-1"
        wait_until(lambda: group.heartbeats >= 3, WAIT, "three heartbeats from the helper")
        assert hub.ingest_group_get(queued)["last_update"] > first["last_update"], "the heartbeats reached the hub"
        group.metrics["imaging_time"] = 12.5
        group.metrics["writer_type"] = "pyuvdata"
    done = hub.ingest_group_get(queued)
    assert done["state"] == "completed" and done["worker"] is None
    assert done["metrics"] is not None
    assert done["metrics"]["imaging_time"] == 12.5 and done["metrics"]["writer_type"] == "pyuvdata"
    assert done["metrics"]["total_time"] is not None, "total_time defaults to the block's duration"
    assert group.outcome is not None and group.outcome["state"] == "completed"
    beats = group.heartbeats
    assert hub.ingest_group_get(queued)["last_update"] == done["last_update"] and group.heartbeats == beats, \
        "no heartbeat after the block"


@pytest.mark.parametrize("raised, state, retry_count", [
    (OSError("the disk is full"), "pending", 1),
    (TimeoutError("CASA hung"), "pending", 1),
    (contimg_hub.RetryableError("try later"), "pending", 1),
    (KeyboardInterrupt(), "pending", 1),
    (ValueError("corrupt visibilities"), "failed", 0),
    (contimg_hub.PermanentError("the data are bad"), "failed", 0),
    (contimg_hub.Conflict(409, "odd"), "failed", 0),
])
def test_an_exception_fails_the_group_retryable_or_not_by_its_type(
        hub: contimg_hub.Hub, queued: str, raised: BaseException, state: str, retry_count: int) -> None:
    with pytest.raises(type(raised)):
        with hub.claim("imager-2", heartbeat=30) as group:
            assert group is not None
            raise raised
    failed = hub.ingest_group_get(queued)
    assert (failed["state"], failed["retry_count"], failed["worker"]) == (state, retry_count, None)
    assert failed["error_message"] is not None and failed["error_message"].startswith(type(raised).__name__)
    drain_pending(hub)


def test_the_retryable_types_are_the_callers_choice(hub: contimg_hub.Hub, queued: str) -> None:
    with pytest.raises(ValueError):
        with hub.claim("imager-3", retryable=(ValueError,)):
            raise ValueError("transient here")
    assert hub.ingest_group_get(queued)["state"] == "pending"
    drain_pending(hub)


def test_nothing_pending_gives_none(hub: contimg_hub.Hub) -> None:
    drain_pending(hub)
    with hub.claim("imager-4") as group:
        assert group is None


def test_waiting_for_a_group_is_woken_by_its_arrival(hub: contimg_hub.Hub) -> None:
    drain_pending(hub)
    group_id = new_group_id()
    claimed: "queue.Queue[Any]" = queue.Queue()
    started = threading.Event()

    def worker() -> None:
        with contimg_hub.Hub(hub.host, hub.port, token=TOKEN, timeout=WAIT) as own:
            started.set()
            with own.claim("imager-5", wait=WAIT, poll=WAIT) as group:
                pass
            claimed.put(group.group_id if group is not None else None)

    threading.Thread(target=worker, daemon=True).start()
    assert started.wait(WAIT)
    add_observation(hub, group_id)
    assert claimed.get(timeout=WAIT) == group_id
    assert hub.ingest_group_get(group_id)["state"] == "completed"


def test_a_lost_lease_is_reported(hub: contimg_hub.Hub, queued: str) -> None:
    with pytest.raises(contimg_hub.Conflict):
        with hub.claim("imager-6", heartbeat=0.1) as group:
            assert group is not None
            hub.ingest_group_fail(queued, "taken away by an operator", True)  # no worker: the hub allows it
            wait_until(lambda: group.lease_lost is not None, WAIT, "the heartbeat to notice the lost lease")
    assert hub.ingest_group_get(queued)["state"] == "pending"
    drain_pending(hub)


def test_the_worker_carries_on_across_a_hub_restart(fresh_server: HubProcess) -> None:
    states: "queue.Queue[contimg_hub.ConnectionEvent]" = queue.Queue()
    with contimg_hub.Hub("127.0.0.1", fresh_server.bridge_port, token=TOKEN, timeout=WAIT,
                         on_connection=states.put) as hub:
        group_id = new_group_id()
        add_observation(hub, group_id)
        with hub.claim("imager-7", heartbeat=0.1) as group:
            assert group is not None
            wait_until(lambda: group.heartbeats >= 1, WAIT, "a heartbeat before the restart")
            fresh_server.restart()
            before = group.heartbeats
            wait_until(lambda: group.heartbeats > before, WAIT, "heartbeats after the restart")
            group.metrics["imaging_time"] = 1.0
        final: Dict[str, Any] = dict(hub.ingest_group_get(group_id))
        assert final["state"] == "completed" and final["metrics"]["imaging_time"] == 1.0


def test_a_group_the_hub_leased_to_this_worker_is_found_after_a_cut_off_claim(hub: contimg_hub.Hub, queued: str) -> None:
    # As if a claim had been committed and its reply lost with the connection: the helper looks for the group.
    assert hub.ingest_group_claim("imager-8")["claimed"]
    from contimg_hub.worker import ClaimContext

    found = ClaimContext(hub, "imager-8")._held()
    assert found is not None and found["group_id"] == queued
    assert ClaimContext(hub, "someone-else")._held() is None
    drain_pending(hub)
    hub.ingest_group_complete(queued, worker="imager-8")
