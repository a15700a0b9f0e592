"""The audit chain's head kept in the keyring, at most once a second.

Sealing a record is sub-millisecond; writing the keyring is not: on a desktop it is a
D-Bus round trip to the Secret Service (milliseconds), and a doctor opens documents
in bursts. So the head is written at once when a second has passed since the last
write, otherwise once that second is over (a timer), and at close. What this gives up:
the records sealed in that last second before a crash are chained but not yet anchored,
so a truncation of exactly those, right after the crash, would go unnoticed; every
record before them is covered as before (and the chain itself catches any edit).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from fse_desk.errors import FseDeskError
from fse_desk.security.audit_anchor import AuditAnchor
from fse_desk.store.audit import ChainHead

log = logging.getLogger(__name__)

ANCHOR_EVERY_S = 1.0


class HeadKeeper:
    def __init__(
        self,
        anchor: AuditAnchor,
        *,
        every_s: float = ANCHOR_EVERY_S,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._anchor = anchor
        self._every_s = every_s
        self._monotonic = monotonic
        self._lock = threading.Lock()  # the GUI and workers both seal
        self._saved = 0  # the highest record number the keyring holds
        self._saved_at = -every_s  # so that the first head is written at once
        self._pending: ChainHead | None = None
        self._timer: threading.Timer | None = None

    def moved(self, head: ChainHead) -> None:
        """The chain's head is now ``head`` (committed): keep it, now or within the second."""
        with self._lock:
            if head.n <= max(self._saved, self._pending.n if self._pending else 0):
                return
            self._pending = head
            wait = self._saved_at + self._every_s - self._monotonic()
            if wait <= 0:
                self._save_pending()
            elif self._timer is None:
                self._timer = threading.Timer(wait, self._on_timer)
                self._timer.daemon = True
                self._timer.name = "audit-head"
                self._timer.start()

    def flush(self) -> None:
        """Write the latest head now (at close, and before showing the chain as verified)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._save_pending()

    def _on_timer(self) -> None:
        with self._lock:
            self._timer = None
            try:
                self._save_pending()
            except FseDeskError:
                # Nobody to tell on this thread: the next record, or close, tries again.
                log.exception("the audit head could not be kept in the keyring")

    def _save_pending(self) -> None:
        head = self._pending
        if head is None or head.n <= self._saved:
            return
        self._anchor.save(head.n, head.hash)
        self._saved, self._saved_at, self._pending = head.n, self._monotonic(), None
