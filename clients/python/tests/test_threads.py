"""One Hub shared by many threads: every reply reaches the thread that asked."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Tuple

import contimg_hub
from conftest import WAIT
from helpers import new_group_id


def test_many_threads_share_one_hub(hub: contimg_hub.Hub) -> None:
    groups = [new_group_id() for _ in range(8)]
    together = threading.Barrier(len(groups), timeout=WAIT)

    def work(group_id: str) -> Tuple[str, int, str]:
        together.wait()  # all eight threads call at once
        last = 0
        for sb in range(16):
            reply = hub.ingest_subband_add(f"/data/incoming/{group_id}_sb{sb:02d}.hdf5")
            assert reply["group_id"] == group_id, "a reply went to the wrong caller"
            assert reply["subbands"] == sb + 1
            last = reply["subbands"]
        state = hub.ingest_group_get(group_id)["state"]
        return group_id, last, state + "@" + threading.current_thread().name

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, groups, timeout=4 * WAIT))
    assert [(g, n) for g, n, _ in results] == [(g, 16) for g in groups]
    assert all(state.startswith("pending@") for _, _, state in results)
    assert len({state.split("@")[1] for _, _, state in results}) == len(groups)
    assert hub.in_flight == 0
