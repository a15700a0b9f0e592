"""Python's cyclic garbage collector runs in the GUI thread only.

Left to itself, the collector runs in whichever thread happens to allocate: a sync's
page reader, a PDF export. A Qt object caught in a reference cycle (a closed dialog, a
context menu and what points back at it) is then destroyed in that thread, while the GUI
thread may hold Python's lock and wait on the same Qt objects' mutex: both wait for ever
(seen in this project's test runs: a ``QMenu`` freed by a sync's read-ahead thread while
the main thread deleted its actions). pyqtgraph, already here for the charts, has the
usual remedy: automatic collection off, and a timer in the GUI thread that collects the
generations whose thresholds were passed. Objects without cycles are freed at once by
reference counting as always; only cycles wait for the next tick, and for the end of a
sync's page reading (fse_desk.gc_pause), which a collection would slow down.
"""

from __future__ import annotations

from pyqtgraph.util.garbage_collector import GarbageCollector

from fse_desk import gc_pause

# How often the GUI thread looks at the collector's counts (pyqtgraph's own default).
INTERVAL_S = 1.0


class _GuiThreadCollector(GarbageCollector):
    def check(self) -> None:
        if not gc_pause.paused():
            super().check()


_collector: _GuiThreadCollector | None = None


def collect_in_gui_thread() -> None:
    """Turn automatic collection off and collect from a timer in the calling (GUI) thread,
    once the application exists; a second call changes nothing."""
    global _collector
    if _collector is None:
        _collector = _GuiThreadCollector(interval=INTERVAL_S)
