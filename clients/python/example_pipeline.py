#!/usr/bin/env python3
"""What a pipeline service does through the TCP bridge: record the sixteen subbands of one observation,
claim the group as a converter, report progress, and complete it with its timings; then, as the imager
and the photometry worker, record the Measurement Set, its image and the image's forced photometry, and
read one source's light curve back.

    python3 example_pipeline.py --port 7000 --token "$CONTIMG_BRIDGE_TOKEN"
"""

import argparse
import sys
import threading

from contimg_bridge import BridgeClient, BridgeError


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7000)
    parser.add_argument("--token", default=None)
    parser.add_argument("--group", default="2025-10-24T12:00:00", help="observation time, YYYY-MM-DDTHH:MM:SS")
    parser.add_argument("--worker", default="example-converter")
    args = parser.parse_args()

    seen = []
    pending_seen = threading.Event()

    def on_queue_event(event):
        if event.get("group_id") == args.group:
            seen.append(f"{event.get('from')} -> {event.get('to')}")
            if event.get("to") == "pending":
                pending_seen.set()

    with BridgeClient(args.host, args.port, token=args.token) as hub:
        hub.subscribe("events.queue", on_queue_event)

        for sb in range(16):
            reply = hub.request("ingest.subband.add",
                                {"file_path": f"/data/incoming/{args.group}_sb{sb:02d}.hdf5", "file_size": 200_000_000})
        print(f"added 16 subbands: group {reply['group_id']} is {reply['state']}")

        claimed = hub.request("ingest.group.claim", {"worker": args.worker})
        if not claimed["claimed"]:
            print("nothing pending to claim", file=sys.stderr)
            return 1
        group_id = claimed["group"]["group_id"]
        print(f"claimed {group_id} with {len(claimed['group']['files'])} files")

        hub.request("ingest.group.heartbeat", {"group_id": group_id, "worker": args.worker})
        done = hub.request("ingest.group.complete", {
            "group_id": group_id, "worker": args.worker,
            "metrics": {"writer_type": "direct-subband", "conversion_time": 95.2, "total_time": 310.0}})
        print(f"completed {group_id}: {done['state']}")

        try:
            hub.request("ingest.group.complete", {"group_id": group_id})
        except BridgeError as refused:
            print(f"completing twice is refused as it should be: {refused}")

        ms_path = f"/data/ms/{group_id}.ms"
        image_path = f"/data/images/{group_id}.image.pbcor.fits"
        mjd = 60972.5
        hub.request("products.ms.upsert", {"path": ms_path, "mid_mjd": mjd, "stage": "calibrated", "status": "ok",
                                           "cal_applied": True, "field_name": "J1234+42"})
        image = hub.request("products.image.add", {"path": image_path, "ms_path": ms_path, "type": "image",
                                                   "noise_jy": 0.00045, "beam_major_arcsec": 15.0, "beam_minor_arcsec": 12.0})
        measurements = [{"source_id": f"NVSS J1234{i:02d}.0+420000", "ra_deg": 188.5 + i * 0.01, "dec_deg": 42.0,
                         "peak_jyb": 0.010 + i * 0.001, "peak_err_jyb": 0.0005, "snr": 20.0 + i} for i in range(100)]
        recorded = hub.request("products.photometry.add", {"image_path": image["path"], "mjd": mjd, "measurements": measurements})
        print(f"recorded image {image['id']} with {recorded['added']} measurements")
        series = hub.request("products.timeseries.get", {"source_id": "NVSS J123407.0+420000"})
        print(f"light curve of NVSS J123407.0+420000: {series['count']} point(s), {series['points'][0]['flux_mjy']:.1f} mJy")

        pending_seen.wait(5)
        print("events.queue seen:", ", ".join(seen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
