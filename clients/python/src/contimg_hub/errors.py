"""The errors a hub call can raise, one class per failure of the bus contract.

Every error is a :class:`HubError` and carries ``code`` (the hub's failure code, an ``int`` such as 400 or
503, or a ``str`` for what the bridge or the client itself reports: ``"access_denied"``, ``"no_handlers"``,
``"timeout"``, ``"connection_lost"``), ``message`` (the hub's text) and ``address`` (the bus address the call
went to).

=====================  ===========================================================================
class                  when
=====================  ===========================================================================
``BadRequest``         400 (or 413): the body is wrong; ``field`` names the field (``file_path``,
                       ``measurements[17].peak_jyb``) when the hub's message starts with one
``Refused``            the bridge refused the frame: a missing or wrong token (401), or an address
                       outside the bridge's allow-list (``access_denied``); raised at once
``NotFound``           404
``Conflict``           409: an illegal state transition, or a worker that does not hold the group
``Unavailable``        503 from the hub (an owner busy, its database locked, back-pressure), or no
                       owner running for the address (``no_handlers``): worth retrying later
``ServerError``        500 or anything else the hub reports: a bug
``ConnectionLost``     the connection to the hub broke while the call was in flight, or none could be
                       made within the call's timeout (also a :class:`ConnectionError`)
``Timeout``            no answer within the timeout (also a :class:`TimeoutError`)
=====================  ===========================================================================
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Optional, Union

__all__ = [
    "HubError",
    "BadRequest",
    "Refused",
    "NotFound",
    "Conflict",
    "Unavailable",
    "ServerError",
    "ConnectionLost",
    "Timeout",
    "error_from_frame",
]

Code = Union[int, str]


class HubError(Exception):
    """Base class of every error this client raises for a hub call."""

    code: Code
    message: str
    address: Optional[str]
    failure_type: Optional[str]

    def __init__(self, code: Code, message: str, address: Optional[str] = None, failure_type: Optional[str] = None):
        self.code = code
        self.message = message
        self.address = address
        self.failure_type = failure_type
        where = f" ({address})" if address else ""
        super().__init__(f"{code}{where}: {message}")

    def __reduce__(self) -> Any:
        return (type(self), (self.code, self.message, self.address, self.failure_type))


_FIELD = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*(?:\[\d+\])?(?:\.[A-Za-z_][A-Za-z0-9_]*(?:\[\d+\])?)*): ")


class BadRequest(HubError):
    """400: the hub refused the body. ``field`` is the field it names (``None`` when it names none)."""

    field: Optional[str]

    def __init__(self, code: Code, message: str, address: Optional[str] = None, failure_type: Optional[str] = None):
        super().__init__(code, message, address, failure_type)
        match = _FIELD.match(message)
        self.field = match.group(1) if match else None


class Refused(HubError):
    """The bridge refused the frame: wrong or missing token (401) or an address it does not permit."""


class NotFound(HubError):
    """404: what the request names does not exist."""


class Conflict(HubError):
    """409: an illegal state transition, a duplicate, or a worker that does not hold the group."""


class Unavailable(HubError):
    """503 from the hub, or no owner running for the address: a transient condition worth retrying."""


class ServerError(HubError):
    """500 or an unexpected failure inside the hub."""


class ConnectionLost(HubError, ConnectionError):
    """The connection broke with the call in flight, or no connection could be made in time."""

    def __init__(self, message: str, address: Optional[str] = None, code: Code = "connection_lost",
                 failure_type: Optional[str] = None):
        super().__init__(code, message, address, failure_type)

    def __reduce__(self) -> Any:
        return (type(self), (self.message, self.address, self.code, self.failure_type))


class Timeout(HubError, TimeoutError):
    """No answer within the timeout (the client's, or the hub's bus timeout)."""

    def __init__(self, message: str, address: Optional[str] = None, code: Code = "timeout",
                 failure_type: Optional[str] = None):
        super().__init__(code, message, address, failure_type)

    def __reduce__(self) -> Any:
        return (type(self), (self.message, self.address, self.code, self.failure_type))


_BY_CODE = {400: BadRequest, 413: BadRequest, 401: Refused, 403: Refused, 404: NotFound, 409: Conflict, 503: Unavailable}

#: The bridge's own refusals (frames without an address).
_BRIDGE_REFUSALS = {
    "access_denied": "the bridge does not permit this address (CONTIMG_BRIDGE_INBOUND for sends and publishes, "
                     "events.* for subscriptions)",
    "blocked by bridgeEvent handler": "headers.token: missing or wrong bridge token",
}


def error_from_frame(frame: Mapping[str, Any], address: Optional[str]) -> HubError:
    """The error an ``err`` frame of the bridge stands for, for a call to ``address``."""
    message = str(frame.get("message") or "error")
    failure_type = frame.get("failureType")
    code = frame.get("failureCode")
    if code is None:
        # The bridge's own refusal of a frame: no failure code, the reason in the message.
        if message in _BRIDGE_REFUSALS:
            refusal_code: Code = 401 if message.startswith("blocked") else "access_denied"
            return Refused(refusal_code, _BRIDGE_REFUSALS[message], address, failure_type)
        return Refused(message, f"the bridge refused the frame: {message}", address, failure_type)
    if failure_type == "NO_HANDLERS":
        return Unavailable("no_handlers", f"no owner is serving {address} (is its verticle running?)", address, failure_type)
    if failure_type == "TIMEOUT":
        return Timeout(f"the hub's bus timed out: {message}", address, failure_type=failure_type)
    try:
        numeric = int(code)
    except (TypeError, ValueError):
        return ServerError(str(code), message, address, failure_type)
    cls = _BY_CODE.get(numeric, ServerError)
    return cls(numeric, message, address, failure_type)
