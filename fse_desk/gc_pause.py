"""Python's cyclic garbage collector, paused while the sync reads pages.

A search page parses into tens of thousands of dicts and lists, mapped into as many
records, none of them in a reference cycle. The cyclic collector runs every 700 new
containers and, as the pages in flight survive its young generations, rescans them
again and again: in ``bench/sync_bench.py``'s first sync it took a third of the
process's CPU (2.85 s with it, 1.87 s without), three quarters of each page's parse.
Reference counting frees everything as before; only garbage in cycles waits for the
collector, which resumes when the last walk ends. The collector is process-wide, so
overlapping walks (several threads) share one pause. In the app automatic collection is
off already and the GUI thread collects on a timer (fse_desk_ui.garbage), which asks
:func:`paused` first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Pause:
    """How many walks hold the pause, and whether the collector ran before the first."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.holders = 0
        self.resume = False


_PAUSE = _Pause()


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """No cyclic collection inside the block (nor in other threads meanwhile); a collector
    that was already off stays off after it."""
    with _PAUSE.lock:
        if _PAUSE.holders == 0:
            _PAUSE.resume = gc.isenabled()
            gc.disable()
        _PAUSE.holders += 1
    try:
        yield
    finally:
        with _PAUSE.lock:
            _PAUSE.holders -= 1
            if _PAUSE.holders == 0 and _PAUSE.resume:
                gc.enable()


def paused() -> bool:
    """Whether a walk is reading pages now (no cyclic collection wanted meanwhile)."""
    with _PAUSE.lock:
        return _PAUSE.holders > 0
