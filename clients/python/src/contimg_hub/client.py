"""The blocking, thread-safe client: :class:`Hub`."""

from __future__ import annotations

import logging
import queue
import socket
import threading
import time
import uuid
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple, Type

from . import _wire
from ._api import SyncApi
from .connection import CONNECTED, DISCONNECTED, RECONNECTED, ConnectionEvent
from .errors import ConnectionLost, HubError, Timeout, error_from_frame
from .retry import NO_RETRY, Backoff, RetryPolicy
from .worker import DEFAULT_RETRYABLE, ClaimContext

__all__ = ["Hub", "Subscription", "EventStream"]

log = logging.getLogger("contimg_hub")

Callback = Callable[[Any], Any]


class _Waiter:
    __slots__ = ("_event", "outcome")

    def __init__(self) -> None:
        self._event = threading.Event()
        self.outcome: _wire.Outcome = None

    def settle(self, outcome: _wire.Outcome) -> None:
        self.outcome = outcome
        self._event.set()

    def wait(self, timeout: float) -> bool:
        return self._event.wait(max(0.0, timeout))


class _Connection:
    """One TCP connection to the bridge, with its reader thread. Never reused once dead."""

    def __init__(self, hub: "Hub", sock: socket.socket):
        self._hub = hub
        self._sock = sock
        self._lock = threading.Lock()  # the tracker and the registrations
        self._write_lock = threading.Lock()
        self._tracker = _wire.Tracker(log.warning)
        self._registered: Dict[str, _Waiter] = {}
        self.dead = threading.Event()
        self.error: Optional[HubError] = None
        self._reader = threading.Thread(target=self._read_loop, name=f"contimg-hub-reader-{hub.port}", daemon=True)

    def start(self) -> None:
        self._reader.start()

    def send(self, frame: Optional[Dict[str, Any]], entry: _wire.Entry) -> None:
        """Writes ``frame`` followed by a ping. Never raises: a failure kills the connection, which settles
        ``entry`` with ConnectionLost."""
        data = (_wire.encode(frame) if frame is not None else b"") + _wire.PING
        with self._write_lock:
            with self._lock:
                if self.dead.is_set():
                    entry.settle(ConnectionLost(f"the connection to the hub is closed ({self.error})", entry.address))
                    return
                self._tracker.sent(entry)
            try:
                self._sock.sendall(data)
            except OSError as e:
                self.kill(ConnectionLost(f"writing to the hub failed: {e}"))

    def ping(self) -> None:
        self.send(None, self._tracker.ping_entry())

    @property
    def pongs(self) -> int:
        """Pongs received: every frame sent, and every keep-alive ping, is answered by one."""
        return self._tracker.pongs

    def forget(self, entry: _wire.Entry) -> None:
        with self._lock:
            self._tracker.forget(entry)

    def oldest_unanswered(self) -> Optional[float]:
        with self._lock:
            return self._tracker.oldest_unanswered()

    def requests_in_flight(self) -> int:
        with self._lock:
            return self._tracker.requests_in_flight

    def register(self, address: str, token: Optional[str]) -> _Waiter:
        """Registers ``address`` once on this connection; every caller gets the one registration's outcome."""
        with self._lock:
            waiter = self._registered.get(address)
            if waiter is not None:
                return waiter
            waiter = self._registered[address] = _Waiter()
        self.send(_wire.send_frame("register", address, None, token), _wire.Entry("register", address, waiter.settle))
        return waiter

    def unregister(self, address: str) -> None:
        with self._lock:
            if self._registered.pop(address, None) is None:
                return
        self.send(_wire.send_frame("unregister", address, None, None), _wire.Entry("unregister", address, _log_refusal))

    def kill(self, error: HubError) -> None:
        with self._lock:
            if self.dead.is_set():
                return
            self.error = error
            self.dead.set()
            self._tracker.fail_all(error)
            self._registered.clear()
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._sock.close()

    def _read_exactly(self, size: int) -> Optional[bytes]:
        buffer = bytearray()
        while len(buffer) < size:
            if self.dead.is_set():
                return None
            try:
                chunk = self._sock.recv(min(size - len(buffer), 1 << 20))
            except socket.timeout:
                continue
            if not chunk:
                raise EOFError("the hub closed the connection")
            buffer.extend(chunk)
        return bytes(buffer)

    def _read_loop(self) -> None:
        error: HubError = ConnectionLost("the connection was closed")
        try:
            while True:
                header = self._read_exactly(4)
                if header is None:
                    return
                payload = self._read_exactly(_wire.frame_length(header))
                if payload is None:
                    return
                frame = _wire.decode(payload)
                with self._lock:
                    event = self._tracker.receive(frame)
                if event is not None:
                    self._hub._deliver(*event)
        except EOFError as e:
            error = ConnectionLost(str(e))
        except (OSError, ValueError) as e:
            error = ConnectionLost(f"reading from the hub failed: {e}")
        finally:
            self.kill(error)


def _log_refusal(outcome: _wire.Outcome) -> None:
    if isinstance(outcome, dict) and outcome.get("type") == "err":
        log.debug("the hub refused an unregister: %s", outcome)


class Subscription:
    """A callback registered for an address; :meth:`cancel` stops it (so does leaving a ``with`` block)."""

    def __init__(self, hub: "Hub", address: str, callback: Callback):
        self.address = address
        self.callback = callback
        self._hub = hub
        self.cancelled = False

    def cancel(self) -> None:
        if not self.cancelled:
            self.cancelled = True
            self._hub._unsubscribe(self)

    def __enter__(self) -> "Subscription":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.cancel()

    def __repr__(self) -> str:
        return f"Subscription({self.address!r}, {self.callback!r}{', cancelled' if self.cancelled else ''})"


_END = object()


class EventStream(Iterator[Any]):
    """The events of one address as a blocking iterator (``for event in hub.events("events.queue")``).

    Events are queued as they arrive; past ``maxsize`` waiting events the oldest is dropped (counted in
    ``dropped`` and logged) so a stalled consumer cannot exhaust memory. Iteration ends when the stream or the
    hub is closed; a reconnection does not end it.
    """

    def __init__(self, hub: "Hub", address: str, maxsize: int = 10000, timeout: Optional[float] = None):
        self.address = address
        self.dropped = 0
        self._maxsize = maxsize
        self._queue: "queue.Queue[Any]" = queue.Queue()
        self._subscription = hub.subscribe(address, self._put, timeout=timeout)
        hub._streams.append(self)
        self._hub = hub

    def _put(self, body: Any) -> None:
        while self._queue.qsize() >= self._maxsize:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
            self.dropped += 1
            if self.dropped in (1, 10, 100) or self.dropped % 1000 == 0:
                log.warning("events on %s arrive faster than they are read: %d dropped", self.address, self.dropped)
        self._queue.put(body)

    def get(self, timeout: Optional[float] = None) -> Any:
        """The next event; :class:`~contimg_hub.Timeout` if none comes within ``timeout`` seconds."""
        try:
            item = self._queue.get(timeout=timeout)
        except queue.Empty:
            raise Timeout(f"no event within {timeout} s", self.address) from None
        if item is _END:
            self._queue.put(_END)
            raise ConnectionLost("the event stream is closed", self.address)
        return item

    def __next__(self) -> Any:
        item = self._queue.get()
        if item is _END:
            self._queue.put(_END)
            raise StopIteration
        return item

    def close(self) -> None:
        self._subscription.cancel()
        self._end()
        if self in self._hub._streams:
            self._hub._streams.remove(self)

    def _end(self) -> None:
        self._queue.put(_END)

    def __enter__(self) -> "EventStream":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class _Dispatcher:
    """Runs callbacks on a thread of their own, in order, so a slow or raising callback never stalls the reader
    (nor a request made from inside a callback)."""

    def __init__(self) -> None:
        self._queue: "queue.Queue[Any]" = queue.Queue()
        self.errors = 0
        self.thread = threading.Thread(target=self._run, name="contimg-hub-callbacks", daemon=True)
        self.thread.start()

    def deliver(self, subscription: Subscription, body: Any) -> None:
        self._queue.put((subscription, body))

    def call(self, function: Callable[[Any], Any], argument: Any) -> None:
        self._queue.put((function, argument))

    def stop(self) -> None:
        self._queue.put(None)
        if threading.current_thread() is not self.thread:
            self.thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            target, argument = item
            if isinstance(target, Subscription):
                if target.cancelled:
                    continue
                function, about = target.callback, f"for {target.address}"
            else:
                function, about = target, "for connection events"
            try:
                function(argument)
            except Exception:
                self.errors += 1
                log.exception("the callback %r %s raised; it is skipped and the connection lives on", function, about)


class Hub(SyncApi):
    """A connection to contimg-hub's TCP bridge, for threads.

    ``Hub(host, port, token=..., timeout=...)`` connects at once (waiting up to ``connect_timeout``, by default
    ``timeout``, for the hub) and raises :class:`~contimg_hub.ConnectionLost` if it cannot. From then on it keeps
    the connection: after a hub restart or a network cut it reconnects with ``reconnect`` backoff, registers every
    subscription again and says so through ``on_connection`` and the ``contimg_hub`` logger. Calls in flight at a
    cut fail with ConnectionLost; calls made while disconnected wait for the connection up to their timeout.

    It pings the bridge every ``ping_interval`` seconds, and counts the connection dead when a ping stays
    unanswered for ``ping_timeout`` seconds (default three intervals).

    Every method is safe to call from any thread, callbacks included. Use it as a context manager, or call
    :meth:`close`.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 7000,
        *,
        token: Optional[str] = None,
        timeout: float = 30.0,
        connect_timeout: Optional[float] = None,
        retry: Optional[RetryPolicy] = None,
        reconnect: Optional[Backoff] = None,
        ping_interval: float = 5.0,
        ping_timeout: Optional[float] = None,
        on_connection: Optional[Callable[[ConnectionEvent], Any]] = None,
    ):
        if timeout <= 0 or ping_interval <= 0:
            raise ValueError("timeout and ping_interval must be positive")
        self.host = host
        self.port = port
        self.timeout = timeout
        self.retry = retry or NO_RETRY
        self._token = token
        self._reconnect = reconnect or Backoff()
        self._ping_interval = ping_interval
        self._ping_timeout = ping_timeout if ping_timeout is not None else 3 * ping_interval
        self._on_connection = on_connection
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._conn: Optional[_Connection] = None
        self._subs: Dict[str, List[Subscription]] = {}
        self._streams: List[EventStream] = []
        self._closed = False
        self._last_error: Optional[BaseException] = None
        self.reconnects = 0
        self._dispatcher = _Dispatcher()
        self._supervisor = threading.Thread(target=self._supervise, name="contimg-hub-connection", daemon=True)
        self._supervisor.start()
        try:
            self._wait_connection(time.monotonic() + (connect_timeout if connect_timeout is not None else timeout), None)
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------------------------------------ public surface

    def request(self, address: str, body: Any = None, *, timeout: Optional[float] = None,
                retry: Optional[RetryPolicy] = None) -> Any:
        """Sends ``body`` to ``address`` and returns the reply's body; raises the HubError of a refusal.

        Retried only under ``retry``, if given (the typed methods retry idempotent calls under ``Hub.retry``).
        """
        return self._with_retry(address, _wire.jsonable({} if body is None else body), retry or NO_RETRY, timeout)

    def publish(self, address: str, body: Any = None, *, timeout: Optional[float] = None) -> None:
        """Publishes ``body`` on ``address``; returns once the bridge has accepted it (Refused if it does not)."""
        payload = _wire.jsonable(body)
        self._exchange("publish", address, payload, self._timeout(timeout))

    def subscribe(self, address: str, callback: Callback, *, timeout: Optional[float] = None) -> Subscription:
        """Calls ``callback(body)`` for every message on ``address`` (``events.*``), on the client's callback
        thread, in order. Returns once the bridge has confirmed the registration; Refused if it does not permit
        the address. A callback that raises is logged and skipped; the subscription and the connection go on."""
        if not callable(callback):
            raise TypeError("callback must be callable")
        subscription = Subscription(self, address, callback)
        with self._cond:
            if self._closed:
                raise ConnectionLost("the Hub is closed", address)
            self._subs.setdefault(address, []).append(subscription)
        try:
            self._confirm_registered(address, time.monotonic() + self._timeout(timeout))
        except BaseException:
            subscription.cancel()
            raise
        return subscription

    def events(self, address: str, *, maxsize: int = 10000, timeout: Optional[float] = None) -> EventStream:
        """The events of ``address`` as an iterator; use it in a ``with`` block to unsubscribe at the end."""
        return EventStream(self, address, maxsize, timeout)

    def claim(self, worker: str, *, wait: float = 0.0, heartbeat: float = 60.0,
              retryable: Tuple[Type[BaseException], ...] = DEFAULT_RETRYABLE, finish_timeout: Optional[float] = None,
              poll: float = 5.0) -> ClaimContext:
        """``with hub.claim("imager-1") as group:``: claims the oldest pending group for ``worker`` (waiting up to
        ``wait`` seconds for one; ``group`` is None if none came), heartbeats every ``heartbeat`` seconds while the
        block runs, completes it on a normal exit and fails it on an exception, retryable when the exception is one
        of ``retryable``. See :mod:`contimg_hub.worker`."""
        return ClaimContext(self, worker, wait=wait, heartbeat=heartbeat, retryable=retryable,
                            finish_timeout=finish_timeout, poll=poll)

    @property
    def connected(self) -> bool:
        conn = self._conn
        return conn is not None and not conn.dead.is_set()

    @property
    def in_flight(self) -> int:
        """Requests sent and not answered yet."""
        conn = self._conn
        return conn.requests_in_flight() if conn is not None else 0

    @property
    def callback_errors(self) -> int:
        """How many callbacks have raised so far."""
        return self._dispatcher.errors

    def close(self) -> None:
        """Closes the connection; calls in flight fail with ConnectionLost and event streams end."""
        with self._cond:
            if self._closed:
                return
            self._closed = True
            conn, self._conn = self._conn, None
            self._cond.notify_all()
        self._stop.set()
        if conn is not None:
            conn.kill(ConnectionLost("the Hub was closed"))
        if threading.current_thread() is not self._supervisor:
            self._supervisor.join(timeout=5)
        for stream in list(self._streams):
            stream._end()
        self._dispatcher.stop()

    def __enter__(self) -> "Hub":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._closed else "connected" if self.connected else "reconnecting"
        return f"Hub({self.host!r}, {self.port}, {state})"

    # ------------------------------------------------------------------------------------------ calls

    def _call(self, address: str, body: Dict[str, Any], idempotent: bool, timeout: Optional[float]) -> Any:
        return self._with_retry(address, _wire.jsonable(body), self.retry if idempotent else NO_RETRY, timeout)

    def _timeout(self, timeout: Optional[float]) -> float:
        return self.timeout if timeout is None else timeout

    def _with_retry(self, address: str, payload: Any, policy: RetryPolicy, timeout: Optional[float]) -> Any:
        attempt = 1
        while True:
            try:
                return self._exchange("send", address, payload, self._timeout(timeout))
            except HubError as error:
                if not policy.should_retry(error, attempt):
                    raise
                delay = policy.backoff.delay(attempt)
                log.info("%s failed (%s); try %d of %d in %.2f s", address, error, attempt + 1, policy.attempts, delay)
                if policy.on_retry is not None:
                    policy.on_retry(attempt, error, delay)
                if self._stop.wait(delay):
                    raise ConnectionLost("the Hub was closed", address) from error
                attempt += 1

    def _exchange(self, kind: str, address: str, payload: Any, timeout: float) -> Any:
        deadline = time.monotonic() + timeout
        conn = self._wait_connection(deadline, address)
        waiter = _Waiter()
        if kind == "send":
            reply_address = f"contimg-hub.{uuid.uuid4().hex}"
            entry = _wire.Entry("request", address, waiter.settle, reply_address)
            frame = _wire.send_frame("send", address, payload, self._token, reply_address, max(1, int(timeout * 1000)))
        else:
            entry = _wire.Entry(kind, address, waiter.settle)
            frame = _wire.send_frame(kind, address, payload, self._token)
        conn.send(frame, entry)
        if not waiter.wait(deadline - time.monotonic()):
            conn.forget(entry)
            raise Timeout(f"no answer within {timeout:g} s", address)
        return _result(waiter.outcome, address)

    def _wait_connection(self, deadline: float, address: Optional[str]) -> _Connection:
        with self._cond:
            while True:
                if self._closed:
                    raise ConnectionLost("the Hub is closed", address)
                conn = self._conn
                if conn is not None and not conn.dead.is_set():
                    return conn
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ConnectionLost(f"not connected to the hub at {self.host}:{self.port} "
                                         f"(last error: {self._last_error})", address)
                self._cond.wait(min(remaining, 0.5))

    # ------------------------------------------------------------------------------------------ subscriptions

    def _confirm_registered(self, address: str, deadline: float) -> None:
        while True:
            conn = self._wait_connection(deadline, address)
            with self._cond:
                if address not in self._subs:
                    return  # cancelled meanwhile
                waiter = conn.register(address, self._token)
            if not waiter.wait(deadline - time.monotonic()):
                raise Timeout("the bridge did not confirm the subscription", address)
            if isinstance(waiter.outcome, ConnectionLost):
                continue  # registered again on the next connection; wait for that one
            _result(waiter.outcome, address)
            return

    def _unsubscribe(self, subscription: Subscription) -> None:
        with self._cond:  # held while unregistering, so a new subscription cannot slip in between
            subscriptions = self._subs.get(subscription.address, [])
            if subscription in subscriptions:
                subscriptions.remove(subscription)
            if subscriptions:
                return
            self._subs.pop(subscription.address, None)
            if self._conn is not None:
                self._conn.unregister(subscription.address)

    def _deliver(self, address: str, body: Any) -> None:
        with self._cond:
            subscriptions = list(self._subs.get(address, ()))
        for subscription in subscriptions:
            self._dispatcher.deliver(subscription, body)

    # ------------------------------------------------------------------------------------------ connection

    def _emit(self, event: ConnectionEvent) -> None:
        (log.warning if event.state == DISCONNECTED or event.refused else log.info)("%s", event)
        if self._on_connection is not None:
            self._dispatcher.call(self._on_connection, event)

    def _supervise(self) -> None:
        attempts = 0
        ever_connected = False
        lost_at: Optional[float] = None
        while not self._stop.is_set():
            try:
                sock = socket.create_connection((self.host, self.port), timeout=min(self._ping_timeout, 10.0))
            except OSError as e:
                attempts += 1
                self._last_error = e
                (log.warning if attempts == 1 and not ever_connected else log.debug)(
                    "cannot connect to the hub at %s:%s (%s); trying again", self.host, self.port, e)
                self._stop.wait(self._reconnect.delay(attempts))
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.settimeout(self._ping_timeout)
            conn = _Connection(self, sock)
            conn.start()
            with self._cond:
                if self._closed:
                    conn.kill(ConnectionLost("the Hub was closed"))
                    return
                addresses = list(self._subs)
                registrations = [(address, conn.register(address, self._token)) for address in addresses]
                self._conn = conn
                self._cond.notify_all()
            refused: List[Tuple[str, HubError]] = []
            # The registrations' pings answer within ping_timeout on a live connection; a connection that swallows
            # them (a black hole) is dropped like any other silent one.
            deadline = time.monotonic() + self._ping_timeout
            for address, waiter in registrations:
                if not waiter.wait(deadline - time.monotonic()):
                    conn.kill(ConnectionLost(f"the hub did not confirm the subscriptions within {self._ping_timeout:g} s"))
                    break
                if isinstance(waiter.outcome, dict):
                    try:
                        _result(waiter.outcome, address)
                    except HubError as error:
                        refused.append((address, error))
            if conn.dead.is_set():
                with self._cond:
                    if self._conn is conn:
                        self._conn = None
                attempts += 1
                self._last_error = conn.error
                log.debug("the new connection to %s:%s died at once (%s)", self.host, self.port, conn.error)
                self._stop.wait(self._reconnect.delay(attempts))
                continue
            if not ever_connected:
                self._emit(ConnectionEvent(CONNECTED, self.host, self.port, resubscribed=tuple(addresses),
                                           refused=tuple(refused), attempts=attempts + 1))
            else:
                self.reconnects += 1
                self._emit(ConnectionEvent(RECONNECTED, self.host, self.port, resubscribed=tuple(addresses),
                                           refused=tuple(refused), attempts=attempts + 1,
                                           downtime=time.monotonic() - lost_at if lost_at is not None else None))
            ever_connected = True
            attempts = 0
            self._keep_alive(conn)
            with self._cond:
                if self._conn is conn:
                    self._conn = None
            lost_at = time.monotonic()
            if self._stop.is_set():
                return
            self._last_error = conn.error
            self._emit(ConnectionEvent(DISCONNECTED, self.host, self.port, error=conn.error))

    def _keep_alive(self, conn: _Connection) -> None:
        while not conn.dead.wait(self._ping_interval):
            oldest = conn.oldest_unanswered()
            if oldest is not None and time.monotonic() - oldest > self._ping_timeout:
                conn.kill(ConnectionLost(f"the hub has not answered a ping for {self._ping_timeout:g} s"))
                return
            conn.ping()


def _result(outcome: _wire.Outcome, address: str) -> Any:
    if isinstance(outcome, HubError):
        raise outcome
    if isinstance(outcome, BaseException):
        raise ConnectionLost(str(outcome), address) from outcome
    if outcome is None:
        return None
    if outcome.get("type") == "err":
        raise error_from_frame(outcome, address)
    return outcome.get("body")

