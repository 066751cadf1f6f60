"""The example pipeline runs against a real hub and works a group from subbands to completed."""

from __future__ import annotations

import os
import subprocess
import sys

import contimg_hub
from conftest import TOKEN, WAIT
from helpers import drain_pending
from hubs import REPO


def test_the_example_pipeline_works_a_group_from_subbands_to_completed(hub: contimg_hub.Hub) -> None:
    drain_pending(hub)
    result = subprocess.run(
        [sys.executable, str(REPO / "clients" / "python" / "example_pipeline.py"), "--port", str(hub.port),
         "--token", TOKEN],
        capture_output=True, text=True, timeout=4 * WAIT, env=dict(os.environ))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    for line in ("group 2025-10-24T12:00:00 is pending", "claimed 2025-10-24T12:00:00 with 16 files",
                 "completed 2025-10-24T12:00:00: completed", "refused as it should be: 409", "collecting -> pending",
                 "with 100 measurements", "light curve of NVSS J123407.0+420000: 1 point(s), 17.0 mJy"):
        assert line in output, output
    group = hub.ingest_group_get("2025-10-24T12:00:00")
    assert group["state"] == "completed"
    assert group["metrics"] is not None and group["metrics"]["writer_type"] == "direct-subband"
