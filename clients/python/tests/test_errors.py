"""Every error class, from a real hub, raised at once; retries of idempotent calls; numpy input."""

from __future__ import annotations

import time
from typing import Any, List

import pytest

import contimg_hub
from conftest import TOKEN, WAIT, write_locked
from helpers import add_observation, drain_pending, new_group_id
from hubs import HubProcess, free_port, wait_until

#: "At once": far below the client's timeout (WAIT), yet generous for a loaded machine.
AT_ONCE = 10.0


def timed(call: Any) -> "tuple[contimg_hub.HubError, float]":
    start = time.monotonic()
    with pytest.raises(contimg_hub.HubError) as caught:
        call()
    return caught.value, time.monotonic() - start


def test_bad_request_names_the_field(hub: contimg_hub.Hub) -> None:
    error, _ = timed(lambda: hub.ingest_subband_add("/data/incoming/not-a-subband.txt"))
    assert isinstance(error, contimg_hub.BadRequest)
    assert (error.code, error.field, error.address) == (400, "file_path", "ingest.subband.add")
    error, _ = timed(lambda: hub.products_photometry_add("/nowhere.fits", 60000.0, [
        {"source_id": "S", "ra_deg": 1.0, "dec_deg": 2.0, "peak_jyb": 0.1}, {"source_id": "S2", "ra_deg": 1.0}]))
    assert isinstance(error, contimg_hub.BadRequest) and error.field is not None and error.field.startswith("measurements[1].")


def test_not_found_and_conflict(hub: contimg_hub.Hub) -> None:
    error, _ = timed(lambda: hub.ingest_group_get("2000-01-01T00:00:00"))
    assert isinstance(error, contimg_hub.NotFound) and error.code == 404 and "2000-01-01T00:00:00" in error.message
    group_id = new_group_id()
    add_observation(hub, group_id)
    error, _ = timed(lambda: hub.ingest_group_complete(group_id))
    assert isinstance(error, contimg_hub.Conflict) and error.code == 409 and "pending" in error.message
    drain_pending(hub)


def test_a_busy_database_is_unavailable_and_idempotent_calls_retry_under_the_policy(
        hub_server: HubProcess) -> None:
    retries: List[float] = []
    with contimg_hub.Hub("127.0.0.1", hub_server.bridge_port, token=TOKEN, timeout=WAIT) as hub:
        with write_locked(hub_server.ingest_db) as lock:
            error, _ = timed(lambda: hub.ingest_subband_add(f"/data/incoming/{new_group_id()}_sb00.hdf5"))
            assert isinstance(error, contimg_hub.Unavailable) and error.code == 503, error

            def release(attempt: int, failure: contimg_hub.HubError, delay: float) -> None:
                retries.append(delay)
                lock.execute("ROLLBACK")

            hub.retry = contimg_hub.RetryPolicy(attempts=3, backoff=contimg_hub.Backoff(0.05, 0.1), on_retry=release)
            reply = hub.ingest_subband_add(f"/data/incoming/{new_group_id()}_sb00.hdf5")
            assert reply["added"] and len(retries) == 1

        with write_locked(hub_server.ingest_db):
            retries.clear()
            error, _ = timed(lambda: hub.ingest_group_claim("never-retried"))
            assert isinstance(error, contimg_hub.Unavailable) and retries == [], "a claim is not idempotent"
            error, _ = timed(lambda: hub.request(
                "ingest.subband.add", {"file_path": f"/data/incoming/{new_group_id()}_sb00.hdf5"}))
            assert isinstance(error, contimg_hub.Unavailable) and retries == [], "request() retries only when asked"


def test_a_client_timeout_is_timeout(hub_server: HubProcess) -> None:
    with contimg_hub.Hub("127.0.0.1", hub_server.bridge_port, token=TOKEN, timeout=WAIT) as hub:
        with write_locked(hub_server.ingest_db):
            error, took = timed(lambda: hub.ingest_subband_add(f"/data/incoming/{new_group_id()}_sb00.hdf5", timeout=0.1))
        assert isinstance(error, TimeoutError)
        assert isinstance(error, contimg_hub.Timeout)
        assert error.code == "timeout" and error.address == "ingest.subband.add" and took < AT_ONCE
        assert hub.ingest_queue_stats()["total"] >= 0, "the connection lives on after a timeout"


def test_a_wrong_token_is_refused_at_once(hub_server: HubProcess) -> None:
    with contimg_hub.Hub("127.0.0.1", hub_server.bridge_port, token="wrong", timeout=WAIT) as hub:
        error, took = timed(hub.ingest_queue_stats)
        assert isinstance(error, contimg_hub.Refused) and error.code == 401 and took < AT_ONCE
        assert "headers.token" in error.message
        error, took = timed(lambda: hub.subscribe("events.queue", print))
        assert isinstance(error, contimg_hub.Refused) and error.code == 401 and took < AT_ONCE


def test_addresses_outside_the_allow_list_are_refused_at_once(hub: contimg_hub.Hub) -> None:
    for call in (lambda: hub.request("catalog.import", {"path": "/etc/passwd", "format": "csv"}),
                 lambda: hub.request("alerts.test", {}),
                 lambda: hub.publish("events.queue", {"forged": True}),
                 lambda: hub.subscribe("ingest.subband.add", print)):
        error, took = timed(call)
        assert isinstance(error, contimg_hub.Refused) and error.code == "access_denied", error
        assert took < AT_ONCE
    assert hub.ingest_queue_stats()["total"] >= 0, "refusals do not cost the connection"


def test_a_bridge_that_closes_after_its_refusals_is_reconnected_to(hub_server: HubProcess) -> None:
    events: List[contimg_hub.ConnectionEvent] = []
    with contimg_hub.Hub("127.0.0.1", hub_server.bridge_port, token="wrong", timeout=WAIT,
                         on_connection=events.append) as hub:
        outcomes = []
        for _ in range(3):  # CONTIMG_BRIDGE_MAX_REFUSALS: the bridge closes the connection after the third
            outcomes.append(type(timed(hub.ingest_queue_stats)[0]))
        assert outcomes == [contimg_hub.Refused] * 3
        error, took = timed(hub.ingest_queue_stats)  # on the next connection, refused again, at once
        assert isinstance(error, (contimg_hub.Refused, contimg_hub.ConnectionLost)) and took < AT_ONCE


def test_no_hub_listening_is_connection_lost(tmp_path: Any) -> None:
    port = free_port()
    start = time.monotonic()
    with pytest.raises(contimg_hub.ConnectionLost) as lost:
        contimg_hub.Hub("127.0.0.1", port, token=TOKEN, timeout=0.5)
    assert f"127.0.0.1:{port}" in lost.value.message and time.monotonic() - start < AT_ONCE
    assert isinstance(lost.value, ConnectionError)


def test_nan_is_refused_before_anything_is_sent(hub: contimg_hub.Hub) -> None:
    group_id = new_group_id()
    with pytest.raises(ValueError, match=r"mjd: nan"):
        hub.products_photometry_add(f"/data/images/{group_id}.fits", float("nan"), [])
    with pytest.raises(ValueError, match=r"measurements\[0\]\.peak_err_jyb: inf"):
        hub.products_photometry_add(f"/data/images/{group_id}.fits", 60000.0, [
            {"source_id": "S", "ra_deg": 1.0, "dec_deg": 2.0, "peak_jyb": 0.1, "peak_err_jyb": float("inf")}])
    with pytest.raises(ValueError, match=r"body\.x: nan"):
        hub.request("ingest.queue.stats", {"x": float("nan")})
    assert hub.in_flight == 0


def test_numpy_input_is_recorded(hub: contimg_hub.Hub) -> None:
    np = pytest.importorskip("numpy")
    ms, image = "/data/ms/numpy.ms", "/data/images/numpy.fits"
    hub.products_ms_upsert(ms, mid_mjd=np.float64(60400.25), pointing_dec_deg=np.float32(41.5))
    hub.products_image_add(image, ms, "image", noise_jy=np.float32(0.0004), imsize_x=np.int64(4096),
                           imsize_y=np.int32(4096), pbcor=np.bool_(False))
    fluxes = np.linspace(0.01, 0.02, 5, dtype=np.float32)
    rows: List[contimg_hub.types.Measurement] = [
        {"source_id": f"NUMPY J{i}", "ra_deg": np.float64(150.0 + i), "dec_deg": np.float32(40.0),
         "peak_jyb": flux, "peak_err_jyb": np.float32(0.001), "snr": np.float16(10.0), "flags": np.int8(0)}
        for i, flux in enumerate(fluxes)]
    recorded = hub.products_photometry_add(image, np.float64(60400.25), rows)
    assert recorded["added"] == 5
    series = hub.products_timeseries_get("NUMPY J4")
    assert series["points"][0]["flux_mjy"] == pytest.approx(20.0, rel=1e-6)
    assert hub.products_image_get(hub.products_images_list(limit=1)["images"][0]["id"])["imsize_x"] == 4096
    bad = fluxes.copy()
    bad[3] = np.nan
    with pytest.raises(ValueError, match=r"measurements\[3\]\.peak_jyb: nan"):
        hub.products_photometry_add("/data/images/numpy-nan.fits", 60400.5, [
            {"source_id": f"NUMPY J{i}", "ra_deg": 1.0, "dec_deg": 2.0, "peak_jyb": flux} for i, flux in enumerate(bad)])


def test_an_idle_connection_is_pinged_and_the_pongs_come_back(hub_server: HubProcess) -> None:
    events: List[contimg_hub.ConnectionEvent] = []
    with contimg_hub.Hub("127.0.0.1", hub_server.bridge_port, token=TOKEN, timeout=WAIT, ping_interval=0.05,
                         on_connection=events.append) as hub:
        conn = hub._conn
        assert conn is not None
        wait_until(lambda: conn.pongs >= 5, WAIT, "five keep-alive pings answered on an idle connection")
        assert hub.connected and hub.ingest_queue_stats()["total"] >= 0
    assert [e.state for e in events] == ["connected"]
