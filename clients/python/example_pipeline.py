#!/usr/bin/env python3
"""What a pipeline service does through the hub, on the contimg_hub client (pip install ./clients/python):
record the sixteen subbands of one observation, claim the group as a converter (heartbeats run while it works)
and complete it with its timings; then, as the imager and the photometry worker, record the Measurement Set,
its image and the image's forced photometry, and read one source's light curve back.

    python3 example_pipeline.py --port 7000 --token "$CONTIMG_BRIDGE_TOKEN"
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from typing import List

import contimg_hub
from contimg_hub.types import Measurement, QueueEvent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7000)
    parser.add_argument("--token", default=None)
    parser.add_argument("--group", default="2025-10-24T12:00:00", help="observation time, YYYY-MM-DDTHH:MM:SS")
    parser.add_argument("--worker", default="example-converter")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    seen: List[str] = []
    pending_seen = threading.Event()

    def on_queue_event(event: QueueEvent) -> None:
        if event["group_id"] == args.group:
            seen.append(f"{event.get('from')} -> {event['to']}")
            if event["to"] == "pending":
                pending_seen.set()

    retry = contimg_hub.RetryPolicy(attempts=5)  # idempotent calls ride out a busy hub (503)
    with contimg_hub.Hub(args.host, args.port, token=args.token, timeout=30, retry=retry) as hub:
        hub.subscribe("events.queue", on_queue_event)

        for sb in range(16):
            added = hub.ingest_subband_add(f"/data/incoming/{args.group}_sb{sb:02d}.hdf5", file_size=200_000_000)
        print(f"added 16 subbands: group {added['group_id']} is {added['state']}")

        with hub.claim(args.worker, heartbeat=30) as group:
            if group is None:
                print("nothing pending to claim", file=sys.stderr)
                return 1
            print(f"claimed {group.group_id} with {len(group.files)} files")
            # ... convert group.files into a Measurement Set here; heartbeats keep the lease meanwhile ...
            group.metrics["writer_type"] = "direct-subband"
            group.metrics["conversion_time"] = 95.2
        assert group is not None and group.outcome is not None
        print(f"completed {group.group_id}: {group.outcome['state']}")

        try:
            hub.ingest_group_complete(group.group_id)
        except contimg_hub.Conflict as refused:
            print(f"completing twice is refused as it should be: {refused.code} {refused.message}")

        ms_path = f"/data/ms/{group.group_id}.ms"
        image_path = f"/data/images/{group.group_id}.image.pbcor.fits"
        mjd = 60972.5
        hub.products_ms_upsert(ms_path, mid_mjd=mjd, stage="calibrated", status="ok", cal_applied=True,
                               field_name="J1234+42")
        image = hub.products_image_add(image_path, ms_path, "image", noise_jy=0.00045, beam_major_arcsec=15.0,
                                       beam_minor_arcsec=12.0)
        measurements: List[Measurement] = [
            {"source_id": f"NVSS J1234{i:02d}.0+420000", "ra_deg": 188.5 + i * 0.01, "dec_deg": 42.0,
             "peak_jyb": 0.010 + i * 0.001, "peak_err_jyb": 0.0005, "snr": 20.0 + i} for i in range(100)]
        recorded = hub.products_photometry_add(image["path"], mjd, measurements)
        print(f"recorded image {image['id']} with {recorded['added']} measurements")
        series = hub.products_timeseries_get("NVSS J123407.0+420000")
        print(f"light curve of NVSS J123407.0+420000: {series['count']} point(s), "
              f"{series['points'][0]['flux_mjy']:.1f} mJy")

        pending_seen.wait(10)
        print("events.queue seen:", ", ".join(seen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
