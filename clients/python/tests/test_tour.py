"""Every typed method once against a real hub, each reply checked against its TypedDict's required keys."""

from __future__ import annotations

from typing import Any, Dict, List

import contimg_hub
from contimg_hub import _spec, types
from helpers import add_observation, drain_pending, missing_keys, new_group_id


def test_every_typed_method_answers_in_its_declared_shape(hub: contimg_hub.Hub) -> None:
    replies: Dict[str, Any] = {}

    def call(method: str, *args: Any, **kwargs: Any) -> Any:
        reply = getattr(hub, method)(*args, **kwargs)
        replies[method] = reply
        return reply

    drain_pending(hub)
    group_id = new_group_id()
    add_observation(hub, group_id, subbands=15)
    call("ingest_subband_add", f"/data/incoming/{group_id}_sb15.hdf5", file_size=12)
    claimed = call("ingest_group_claim", "tour-worker")
    assert claimed["claimed"] and claimed["group"]["group_id"] == group_id
    call("ingest_group_heartbeat", group_id, worker="tour-worker")
    call("ingest_group_calibrators", group_id, True, ["3C286"])
    call("ingest_group_complete", group_id, worker="tour-worker", metrics={"writer_type": "auto", "total_time": 3.0})
    call("ingest_group_get", group_id)
    call("ingest_queue_list", state="completed", limit=5)
    call("ingest_queue_stats")
    failing = new_group_id()
    add_observation(hub, failing)
    hub.ingest_group_claim("tour-worker")
    call("ingest_group_fail", failing, "disk on fire", False, worker="tour-worker")
    call("ingest_group_retry", failing)
    drain_pending(hub)

    tables: List[types.CalTable] = [
        {"path": "/cal/tour.K", "table_type": "K", "valid_start_mjd": 60300.0, "valid_end_mjd": 60301.0},
        {"path": "/cal/tour.BP", "table_type": "BP", "order_index": 1, "valid_start_mjd": 60300.0, "valid_end_mjd": 60301.0},
    ]
    call("cal_set_register", "tour-set", tables)
    call("cal_active_at", 60300.5)
    call("cal_set_list", active=True)
    call("cal_set_get", "tour-set")
    call("cal_coverage", 60299.0, 60302.0)

    for i in range(6):
        ms, image = f"/data/ms/tour-{i}.ms", f"/data/images/tour-{i}.fits"
        call("products_ms_upsert", ms, mid_mjd=60300.0 + i, stage="calibrated", status="ok", cal_applied=True)
        call("products_image_add", image, ms, "image", noise_jy=0.0004, imsize_x=2048)
        call("products_photometry_add", image, 60300.0 + i, [
            {"source_id": "TOUR J1", "ra_deg": 10.0, "dec_deg": 20.0, "peak_jyb": 0.01 * (1 + 4 * (i % 2)),
             "peak_err_jyb": 0.0001, "nvss_flux_mjy": 10.0}])
    call("products_ms_list", limit=3)
    call("products_image_get", replies["products_image_add"]["id"])
    call("products_images_list", limit=3)
    call("products_timeseries_get", "TOUR J1")
    call("products_mosaic_add", "/data/mosaics/tour.fits", "tour", 60300.0, 60301.0, n_images=6)
    call("products_mosaics_list", limit=3)
    call("products_qa_add", group_id, "bandpass", "/data/qa/bp.png", type="plot", category="calibration")
    call("products_qa_list", group_id)
    call("products_pointing_add", [{"timestamp": 1.76e9, "ra_deg": 1.0, "dec_deg": 2.0, "field_name": "tour"}])
    call("products_pointing_list", start=1.7e9, end=1.8e9)
    call("products_sources_search", prefix="TOUR")
    call("products_source_get", "TOUR J1")
    call("products_variability_list", limit=3)
    call("products_variability_eta_v", min_n_obs=2)
    call("products_variability_recompute", source_id="TOUR J1")
    flagged = call("products_ese_flag", "TOUR J1", "tour", notes="by hand")
    candidates = call("products_ese_list", status="all")
    assert flagged["id"] in [c["id"] for c in candidates["candidates"]]
    call("products_ese_update", flagged["id"], "investigated", "tour")
    call("products_alerts_list", limit=3)

    call("catalog_cone_search", 10.0, 20.0, 1.0)
    call("catalog_stats")
    try:
        call("catalog_source_get", "NVSS J000000+000000")
    except contimg_hub.NotFound:
        replies["catalog_source_get"] = None  # an empty catalogue: the shape is checked by the contract test
    call("cal_set_retire", "tour-set", "the tour is over")

    assert {op.method for op in _spec.OPERATIONS} == set(replies), "the tour must call every typed method"
    problems = []
    for op in _spec.OPERATIONS:
        shape = getattr(types, op.reply)
        if replies[op.method] is not None:
            problems += [f"{op.address}: {m}" for m in missing_keys(replies[op.method], shape, "reply")]
    assert not problems, "replies lack keys their TypedDict requires:\n" + "\n".join(problems)


def test_the_typed_replies_tolerate_keys_they_do_not_declare(hub: contimg_hub.Hub) -> None:
    series = hub.products_timeseries_get("NO SUCH SOURCE")
    assert series["count"] == 0 and series["points"] == []
    # A TypedDict is a plain dict at run time: keys a newer hub adds are simply there to read.
    assert isinstance(series, dict)
    assert missing_keys({**series, "added_by_a_newer_hub": 1}, types.Timeseries) == []
