"""Real hubs for the tests: started as child processes on free ports with a state directory of their own,
waited for (bounded, saying what for), killed and restarted; and a TCP proxy that can cut the network.

The hub is started with the command in ``CONTIMG_HUB_COMMAND`` (a JSON list; the Maven test sets it to a JVM on
its own classpath), else ``java -jar $CONTIMG_HUB_JAR``, else ``java -jar deploy/target/contimg-hub.jar``.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Dict, List, Optional

REPO = Path(__file__).resolve().parents[3]


def hub_command() -> List[str]:
    command = os.environ.get("CONTIMG_HUB_COMMAND")
    if command:
        parsed = json.loads(command)
        assert isinstance(parsed, list) and parsed, "CONTIMG_HUB_COMMAND must be a JSON list of arguments"
        return [str(part) for part in parsed]
    jar = Path(os.environ.get("CONTIMG_HUB_JAR", REPO / "deploy" / "target" / "contimg-hub.jar"))
    java = shutil.which("java")
    if not jar.exists() or java is None:
        raise RuntimeError(f"no hub to start: set CONTIMG_HUB_COMMAND, or CONTIMG_HUB_JAR, or build {jar}")
    return [java, "-Xmx256m", "-jar", str(jar)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(condition: Callable[[], object], timeout: float, what: str, interval: float = 0.02) -> object:
    """Polls ``condition`` until it is truthy; fails naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}")
        time.sleep(interval)


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


class HubProcess:
    """One hub in a child process; ``start``, ``kill`` (SIGKILL), ``restart`` on the same ports and state."""

    def __init__(self, state_dir: Path, token: Optional[str] = "py-token", env: Optional[Dict[str, str]] = None,
                 ready_timeout: float = 180.0):
        self.state_dir = state_dir
        self.token = token
        self.http_port = free_port()
        self.bridge_port = free_port()
        self.log_path = state_dir / "hub.log"
        self.ready_timeout = ready_timeout
        self.env = dict(env or {})
        self.process: Optional[subprocess.Popen[bytes]] = None
        self.starts = 0
        state_dir.mkdir(parents=True, exist_ok=True)

    def start(self) -> "HubProcess":
        assert self.process is None or self.process.poll() is not None, "the hub is already running"
        env = dict(os.environ)
        env.update({
            "CONTIMG_STATE_DIR": str(self.state_dir),
            "CONTIMG_HTTP_HOST": "127.0.0.1",
            "CONTIMG_HTTP_PORT": str(self.http_port),
            "CONTIMG_BRIDGE_PORT": str(self.bridge_port),
            "CONTIMG_LOG_LEVEL": "INFO",
        })
        if self.token is not None:
            env["CONTIMG_BRIDGE_TOKEN"] = self.token
        env.update(self.env)
        self.starts += 1
        with open(self.log_path, "ab") as log:
            log.write(f"\n==== start {self.starts} ====\n".encode())
            log.flush()
            self.process = subprocess.Popen(hub_command(), env=env, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)
        self.wait_ready()
        return self

    def wait_ready(self) -> None:
        deadline = time.monotonic() + self.ready_timeout
        url = f"http://127.0.0.1:{self.http_port}/health/ready"
        while True:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(f"the hub exited with {self.process.returncode} before it was ready:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {self.ready_timeout} s for the hub to answer 200 on {url}:\n{self.log_tail()}")
            time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL, as a crash or an OOM kill would: no goodbye on the connections."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=60)

    def restart(self) -> None:
        self.kill()
        self.start()

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return "(no log)"

    @property
    def ingest_db(self) -> Path:
        return self.state_dir / "ingest.sqlite3"


class CuttableProxy:
    """A TCP proxy between the client and the hub that can stop forwarding without closing anything, as a
    network cut does (no FIN, no RST: only silence), and close every connection when restored."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self._server = socket.socket()
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(16)
        self.port = int(self._server.getsockname()[1])
        self._cut = threading.Event()
        self._stopped = threading.Event()
        self._sockets: List[socket.socket] = []
        self._lock = threading.Lock()
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True, name="proxy-accept").start()

    def cut(self) -> None:
        self._cut.set()

    def restore(self) -> None:
        """Ends the cut: the stale connections are dropped (as their TCP state would be), new ones flow."""
        with self._lock:
            stale, self._sockets = self._sockets, []
        for s in stale:
            try:
                s.close()
            except OSError:
                pass
        self._cut.clear()

    def close(self) -> None:
        self._stopped.set()
        self._server.close()
        self.restore()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            if self._cut.is_set():
                with self._lock:
                    self._sockets.append(client)  # accepted, never answered: a black hole
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, upstream]
                self.connections += 1
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, a: socket.socket, b: socket.socket) -> None:
        peers = {a: b, b: a}
        try:
            while not self._stopped.is_set():
                if self._cut.is_set():
                    self._stopped.wait(0.05)  # hold everything: nothing passes, nothing is closed
                    continue
                readable, _, _ = select.select([a, b], [], [], 0.1)
                if self._cut.is_set():
                    continue
                for s in readable:
                    data = s.recv(65536)
                    if not data:
                        return
                    peers[s].sendall(data)
        except (OSError, ValueError):
            return
        finally:
            for s in (a, b):
                try:
                    s.close()
                except OSError:
                    pass
