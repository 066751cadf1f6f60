"""When to try a call again, and how long to wait between tries."""

from __future__ import annotations

import dataclasses
import random
from typing import Callable, Optional, Tuple, Type

from .errors import HubError, Unavailable

__all__ = ["Backoff", "RetryPolicy", "NO_RETRY"]


@dataclasses.dataclass(frozen=True)
class Backoff:
    """Exponential backoff with jitter: ``initial * multiplier**(n-1)``, at most ``maximum`` seconds, each delay
    moved by up to ``jitter`` (a fraction) either way so that many clients do not retry in step."""

    initial: float = 0.1
    maximum: float = 2.0
    multiplier: float = 2.0
    jitter: float = 0.2

    def __post_init__(self) -> None:
        if self.initial < 0 or self.maximum < self.initial or self.multiplier < 1 or not 0 <= self.jitter < 1:
            raise ValueError(f"invalid backoff {self}")

    def delay(self, attempt: int) -> float:
        """The wait before try number ``attempt + 1`` (``attempt`` counts from 1)."""
        base = min(self.maximum, self.initial * self.multiplier ** max(0, attempt - 1))
        return base * (1 + random.uniform(-self.jitter, self.jitter)) if self.jitter else base


@dataclasses.dataclass(frozen=True)
class RetryPolicy:
    """How idempotent calls are retried.

    A call is tried at most ``attempts`` times in all; it is tried again only when it failed with one of
    ``retry_on`` (by default :class:`~contimg_hub.Unavailable`: the hub answered 503, or no owner was running),
    after ``backoff``. ``on_retry(attempt, error, delay)`` is called before each wait (for logging or metrics).

    Only idempotent calls are retried on their own: reads, ``ingest_subband_add``, ``ingest_group_heartbeat``,
    the products' adds and upserts, calibration registration and retirement (see each method's docstring).
    Claims, completions, failures and reviews are never retried behind your back. ``Hub.request`` retries only
    when given a policy explicitly.
    """

    attempts: int = 3
    backoff: Backoff = Backoff(initial=0.2, maximum=5.0)
    retry_on: Tuple[Type[HubError], ...] = (Unavailable,)
    on_retry: Optional[Callable[[int, HubError, float], None]] = None

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")

    def should_retry(self, error: HubError, attempt: int) -> bool:
        return attempt < self.attempts and isinstance(error, self.retry_on)


#: Try once (the default of a Hub).
NO_RETRY = RetryPolicy(attempts=1)
