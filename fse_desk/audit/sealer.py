"""Spooled audit records sealed onto the chain within a second, on a thread of their own.

Opening a document writes its audit record to the spool (:mod:`fse_desk.store.audit_spool`)
and goes on; this thread seals what the spool holds a second after its previous sealing,
so a burst of openings is sealed in one transaction and the doctor's thread does not wait
for a commit each. A record after a quiet second is sealed at once, on the caller's
thread, as every record was before the spool. The chain's new head then goes to the
keyring (:mod:`fse_desk.audit.head_keeper`, through the repository's ``on_sealed``).
:meth:`Sealer.flush` seals on the calling thread (at close).

One thread, kept while records come and ended after ``idle_s`` without any, so that it
keeps one connection to the cache instead of opening one for each sealing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

SEAL_EVERY_S = 1.0
IDLE_S = 30.0


class Sealer:
    def __init__(
        self,
        seal: Callable[[], object],
        *,
        every_s: float = SEAL_EVERY_S,
        idle_s: float = IDLE_S,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._seal = seal
        self._every_s = every_s
        self._idle_s = idle_s
        self._monotonic = monotonic
        self._cond = threading.Condition()
        self._sealing = threading.Lock()  # the thread and flush() never seal at once
        self._due: float | None = None  # when the thread seals next (None: nothing spooled)
        self._last = -every_s  # so that the first record after a quiet second goes at once
        self._thread: threading.Thread | None = None
        self._closed = False

    def spooled(self) -> None:
        """A record was spooled: sealed now on this thread after a quiet second (a lone
        record costs what it did before the spool), else by the thread within the second."""
        if self._sealed_at_once():
            return
        with self._cond:
            if self._closed:
                return
            if self._due is None:
                self._due = max(self._monotonic(), self._last + self._every_s)
                self._cond.notify()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="audit-seal", daemon=True)
                self._thread.start()

    def _sealed_at_once(self) -> bool:
        with self._cond:
            now = self._monotonic()
            quiet = self._due is None and now >= self._last + self._every_s
            if self._closed or not quiet or not self._sealing.acquire(blocking=False):
                return False
            self._last = now
        try:
            self._seal_held()
        finally:
            self._sealing.release()
        return True

    def flush(self) -> None:
        """Seal what is spooled now, on this thread (at close, and before a verification)."""
        with self._cond:
            self._due = None
        self._seal_now()

    def close(self) -> None:
        """End the thread (what is still spooled is sealed by the next flush or read)."""
        with self._cond:
            self._closed = True
            self._cond.notify()

    def _run(self) -> None:
        while self._next():
            self._seal_now()

    def _next(self) -> bool:
        """Wait until the next sealing is due: True; False when the thread should end."""
        with self._cond:
            while not self._closed:
                if self._due is None:
                    if not self._cond.wait(self._idle_s) and self._due is None:
                        break  # idle: end, spooled() starts another
                    continue
                wait = self._due - self._monotonic()
                if wait <= 0:
                    self._due = None
                    return True
                self._cond.wait(wait)
            self._thread = None
            return False

    def _seal_now(self) -> None:
        with self._sealing:
            self._seal_held()

    def _seal_held(self) -> None:
        """Seal, the sealing lock held."""
        try:
            self._seal()
        except Exception:
            # The records stay in the spool; the next record, read or close seals them.
            log.exception("the spooled audit records could not be sealed; kept for later")
            with self._cond:
                if self._due is None:
                    self._due = self._monotonic() + self._every_s
                    self._cond.notify()
        finally:
            self._last = self._monotonic()
