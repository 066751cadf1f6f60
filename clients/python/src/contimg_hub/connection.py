"""What the client tells about its connection: :class:`ConnectionEvent`, given to ``on_connection`` and logged."""

from __future__ import annotations

import dataclasses
from typing import Optional, Tuple

from .errors import HubError

__all__ = ["ConnectionEvent", "CONNECTED", "DISCONNECTED", "RECONNECTED"]

CONNECTED = "connected"
DISCONNECTED = "disconnected"
RECONNECTED = "reconnected"


@dataclasses.dataclass(frozen=True)
class ConnectionEvent:
    """A change of the connection to the hub.

    * ``connected``: the first connection is up.
    * ``disconnected``: the connection broke (``error`` says why); calls in flight failed with
      :class:`~contimg_hub.ConnectionLost`, and the client is reconnecting with backoff. Events published meanwhile
      are not delivered later: re-read what you need on ``reconnected``.
    * ``reconnected``: a new connection is up after ``downtime`` seconds and every subscription is registered again
      (``resubscribed``); the ones the hub refused are in ``refused``.
    """

    state: str
    host: str
    port: int
    error: Optional[BaseException] = None
    resubscribed: Tuple[str, ...] = ()
    refused: Tuple[Tuple[str, HubError], ...] = ()
    downtime: Optional[float] = None
    attempts: int = 0

    def __str__(self) -> str:
        where = f"{self.host}:{self.port}"
        if self.state == DISCONNECTED:
            return f"lost the connection to the hub at {where} ({self.error}); reconnecting"
        text = f"{self.state} to the hub at {where}"
        if self.state == RECONNECTED:
            text += f" after {self.downtime or 0:.1f} s and {self.attempts} attempt(s)"
            text += f"; subscriptions registered again: {', '.join(self.resubscribed) or 'none'}"
        if self.refused:
            text += "; refused: " + ", ".join(f"{address} ({error.message})" for address, error in self.refused)
        return text
