"""The worker helper: ``with hub.claim("imager-1") as group:`` (and ``async with`` on ``aio.Hub``).

Entering claims the oldest pending group for the worker (waiting up to ``wait`` seconds for one); ``group`` is a
:class:`Claim`, or ``None`` when nothing was pending. While the block runs a heartbeat keeps the group's lease.
On a normal exit the group is completed with the metrics the block put in ``group.metrics``; on an exception
it is failed, retryable or not by the exception's type, and the exception goes on.

An exception is retryable when it is a :class:`RetryableError`, one of ``retryable`` (by default ``OSError``,
``TimeoutError`` and :class:`~contimg_hub.Unavailable`: a full disk, a lost mount, a hub that is restarting), or
not an ``Exception`` at all (``KeyboardInterrupt``, ``SystemExit``: the worker was stopped, the group should go
back to the queue). A :class:`PermanentError`, and any other exception, fails the group for good.

Across a hub restart: heartbeats that fail are retried; completing or failing waits for the connection (up to
``finish_timeout``) and, when the first attempt was cut off, checks on the hub whether it had already been
applied rather than report a false Conflict. A claim cut off in flight is looked for among the in-progress
groups, so a group leased to this worker is not left to its lease's expiry.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from typing import TYPE_CHECKING, Any, Callable, List, Optional, Tuple, Type, TypeVar

from .errors import Conflict, ConnectionLost, HubError, Timeout, Unavailable
from .retry import Backoff
from .types import GroupDetail, GroupMetrics

if TYPE_CHECKING:  # pragma: no cover
    from .aio import Hub as AsyncHub
    from .client import Hub

__all__ = ["Claim", "ClaimContext", "AsyncClaimContext", "RetryableError", "PermanentError", "DEFAULT_RETRYABLE"]

log = logging.getLogger("contimg_hub")

_T = TypeVar("_T")


class RetryableError(Exception):
    """Raise it (or a subclass) in a claim block to fail the group as retryable: it goes back to pending."""


class PermanentError(Exception):
    """Raise it (or a subclass) in a claim block to fail the group for good, whatever its cause."""


DEFAULT_RETRYABLE: Tuple[Type[BaseException], ...] = (OSError, TimeoutError, Unavailable, RetryableError)

_UNCERTAIN = (ConnectionLost, Timeout)
_TRANSIENT = (ConnectionLost, Timeout, Unavailable)
_FINISH_BACKOFF = Backoff(initial=0.2, maximum=2.0)


class Claim:
    """A group this worker holds, as the ``with`` block sees it.

    ``group_id``, ``files`` (the subband paths, by subband index) and ``group`` (everything the hub sent). Put
    timings in ``metrics`` (the keys of :class:`~contimg_hub.types.GroupMetrics`; ``total_time`` defaults to the
    block's duration). ``heartbeats`` counts the heartbeats sent; ``lease_lost`` is the Conflict the hub answered
    a heartbeat with if the group was taken away (the block may check it and stop early). After the block,
    ``outcome`` is the group as the completion or failure left it.
    """

    def __init__(self, worker: str, group: GroupDetail):
        self.worker = worker
        self.group = group
        self.group_id: str = group["group_id"]
        files = sorted(group.get("files") or [], key=lambda f: f.get("subband_idx", 0))
        self.files: List[str] = [f["file_path"] for f in files]
        self.metrics: GroupMetrics = {}
        self.heartbeats = 0
        self.lease_lost: Optional[HubError] = None
        self.outcome: Optional[GroupDetail] = None
        self.started = time.monotonic()

    def __repr__(self) -> str:
        return f"Claim({self.group_id!r}, worker={self.worker!r}, files={len(self.files)})"


class _Policy:
    """What the sync and the asyncio helper share: options, and how an exception is reported."""

    def __init__(self, worker: str, wait: float, heartbeat: float, retryable: Tuple[Type[BaseException], ...],
                 finish_timeout: Optional[float], poll: float, timeout: float):
        if not worker:
            raise ValueError("worker must name the worker")
        if heartbeat <= 0:
            raise ValueError("heartbeat must be positive")
        self.worker = worker
        self.wait = wait
        self.heartbeat = heartbeat
        self.retryable = retryable
        self.finish_timeout = finish_timeout if finish_timeout is not None else max(60.0, 2 * timeout)
        self.poll = poll

    def is_retryable(self, exc: BaseException) -> bool:
        if isinstance(exc, PermanentError):
            return False
        if isinstance(exc, RetryableError) or not isinstance(exc, Exception):
            return True
        return isinstance(exc, self.retryable)

    @staticmethod
    def describe(exc: BaseException) -> str:
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return text if len(text) <= 2000 else text[:1997] + "..."

    def metrics(self, claim: Claim) -> GroupMetrics:
        metrics = dict(claim.metrics)
        metrics.setdefault("total_time", round(time.monotonic() - claim.started, 3))
        return metrics  # type: ignore[return-value]

    def completed(self, group: GroupDetail) -> bool:
        return group.get("state") == "completed"

    def released(self, group: GroupDetail) -> bool:
        return group.get("state") != "in_progress" or group.get("worker") != self.worker


class ClaimContext(_Policy):
    """``hub.claim(worker, wait=0, heartbeat=60, retryable=DEFAULT_RETRYABLE, finish_timeout=None, poll=5)``.

    ``wait``: seconds to wait for a pending group (woken by ``events.queue``, and polling every ``poll`` seconds);
    ``heartbeat``: seconds between heartbeats (keep it well under the hub's lease, 3600 s by default);
    ``finish_timeout``: how long completing or failing keeps trying through a disconnection.
    """

    def __init__(self, hub: "Hub", worker: str, *, wait: float = 0.0, heartbeat: float = 60.0,
                 retryable: Tuple[Type[BaseException], ...] = DEFAULT_RETRYABLE, finish_timeout: Optional[float] = None,
                 poll: float = 5.0):
        super().__init__(worker, wait, heartbeat, retryable, finish_timeout, poll, hub.timeout)
        self._hub = hub
        self._stop = threading.Event()
        self._beater: Optional[threading.Thread] = None
        self.claim: Optional[Claim] = None

    def __enter__(self) -> Optional[Claim]:
        group = self._acquire()
        if group is None:
            return None
        self.claim = Claim(self.worker, group)
        log.info("%s claimed %s (%d files)", self.worker, self.claim.group_id, len(self.claim.files))
        self._beater = threading.Thread(target=self._beat, name=f"contimg-hub-heartbeat-{self.claim.group_id}",
                                        daemon=True)
        self._beater.start()
        return self.claim

    def __exit__(self, exc_type: Any, exc: Optional[BaseException], tb: Any) -> bool:
        self._stop.set()
        if self._beater is not None:
            self._beater.join(timeout=self._hub.timeout + 1)
        claim = self.claim
        if claim is None:
            return False
        if exc is None:
            metrics = self.metrics(claim)
            claim.outcome = self._finish(
                claim, lambda: self._hub.ingest_group_complete(claim.group_id, worker=self.worker, metrics=metrics),
                self.completed)
            log.info("%s completed %s", self.worker, claim.group_id)
            return False
        retryable = self.is_retryable(exc)
        try:
            claim.outcome = self._finish(
                claim, lambda: self._hub.ingest_group_fail(claim.group_id, self.describe(exc), retryable,
                                                           worker=self.worker),
                self.released)
            log.warning("%s failed %s (%s): %s", self.worker, claim.group_id,
                        "retryable" if retryable else "permanent", self.describe(exc))
        except HubError as report_error:
            log.error("could not report the failure of %s to the hub (%s); its lease will expire",
                      claim.group_id, report_error)
        return False

    # ------------------------------------------------------------------------------------------------

    def _acquire(self) -> Optional[GroupDetail]:
        deadline = time.monotonic() + self.wait
        wake = threading.Event()
        subscription = None
        attempt = 0
        try:
            while True:
                try:
                    if subscription is None and self.wait > 0:
                        subscription = self._hub.subscribe(
                            "events.queue", lambda event: wake.set() if event.get("to") == "pending" else None)
                    wake.clear()
                    group = self._claim_once()
                    if group is not None:
                        return group
                    attempt = 0
                except _TRANSIENT:
                    attempt += 1
                    if time.monotonic() >= deadline:
                        raise
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                wake.wait(min(remaining, self.poll if attempt == 0 else _FINISH_BACKOFF.delay(attempt)))
        finally:
            if subscription is not None:
                subscription.cancel()

    def _claim_once(self) -> Optional[GroupDetail]:
        try:
            reply = self._hub.ingest_group_claim(self.worker)
        except _UNCERTAIN as error:
            log.warning("the claim of %s was cut off (%s); looking for a group the hub may have leased to it",
                        self.worker, error)
            held = self._held()
            if held is None:
                raise
            return held
        return reply["group"] if reply["claimed"] else None

    def _held(self) -> Optional[GroupDetail]:
        page = self._hub.ingest_queue_list(state="in_progress", limit=500)
        for row in page["groups"]:
            group = self._hub.ingest_group_get(row["group_id"])
            if group.get("worker") == self.worker:
                log.warning("%s holds %s after all: taking it up", self.worker, group["group_id"])
                return group
        return None

    def _beat(self) -> None:
        claim = self.claim
        assert claim is not None
        while not self._stop.wait(self.heartbeat):
            try:
                self._hub.ingest_group_heartbeat(claim.group_id, worker=self.worker,
                                                 timeout=min(self._hub.timeout, max(self.heartbeat, 1.0)))
                claim.heartbeats += 1
            except Conflict as error:
                claim.lease_lost = error
                log.error("%s lost the lease of %s: %s", self.worker, claim.group_id, error.message)
                return
            except HubError as error:
                log.warning("heartbeat of %s failed (%s); trying again in %g s", claim.group_id, error, self.heartbeat)

    def _finish(self, claim: Claim, call: Callable[[], GroupDetail], applied: Callable[[GroupDetail], bool]) -> GroupDetail:
        deadline = time.monotonic() + self.finish_timeout
        uncertain = False
        attempt = 0
        while True:
            try:
                return call()
            except Conflict:
                if uncertain:
                    group = self._hub.ingest_group_get(claim.group_id)
                    if applied(group):
                        return group
                raise
            except _TRANSIENT as error:
                uncertain = uncertain or isinstance(error, _UNCERTAIN)
                attempt += 1
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise
                delay = min(remaining, _FINISH_BACKOFF.delay(attempt))
                log.warning("reporting %s to the hub failed (%s); trying again in %.1f s", claim.group_id, error, delay)
                time.sleep(delay)


class AsyncClaimContext(_Policy):
    """``async with hub.claim(worker, ...) as group:`` on :class:`contimg_hub.aio.Hub`; the options of
    :class:`ClaimContext`. Heartbeats run as a task, so the block must let the event loop run: put blocking work
    in ``await asyncio.to_thread(...)`` or ``loop.run_in_executor``."""

    def __init__(self, hub: "AsyncHub", worker: str, *, wait: float = 0.0, heartbeat: float = 60.0,
                 retryable: Tuple[Type[BaseException], ...] = DEFAULT_RETRYABLE, finish_timeout: Optional[float] = None,
                 poll: float = 5.0):
        super().__init__(worker, wait, heartbeat, retryable, finish_timeout, poll, hub.timeout)
        self._hub = hub
        self._beater: Optional["asyncio.Task[None]"] = None
        self.claim: Optional[Claim] = None

    async def __aenter__(self) -> Optional[Claim]:
        group = await self._acquire()
        if group is None:
            return None
        self.claim = Claim(self.worker, group)
        log.info("%s claimed %s (%d files)", self.worker, self.claim.group_id, len(self.claim.files))
        self._beater = asyncio.ensure_future(self._beat(self.claim))
        return self.claim

    async def __aexit__(self, exc_type: Any, exc: Optional[BaseException], tb: Any) -> bool:
        if self._beater is not None:
            self._beater.cancel()
            try:
                await self._beater
            except asyncio.CancelledError:
                pass
        claim = self.claim
        if claim is None:
            return False
        if exc is None:
            metrics = self.metrics(claim)
            claim.outcome = await self._finish(
                claim, lambda: self._hub.ingest_group_complete(claim.group_id, worker=self.worker, metrics=metrics),
                self.completed)
            log.info("%s completed %s", self.worker, claim.group_id)
            return False
        retryable = self.is_retryable(exc)
        try:
            claim.outcome = await self._finish(
                claim, lambda: self._hub.ingest_group_fail(claim.group_id, self.describe(exc), retryable,
                                                           worker=self.worker),
                self.released)
            log.warning("%s failed %s (%s): %s", self.worker, claim.group_id,
                        "retryable" if retryable else "permanent", self.describe(exc))
        except HubError as report_error:
            log.error("could not report the failure of %s to the hub (%s); its lease will expire",
                      claim.group_id, report_error)
        return False

    async def _acquire(self) -> Optional[GroupDetail]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.wait
        wake = asyncio.Event()
        subscription = None
        attempt = 0
        try:
            while True:
                try:
                    if subscription is None and self.wait > 0:
                        subscription = await self._hub.subscribe(
                            "events.queue", lambda event: wake.set() if event.get("to") == "pending" else None)
                    wake.clear()
                    group = await self._claim_once()
                    if group is not None:
                        return group
                    attempt = 0
                except _TRANSIENT:
                    attempt += 1
                    if loop.time() >= deadline:
                        raise
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return None
                try:
                    await asyncio.wait_for(wake.wait(), min(remaining, self.poll if attempt == 0
                                                            else _FINISH_BACKOFF.delay(attempt)))
                except asyncio.TimeoutError:
                    pass
        finally:
            if subscription is not None:
                await subscription.cancel()

    async def _claim_once(self) -> Optional[GroupDetail]:
        try:
            reply = await self._hub.ingest_group_claim(self.worker)
        except _UNCERTAIN as error:
            log.warning("the claim of %s was cut off (%s); looking for a group the hub may have leased to it",
                        self.worker, error)
            held = await self._held()
            if held is None:
                raise
            return held
        return reply["group"] if reply["claimed"] else None

    async def _held(self) -> Optional[GroupDetail]:
        page = await self._hub.ingest_queue_list(state="in_progress", limit=500)
        for row in page["groups"]:
            group = await self._hub.ingest_group_get(row["group_id"])
            if group.get("worker") == self.worker:
                log.warning("%s holds %s after all: taking it up", self.worker, group["group_id"])
                return group
        return None

    async def _beat(self, claim: Claim) -> None:
        while True:
            await asyncio.sleep(self.heartbeat)
            try:
                await self._hub.ingest_group_heartbeat(claim.group_id, worker=self.worker,
                                                       timeout=min(self._hub.timeout, max(self.heartbeat, 1.0)))
                claim.heartbeats += 1
            except Conflict as error:
                claim.lease_lost = error
                log.error("%s lost the lease of %s: %s", self.worker, claim.group_id, error.message)
                return
            except HubError as error:
                log.warning("heartbeat of %s failed (%s); trying again in %g s", claim.group_id, error, self.heartbeat)

    async def _finish(self, claim: Claim, call: Callable[[], Any], applied: Callable[[GroupDetail], bool]) -> GroupDetail:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.finish_timeout
        uncertain = False
        attempt = 0
        while True:
            try:
                result: GroupDetail = await call()
                return result
            except Conflict:
                if uncertain:
                    group = await self._hub.ingest_group_get(claim.group_id)
                    if applied(group):
                        return group
                raise
            except _TRANSIENT as error:
                uncertain = uncertain or isinstance(error, _UNCERTAIN)
                attempt += 1
                remaining = deadline - loop.time()
                if remaining <= 0:
                    raise
                delay = min(remaining, _FINISH_BACKOFF.delay(attempt))
                log.warning("reporting %s to the hub failed (%s); trying again in %.1f s", claim.group_id, error, delay)
                await asyncio.sleep(delay)
