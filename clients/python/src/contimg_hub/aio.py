"""The asyncio client: :class:`Hub`, with the surface of the blocking ``contimg_hub.Hub``, every call awaited.

    async with contimg_hub.aio.Hub("127.0.0.1", 7000, token=token) as hub:
        await hub.ingest_subband_add("/data/incoming/2025-10-24T12:00:00_sb00.hdf5")
        async with hub.events("events.queue") as events:
            async for event in events:
                ...
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
import uuid
from typing import Any, AsyncIterator, Callable, Dict, List, Optional, Tuple, Type

from . import _wire
from ._api import AsyncApi
from .connection import CONNECTED, DISCONNECTED, RECONNECTED, ConnectionEvent
from .errors import ConnectionLost, HubError, Timeout, error_from_frame
from .retry import NO_RETRY, Backoff, RetryPolicy
from .worker import DEFAULT_RETRYABLE, AsyncClaimContext

__all__ = ["Hub", "AsyncSubscription", "AsyncEventStream"]

log = logging.getLogger("contimg_hub")

Callback = Callable[[Any], Any]


def _settler(future: "asyncio.Future[_wire.Outcome]") -> Callable[[_wire.Outcome], None]:
    def settle(outcome: _wire.Outcome) -> None:
        if not future.done():
            future.set_result(outcome)

    return settle


class _Connection:
    def __init__(self, hub: "Hub", reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self._hub = hub
        self._reader = reader
        self._writer = writer
        self._tracker = _wire.Tracker(log.warning)
        self._registered: Dict[str, "asyncio.Future[_wire.Outcome]"] = {}
        self.dead = asyncio.Event()
        self.error: Optional[HubError] = None
        self._task = asyncio.ensure_future(self._read_loop())

    def send(self, frame: Optional[Dict[str, Any]], entry: _wire.Entry) -> None:
        if self.dead.is_set():
            entry.settle(ConnectionLost(f"the connection to the hub is closed ({self.error})", entry.address))
            return
        data = (_wire.encode(frame) if frame is not None else b"") + _wire.PING
        self._tracker.sent(entry)
        try:
            self._writer.write(data)
        except (OSError, RuntimeError) as e:
            self.kill(ConnectionLost(f"writing to the hub failed: {e}"))

    async def drain(self, timeout: float) -> None:
        try:
            await asyncio.wait_for(self._writer.drain(), timeout)
        except (OSError, RuntimeError, asyncio.TimeoutError) as e:
            self.kill(ConnectionLost(f"writing to the hub failed: {e!r}"))

    def ping(self) -> None:
        self.send(None, self._tracker.ping_entry())

    @property
    def pongs(self) -> int:
        """Pongs received: every frame sent, and every keep-alive ping, is answered by one."""
        return self._tracker.pongs

    def forget(self, entry: _wire.Entry) -> None:
        self._tracker.forget(entry)

    def oldest_unanswered(self) -> Optional[float]:
        return self._tracker.oldest_unanswered()

    @property
    def requests_in_flight(self) -> int:
        return self._tracker.requests_in_flight

    def register(self, address: str, token: Optional[str]) -> "asyncio.Future[_wire.Outcome]":
        future = self._registered.get(address)
        if future is None:
            future = self._registered[address] = asyncio.get_running_loop().create_future()
            self.send(_wire.send_frame("register", address, None, token), _wire.Entry("register", address, _settler(future)))
        return future

    def unregister(self, address: str) -> None:
        if self._registered.pop(address, None) is not None:
            self.send(_wire.send_frame("unregister", address, None, None), _wire.Entry("unregister", address, _ignore))

    def kill(self, error: HubError) -> None:
        if self.dead.is_set():
            return
        self.error = error
        self.dead.set()
        self._tracker.fail_all(error)
        self._registered.clear()
        try:
            self._writer.close()
        except (OSError, RuntimeError):
            pass
        if self._task is not asyncio.current_task():
            self._task.cancel()

    async def _read_loop(self) -> None:
        error: HubError = ConnectionLost("the connection was closed")
        try:
            while True:
                header = await self._reader.readexactly(4)
                payload = await self._reader.readexactly(_wire.frame_length(header))
                event = self._tracker.receive(_wire.decode(payload))
                if event is not None:
                    self._hub._deliver(*event)
        except asyncio.IncompleteReadError:
            error = ConnectionLost("the hub closed the connection")
        except (OSError, ValueError) as e:
            error = ConnectionLost(f"reading from the hub failed: {e}")
        finally:
            self.kill(error)


def _ignore(outcome: _wire.Outcome) -> None:
    pass


class AsyncSubscription:
    """A callback registered for an address; ``await subscription.cancel()`` stops it."""

    def __init__(self, hub: "Hub", address: str, callback: Callback):
        self.address = address
        self.callback = callback
        self._hub = hub
        self.cancelled = False

    async def cancel(self) -> None:
        if not self.cancelled:
            self.cancelled = True
            self._hub._unsubscribe(self)

    async def __aenter__(self) -> "AsyncSubscription":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.cancel()

    def __repr__(self) -> str:
        return f"AsyncSubscription({self.address!r}, {self.callback!r}{', cancelled' if self.cancelled else ''})"


_END = object()


class AsyncEventStream(AsyncIterator[Any]):
    """The events of one address as an async iterator; subscribes when first iterated (or entered with
    ``async with``, which also unsubscribes at the end). Past ``maxsize`` unread events the oldest is dropped
    (``dropped`` counts them). Iteration ends when the stream or the hub is closed, not on a reconnection."""

    def __init__(self, hub: "Hub", address: str, maxsize: int = 10000, timeout: Optional[float] = None):
        self.address = address
        self.dropped = 0
        self._hub = hub
        self._maxsize = maxsize
        self._timeout = timeout
        self._queue: Optional["asyncio.Queue[Any]"] = None
        self._subscription: Optional[AsyncSubscription] = None

    async def _start(self) -> "asyncio.Queue[Any]":
        if self._queue is None:
            self._queue = asyncio.Queue()
            self._subscription = await self._hub.subscribe(self.address, self._put, timeout=self._timeout)
            self._hub._streams.append(self)
        return self._queue

    def _put(self, body: Any) -> None:
        assert self._queue is not None
        while self._queue.qsize() >= self._maxsize:
            self._queue.get_nowait()
            self.dropped += 1
            if self.dropped in (1, 10, 100) or self.dropped % 1000 == 0:
                log.warning("events on %s arrive faster than they are read: %d dropped", self.address, self.dropped)
        self._queue.put_nowait(body)

    async def get(self, timeout: Optional[float] = None) -> Any:
        """The next event; :class:`~contimg_hub.Timeout` if none comes within ``timeout`` seconds."""
        queue = await self._start()
        try:
            item = await asyncio.wait_for(queue.get(), timeout)
        except asyncio.TimeoutError:
            raise Timeout(f"no event within {timeout} s", self.address) from None
        if item is _END:
            queue.put_nowait(_END)
            raise ConnectionLost("the event stream is closed", self.address)
        return item

    def __aiter__(self) -> "AsyncEventStream":
        return self

    async def __anext__(self) -> Any:
        queue = await self._start()
        item = await queue.get()
        if item is _END:
            queue.put_nowait(_END)
            raise StopAsyncIteration
        return item

    async def aclose(self) -> None:
        if self._subscription is not None:
            await self._subscription.cancel()
        self._end()
        if self in self._hub._streams:
            self._hub._streams.remove(self)

    def _end(self) -> None:
        if self._queue is not None:
            self._queue.put_nowait(_END)

    async def __aenter__(self) -> "AsyncEventStream":
        await self._start()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.aclose()


class Hub(AsyncApi):
    """A connection to contimg-hub's TCP bridge for asyncio, with the options and behaviour of
    :class:`contimg_hub.Hub`. Creating it does no I/O: ``await hub.connect()`` or ``async with`` connects
    (the first call connects too). Callbacks may be plain functions or coroutine functions; they run in order on
    a task of their own, and one that raises is logged and skipped."""

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
        self._connect_timeout = connect_timeout
        self._reconnect = reconnect or Backoff()
        self._ping_interval = ping_interval
        self._ping_timeout = ping_timeout if ping_timeout is not None else 3 * ping_interval
        self._on_connection = on_connection
        self._conn: Optional[_Connection] = None
        self._subs: Dict[str, List[AsyncSubscription]] = {}
        self._streams: List[AsyncEventStream] = []
        self._closed = False
        self._last_error: Optional[BaseException] = None
        self._supervisor: Optional["asyncio.Task[None]"] = None
        self._dispatcher: Optional["asyncio.Task[None]"] = None
        self._callbacks: Optional["asyncio.Queue[Any]"] = None
        self._changed: Optional[asyncio.Condition] = None
        self.reconnects = 0
        self._callback_errors = 0

    # ------------------------------------------------------------------------------------------ public surface

    async def connect(self) -> "Hub":
        """Starts the connection and waits for it (up to ``connect_timeout``, by default ``timeout``)."""
        self._start()
        timeout = self._connect_timeout if self._connect_timeout is not None else self.timeout
        try:
            await self._wait_connection(time.monotonic() + timeout, None)
        except BaseException:
            await self.close()
            raise
        return self

    async def request(self, address: str, body: Any = None, *, timeout: Optional[float] = None,
                      retry: Optional[RetryPolicy] = None) -> Any:
        """Sends ``body`` to ``address`` and returns the reply's body (see ``contimg_hub.Hub.request``)."""
        return await self._with_retry(address, _wire.jsonable({} if body is None else body), retry or NO_RETRY, timeout)

    async def publish(self, address: str, body: Any = None, *, timeout: Optional[float] = None) -> None:
        """Publishes ``body`` on ``address``; returns once the bridge has accepted it (Refused if it does not)."""
        payload = _wire.jsonable(body)
        await self._exchange("publish", address, payload, self._timeout(timeout))

    async def subscribe(self, address: str, callback: Callback, *, timeout: Optional[float] = None) -> AsyncSubscription:
        """Calls ``callback(body)`` (a function or a coroutine function) for every message on ``address``; returns
        once the bridge has confirmed the registration, Refused if it does not permit the address."""
        if not callable(callback):
            raise TypeError("callback must be callable")
        self._start()
        if self._closed:
            raise ConnectionLost("the Hub is closed", address)
        subscription = AsyncSubscription(self, address, callback)
        self._subs.setdefault(address, []).append(subscription)
        try:
            await self._confirm_registered(address, time.monotonic() + self._timeout(timeout))
        except BaseException:
            await subscription.cancel()
            raise
        return subscription

    def events(self, address: str, *, maxsize: int = 10000, timeout: Optional[float] = None) -> AsyncEventStream:
        """The events of ``address`` as an async iterator (``async with hub.events(...) as events:``)."""
        return AsyncEventStream(self, address, maxsize, timeout)

    def claim(self, worker: str, *, wait: float = 0.0, heartbeat: float = 60.0,
              retryable: Tuple[Type[BaseException], ...] = DEFAULT_RETRYABLE, finish_timeout: Optional[float] = None,
              poll: float = 5.0) -> AsyncClaimContext:
        """``async with hub.claim("imager-1") as group:``, with the options of ``contimg_hub.Hub.claim``. The block
        must let the event loop run for the heartbeats: put blocking work in ``await asyncio.to_thread(...)``."""
        return AsyncClaimContext(self, worker, wait=wait, heartbeat=heartbeat, retryable=retryable,
                                 finish_timeout=finish_timeout, poll=poll)

    @property
    def connected(self) -> bool:
        return self._conn is not None and not self._conn.dead.is_set()

    @property
    def in_flight(self) -> int:
        """Requests sent and not answered yet."""
        return self._conn.requests_in_flight if self._conn is not None else 0

    @property
    def callback_errors(self) -> int:
        """How many callbacks have raised so far."""
        return self._callback_errors

    async def close(self) -> None:
        """Closes the connection; calls in flight fail with ConnectionLost and event streams end."""
        if self._closed:
            return
        self._closed = True
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.kill(ConnectionLost("the Hub was closed"))
        for task in (self._supervisor,):
            if task is not None and task is not asyncio.current_task():
                task.cancel()
                try:
                    await task
                except (asyncio.CancelledError, Exception):
                    pass
        for stream in list(self._streams):
            stream._end()
        if self._callbacks is not None and self._dispatcher is not None:
            self._callbacks.put_nowait(None)
            if self._dispatcher is not asyncio.current_task():
                try:
                    await asyncio.wait_for(self._dispatcher, 5)
                except (asyncio.TimeoutError, asyncio.CancelledError, Exception):
                    pass
        if self._changed is not None:
            async with self._changed:
                self._changed.notify_all()

    async def __aenter__(self) -> "Hub":
        return await self.connect()

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()

    def __repr__(self) -> str:
        state = "closed" if self._closed else "connected" if self.connected else "not connected"
        return f"aio.Hub({self.host!r}, {self.port}, {state})"

    # ------------------------------------------------------------------------------------------ calls

    def _start(self) -> None:
        if self._supervisor is None and not self._closed:
            self._changed = asyncio.Condition()
            self._callbacks = asyncio.Queue()
            self._dispatcher = asyncio.ensure_future(self._dispatch())
            self._supervisor = asyncio.ensure_future(self._supervise())

    async def _call(self, address: str, body: Dict[str, Any], idempotent: bool, timeout: Optional[float]) -> Any:
        return await self._with_retry(address, _wire.jsonable(body), self.retry if idempotent else NO_RETRY, timeout)

    def _timeout(self, timeout: Optional[float]) -> float:
        return self.timeout if timeout is None else timeout

    async def _with_retry(self, address: str, payload: Any, policy: RetryPolicy, timeout: Optional[float]) -> Any:
        attempt = 1
        while True:
            try:
                return await self._exchange("send", address, payload, self._timeout(timeout))
            except HubError as error:
                if not policy.should_retry(error, attempt):
                    raise
                delay = policy.backoff.delay(attempt)
                log.info("%s failed (%s); try %d of %d in %.2f s", address, error, attempt + 1, policy.attempts, delay)
                if policy.on_retry is not None:
                    policy.on_retry(attempt, error, delay)
                await asyncio.sleep(delay)
                if self._closed:
                    raise ConnectionLost("the Hub was closed", address) from error
                attempt += 1

    async def _exchange(self, kind: str, address: str, payload: Any, timeout: float) -> Any:
        self._start()
        deadline = time.monotonic() + timeout
        conn = await self._wait_connection(deadline, address)
        future: "asyncio.Future[_wire.Outcome]" = asyncio.get_running_loop().create_future()
        if kind == "send":
            reply_address = f"contimg-hub.{uuid.uuid4().hex}"
            entry = _wire.Entry("request", address, _settler(future), reply_address)
            frame = _wire.send_frame("send", address, payload, self._token, reply_address, max(1, int(timeout * 1000)))
        else:
            entry = _wire.Entry(kind, address, _settler(future))
            frame = _wire.send_frame(kind, address, payload, self._token)
        conn.send(frame, entry)
        try:
            await conn.drain(max(0.001, deadline - time.monotonic()))
            outcome = await asyncio.wait_for(future, max(0.0, deadline - time.monotonic()))
        except asyncio.TimeoutError:
            conn.forget(entry)
            raise Timeout(f"no answer within {timeout:g} s", address) from None
        except asyncio.CancelledError:
            conn.forget(entry)
            raise
        return _result(outcome, address)

    async def _wait_connection(self, deadline: float, address: Optional[str]) -> _Connection:
        assert self._changed is not None
        async with self._changed:
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
                try:
                    await asyncio.wait_for(self._changed.wait(), min(remaining, 0.5))
                except asyncio.TimeoutError:
                    pass

    # ------------------------------------------------------------------------------------------ subscriptions

    async def _confirm_registered(self, address: str, deadline: float) -> None:
        while True:
            conn = await self._wait_connection(deadline, address)
            if address not in self._subs:
                return
            future = conn.register(address, self._token)
            try:
                outcome = await asyncio.wait_for(asyncio.shield(future), max(0.0, deadline - time.monotonic()))
            except asyncio.TimeoutError:
                raise Timeout("the bridge did not confirm the subscription", address) from None
            if isinstance(outcome, ConnectionLost):
                continue
            _result(outcome, address)
            return

    def _unsubscribe(self, subscription: AsyncSubscription) -> None:
        subscriptions = self._subs.get(subscription.address, [])
        if subscription in subscriptions:
            subscriptions.remove(subscription)
        if subscriptions:
            return
        self._subs.pop(subscription.address, None)
        if self._conn is not None:
            self._conn.unregister(subscription.address)

    def _deliver(self, address: str, body: Any) -> None:
        assert self._callbacks is not None
        for subscription in list(self._subs.get(address, ())):
            self._callbacks.put_nowait((subscription, body))

    async def _dispatch(self) -> None:
        assert self._callbacks is not None
        while True:
            item = await self._callbacks.get()
            if item is None:
                return
            target, argument = item
            if isinstance(target, AsyncSubscription):
                if target.cancelled:
                    continue
                function, about = target.callback, f"for {target.address}"
            else:
                function, about = target, "for connection events"
            try:
                result = function(argument)
                if inspect.isawaitable(result):
                    await result
            except Exception:
                self._callback_errors += 1
                log.exception("the callback %r %s raised; it is skipped and the connection lives on", function, about)

    # ------------------------------------------------------------------------------------------ connection

    def _emit(self, event: ConnectionEvent) -> None:
        (log.warning if event.state == DISCONNECTED or event.refused else log.info)("%s", event)
        if self._on_connection is not None and self._callbacks is not None:
            self._callbacks.put_nowait((self._on_connection, event))

    async def _set_connection(self, conn: Optional[_Connection]) -> None:
        assert self._changed is not None
        async with self._changed:
            self._conn = conn
            self._changed.notify_all()

    async def _supervise(self) -> None:
        attempts = 0
        ever_connected = False
        lost_at: Optional[float] = None
        while not self._closed:
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(self.host, self.port),
                                                        min(self._ping_timeout, 10.0))
            except (OSError, asyncio.TimeoutError) as e:
                attempts += 1
                self._last_error = e
                (log.warning if attempts == 1 and not ever_connected else log.debug)(
                    "cannot connect to the hub at %s:%s (%r); trying again", self.host, self.port, e)
                await asyncio.sleep(self._reconnect.delay(attempts))
                continue
            conn = _Connection(self, reader, writer)
            addresses = list(self._subs)
            registrations = [(address, conn.register(address, self._token)) for address in addresses]
            await self._set_connection(conn)
            refused: List[Tuple[str, HubError]] = []
            if registrations:
                # A live connection confirms within ping_timeout; one that swallows frames is dropped.
                _, waiting = await asyncio.wait([r for _, r in registrations], timeout=self._ping_timeout)
                if waiting:
                    conn.kill(ConnectionLost(f"the hub did not confirm the subscriptions within {self._ping_timeout:g} s"))
            for address, registration in registrations:
                if registration.done() and not registration.cancelled() and isinstance(registration.result(), dict):
                    try:
                        _result(registration.result(), address)
                    except HubError as error:
                        refused.append((address, error))
            if conn.dead.is_set():
                if self._conn is conn:
                    await self._set_connection(None)
                attempts += 1
                self._last_error = conn.error
                log.debug("the new connection to %s:%s died at once (%s)", self.host, self.port, conn.error)
                await asyncio.sleep(self._reconnect.delay(attempts))
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
            await self._keep_alive(conn)
            if self._conn is conn:
                await self._set_connection(None)
            lost_at = time.monotonic()
            if self._closed:
                return
            self._last_error = conn.error
            self._emit(ConnectionEvent(DISCONNECTED, self.host, self.port, error=conn.error))

    async def _keep_alive(self, conn: _Connection) -> None:
        while True:
            try:
                await asyncio.wait_for(conn.dead.wait(), self._ping_interval)
                return
            except asyncio.TimeoutError:
                pass
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
