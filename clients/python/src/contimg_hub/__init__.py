"""contimg_hub: the Python client of contimg-hub's TCP event-bus bridge (standard library only).

    import contimg_hub

    with contimg_hub.Hub("127.0.0.1", 7000, token="...") as hub:
        hub.ingest_subband_add("/data/incoming/2025-10-24T12:00:00_sb00.hdf5")
        with hub.claim("imager-1") as group:
            if group is not None:
                ...                                   # heartbeats run meanwhile
                group.metrics["imaging_time"] = 95.0  # completed on exit, failed on an exception

``contimg_hub.aio.Hub`` is the same for asyncio. Errors are the classes of :mod:`contimg_hub.errors`; the shapes
of requests, replies and events are the ``TypedDict`` s of :mod:`contimg_hub.types`.
"""

from ._spec import EVENT_ADDRESSES
from ._version import __version__
from .client import EventStream, Hub, Subscription
from .connection import ConnectionEvent
from .errors import (
    BadRequest,
    Conflict,
    ConnectionLost,
    HubError,
    NotFound,
    Refused,
    ServerError,
    Timeout,
    Unavailable,
)
from .retry import NO_RETRY, Backoff, RetryPolicy
from .worker import DEFAULT_RETRYABLE, Claim, PermanentError, RetryableError

__all__ = [
    "__version__",
    "Hub",
    "Subscription",
    "EventStream",
    "ConnectionEvent",
    "HubError",
    "BadRequest",
    "Refused",
    "NotFound",
    "Conflict",
    "Unavailable",
    "ServerError",
    "ConnectionLost",
    "Timeout",
    "RetryPolicy",
    "Backoff",
    "NO_RETRY",
    "Claim",
    "RetryableError",
    "PermanentError",
    "DEFAULT_RETRYABLE",
    "EVENT_ADDRESSES",
]
