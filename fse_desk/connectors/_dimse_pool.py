"""DIMSE associations kept open between operations, as HTTP keeps a connection alive.

Opening an association (TCP connection, A-ASSOCIATE with a context per image class
and transfer syntax) costs a PACS round trip and pynetdicom's thread start-up each
time: more than decoding a slice. The associations able to retrieve a study's
images are therefore kept after use, one per set of storage classes, for a short
while: the series list of a study is asked on the association the pick will then
retrieve over, and the next series of the same study reuses it.

A kept association is only reused while it is established and has been idle less
than ``idle_s``: PACS close idle associations (Orthanc after 30 s, DCMTK-based
archives likewise), and one closed while we send would lose the request. Idle in
the pool its network thread polls at pynetdicom's default pace; taken, it polls
briskly again (:data:`~fse_desk.connectors._dimse_contexts.BUSY_POLL_S`).

Idle in the pool, the association's reactor is also held at its pause point. Every
request pynetdicom sends first waits for that pause (so the reactor cannot take the
answer), and the reactor only reaches it once per millisecond loop: held in advance,
the request goes out at once. Whatever the PACS sends meanwhile (a release, an abort)
lets the reactor run to answer it, and a connection that dropped is looked for when the
association is taken.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from pynetdicom import evt
from pynetdicom.association import Association
from pynetdicom.pdu_primitives import A_RELEASE

from fse_desk.connectors._dimse_contexts import BUSY_POLL_S, IDLE_POLL_S, poll_every

# Shorter than the idle limit of the archives we know (30 s and more).
KEEP_ALIVE_S = 20.0


class AssociationPool:
    """Idle associations by key (the storage classes they were negotiated for)."""

    def __init__(self, idle_s: float = KEEP_ALIVE_S, clock: Callable[[], float] = time.monotonic):
        self._idle_s = idle_s
        self._clock = clock
        self._lock = threading.Lock()
        self._idle: dict[tuple[str, ...], tuple[Association, float]] = {}

    def take(self, key: tuple[str, ...]) -> Association | None:
        """An idle association for ``key`` still fit for use (now in the caller's hands)."""
        with self._lock:
            kept = self._idle.pop(key, None)
        if kept is None:
            return None
        assoc, since = kept
        for event in _FROM_THE_PACS:
            assoc.unbind(event, _answer_the_pacs)
        if _still_open(assoc) and self._clock() - since < self._idle_s:
            poll_every(assoc, BUSY_POLL_S)
            return assoc
        _end(assoc)
        return None

    def give_back(self, key: tuple[str, ...], assoc: Association) -> None:
        """Keep ``assoc`` for the next operation with ``key`` (one per key: a second is
        released)."""
        if not assoc.is_established:
            return
        poll_every(assoc, IDLE_POLL_S)
        for event in _FROM_THE_PACS:
            assoc.bind(event, _answer_the_pacs)
        hold_reactor(assoc)
        with self._lock:
            previous = self._idle.get(key)
            self._idle[key] = (assoc, self._clock())
        if previous is not None:
            _end(previous[0])

    def close(self) -> None:
        with self._lock:
            kept, self._idle = list(self._idle.values()), {}
        for assoc, _since in kept:
            _end(assoc)


def hold_reactor(assoc: Association) -> None:
    """Have the association's reactor stop at its pause point, where pynetdicom's next
    request would otherwise wait for it (pynetdicom's private ``_reactor_checkpoint``; the
    request, release or abort that follows lets it run again)."""
    assoc._reactor_checkpoint.clear()


def _answer_the_pacs(event: Any) -> None:
    """A PDU from the PACS to a kept association (a release or an abort), or the connection
    closed: the reactor's to answer (on the network thread; not bound while a request is
    under way, when the reactor must stay paused)."""
    event.assoc._reactor_checkpoint.set()


_FROM_THE_PACS = (evt.EVT_PDU_RECV, evt.EVT_CONN_CLOSE)


def _still_open(assoc: Association) -> bool:
    """Established, and no abort or release from the PACS waiting for the held reactor."""
    return (
        assoc.is_established
        and assoc.dul.is_alive()
        and not assoc.acse.is_aborted()
        and not isinstance(assoc.dul.peek_next_pdu(), A_RELEASE)
    )


def _end(assoc: Association) -> None:
    """Release politely; an association the PACS dropped (or is releasing) is aborted."""
    if not _still_open(assoc):
        assoc.abort()
        return
    with suppress(Exception):  # closing what may already be gone: nothing to report
        assoc.release()
    if assoc.is_established:
        assoc.abort()
