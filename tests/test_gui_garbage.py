"""Python's cyclic collector runs in the GUI thread only (fse_desk_ui.garbage): a Qt object
left in a reference cycle is freed there, never by a worker thread that happens to allocate
(which once hung a test run, the worker and the GUI thread each waiting for the other)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading

from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from fse_desk.gc_pause import cyclic_gc_paused
from fse_desk_ui.garbage import INTERVAL_S


class _Marker:
    """Notes the thread that frees it."""

    def __init__(self, freed_in: list[threading.Thread]) -> None:
        self.freed_in = freed_in

    def __del__(self) -> None:
        self.freed_in.append(threading.current_thread())


def _menu_left_in_a_cycle(freed_in: list[threading.Thread]) -> None:
    menu = QMenu()
    marker = _Marker(freed_in)
    menu.marker = marker  # type: ignore[attr-defined]
    marker.menu = menu  # type: ignore[attr-defined]


def _read_pages(into: list[object]) -> None:
    """Allocate as a sync's page reader does, keeping what it read (as the cache does)."""
    into.extend({"entry": [{"id": str(n)}]} for n in range(300_000))


def test_the_application_collects_in_the_gui_thread() -> None:
    # In a process of its own: the application's style and translators stay out of the
    # other tests' shared QApplication (which has the collector from tests/conftest.py).
    probe = "import gc; from fse_desk_ui.app import create_application; "
    probe += "create_application(); print(gc.isenabled())"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.stdout.strip() == "False", done.stderr


def test_a_qt_object_in_a_cycle_is_freed_by_the_gui_thread_not_a_worker(qtbot: QtBot) -> None:
    assert not gc.isenabled()
    freed_in: list[threading.Thread] = []
    _menu_left_in_a_cycle(freed_in)
    pages: list[object] = []
    worker = threading.Thread(target=_read_pages, args=(pages,))
    worker.start()
    worker.join()
    assert freed_in == []  # the worker passed every threshold and collected nothing
    qtbot.waitUntil(lambda: bool(freed_in), timeout=5000)
    assert freed_in == [threading.main_thread()]
    assert len(pages) == 300_000


def test_the_gui_thread_waits_while_a_sync_reads_pages(qtbot: QtBot) -> None:
    freed_in: list[threading.Thread] = []
    pages: list[object] = []
    with cyclic_gc_paused():
        _menu_left_in_a_cycle(freed_in)
        _read_pages(pages)
        qtbot.wait(int(INTERVAL_S * 2500))  # two ticks and more
        assert freed_in == []
    qtbot.waitUntil(lambda: bool(freed_in), timeout=5000)
    assert freed_in == [threading.main_thread()]
