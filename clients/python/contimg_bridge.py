"""A client for contimg-hub's TCP event-bus bridge, standard library only.

Wire format (the Vert.x TCP event-bus bridge): every frame is a 4-byte big-endian length followed by a
UTF-8 JSON object. Requests carry a ``replyAddress``; the reply is a frame sent to that address, of type
``message`` (success) or ``err`` (``failureCode`` and ``message``, the hub's error contract).

    with BridgeClient("127.0.0.1", 7000, token="...") as hub:
        reply = hub.request("ingest.subband.add", {"file_path": "/data/2025-10-24T12:00:00_sb00.hdf5"})
        hub.subscribe("events.queue", lambda body: print(body))
"""

import json
import socket
import struct
import threading
import uuid


class BridgeError(Exception):
    """A request the hub refused: ``code`` is 400/404/409/503/500 as in the hub's bus contract."""

    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class BridgeClient:
    def __init__(self, host="127.0.0.1", port=7000, token=None, connect_timeout=10.0):
        self._token = token
        self._sock = socket.create_connection((host, port), timeout=connect_timeout)
        self._sock.settimeout(None)
        self._write_lock = threading.Lock()
        self._pending = {}
        self._pending_lock = threading.Lock()
        self._handlers = {}
        self._errors = []
        self._closed = threading.Event()
        self._reader = threading.Thread(target=self._read_loop, name="contimg-bridge-reader", daemon=True)
        self._reader.start()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._closed.set()
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._sock.close()

    def send(self, address, body):
        """Sends without waiting for an answer (fire and forget)."""
        self._write({"type": "send", "address": address, "body": body})

    def publish(self, address, body):
        self._write({"type": "publish", "address": address, "body": body})

    def request(self, address, body, timeout=30.0):
        """Sends and waits for the reply body; raises BridgeError on a refusal, TimeoutError on silence."""
        reply_address = str(uuid.uuid4())
        waiter = _Waiter()
        with self._pending_lock:
            self._pending[reply_address] = waiter
        self._write({"type": "send", "address": address, "body": body, "replyAddress": reply_address})
        if not waiter.done.wait(timeout):
            with self._pending_lock:
                self._pending.pop(reply_address, None)
            raise TimeoutError(f"no reply from {address} within {timeout} s")
        frame = waiter.frame
        if frame.get("type") == "err":
            raise BridgeError(frame.get("failureCode", 500), frame.get("message", "error"))
        return frame.get("body")

    def subscribe(self, address, handler):
        """Calls handler(body) for every message published on address (from the reader thread)."""
        self._handlers.setdefault(address, []).append(handler)
        self._write({"type": "register", "address": address})

    def errors(self):
        """Error frames that answered no request (e.g. a refused publish or register)."""
        return list(self._errors)

    def _write(self, frame):
        if self._token is not None:
            frame.setdefault("headers", {})["token"] = self._token
        data = json.dumps(frame, allow_nan=False).encode("utf-8")
        with self._write_lock:
            self._sock.sendall(struct.pack(">i", len(data)) + data)

    def _read_exactly(self, size):
        chunks = bytearray()
        while len(chunks) < size:
            chunk = self._sock.recv(size - len(chunks))
            if not chunk:
                raise ConnectionError("the hub closed the connection")
            chunks.extend(chunk)
        return bytes(chunks)

    def _read_loop(self):
        try:
            while not self._closed.is_set():
                (size,) = struct.unpack(">i", self._read_exactly(4))
                self._dispatch(json.loads(self._read_exactly(size).decode("utf-8")))
        except (OSError, ConnectionError, ValueError):
            pass
        finally:
            self._fail_pending()

    def _dispatch(self, frame):
        address = frame.get("address")
        with self._pending_lock:
            waiter = self._pending.pop(address, None) if address else None
        if waiter is not None:
            waiter.complete(frame)
        elif frame.get("type") == "err":
            self._errors.append(frame)
        else:
            for handler in self._handlers.get(address, []):
                handler(frame.get("body"))

    def _fail_pending(self):
        with self._pending_lock:
            waiters, self._pending = list(self._pending.values()), {}
        for waiter in waiters:
            waiter.complete({"type": "err", "failureCode": 503, "message": "connection to the hub lost"})


class _Waiter:
    def __init__(self):
        self.done = threading.Event()
        self.frame = None

    def complete(self, frame):
        self.frame = frame
        self.done.set()
