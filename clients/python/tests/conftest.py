"""Fixtures: a hub shared by the session, fresh hubs for the restart tests, and connected clients."""

from __future__ import annotations

import logging
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contimg_hub  # noqa: E402
from hubs import HubProcess  # noqa: E402

TOKEN = "py-token"
#: How long any one test may wait for something the hub does; generous for a loaded two-core machine.
WAIT = 60.0


@pytest.fixture(scope="session")
def hub_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubProcess]:
    """One hub for the tests that do not restart it. Its SQLite busy timeout is short, so a test holding the
    database's write lock gets the hub's 503 quickly."""
    server = HubProcess(tmp_path_factory.mktemp("hub"), token=TOKEN,
                        env={"CONTIMG_SQLITE_BUSY_TIMEOUT_MS": "300"})
    server.start()
    yield server
    server.kill()


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[HubProcess]:
    """A hub of the test's own, to kill and restart (SQLite waits up to 60 s for a lock, so a request can be
    held in flight by locking the database)."""
    server = HubProcess(tmp_path / "hub", token=TOKEN, env={"CONTIMG_SQLITE_BUSY_TIMEOUT_MS": "60000"})
    server.start()
    yield server
    server.kill()


@pytest.fixture
def hub(hub_server: HubProcess) -> Iterator[contimg_hub.Hub]:
    with contimg_hub.Hub("127.0.0.1", hub_server.bridge_port, token=TOKEN, timeout=WAIT) as client:
        yield client


@pytest.fixture(autouse=True)
def _client_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="contimg_hub")


@contextmanager
def write_locked(database: Path) -> Iterator[sqlite3.Connection]:
    """Holds the write lock of a hub database, as another process of the pipeline might."""
    connection = sqlite3.connect(str(database), timeout=30, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        yield connection
    finally:
        try:
            connection.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        connection.close()
