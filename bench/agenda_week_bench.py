"""The Agenda view's week of the whole team: how long the GUI thread is held.

Run: ``.venv/bin/python bench/agenda_week_bench.py`` (headless unless a display is
given). Fills a real SQLCipher cache with the free-slot bench's team (10
professionals, 6 months, about 10,000 appointments), opens the Agenda view on the
whole team's week and pages through 20 weeks with Page Down, painting each.
The cache is read on a worker thread; a 2 ms heartbeat timer on the GUI thread
measures the longest gap while each week is loaded, drawn and painted. Prints the
p95 and worst stall (target: none over 50 ms) and the bare cache query of the same
week, measured in the same run, as the baseline.
"""

from __future__ import annotations

import os
import random
import secrets
import statistics
import sys
import tempfile
import time as clock
from datetime import time, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agenda_freeslots_bench import FIRST_DAY, PROFESSIONALS, build
from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from fse_desk.domain.roles import Role
from fse_desk.domain.rome_clock import at_rome
from fse_desk.domain.scheduling import Professional
from fse_desk.scheduling.service import AgendaService
from fse_desk.store import CacheStore
from fse_desk_ui.agenda.agenda_view import AgendaView
from fse_desk_ui.i18n import install_translators

WEEKS = 20
MIDNIGHT = time(0)


class Heartbeat(QObject):
    """A 2 ms timer on the GUI thread: the longest gap between its ticks is the stall."""

    def __init__(self) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setInterval(2)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self.reset()

    def reset(self) -> None:
        self._last = clock.perf_counter()
        self._worst = 0.0

    def _tick(self) -> None:
        now = clock.perf_counter()
        self._worst = max(self._worst, now - self._last)
        self._last = now

    def worst(self) -> float:
        self._tick()  # the gap up to now counts too (the final repaint)
        return self._worst


def main() -> None:
    app = QApplication([])
    install_translators(app)
    with tempfile.TemporaryDirectory() as folder:
        cache = CacheStore.open(Path(folder) / "bench.sqlcipher", secrets.token_bytes(32))
        team = [
            Professional(f"Practitioner/p{i}", f"Prof. Nome{i} Cognome{i}", Role.SPECIALIST)
            for i in range(PROFESSIONALS)
        ]
        cache.agenda.save_schedules([(f"s{i}", p, {}) for i, p in enumerate(team)])
        cache.agenda.save(build(random.Random(13)))
        service = AgendaService(cache, Role.NURSE, "bench")
        view = AgendaView(
            service, lambda pid: f"Paziente {pid}", lambda a, p: "", today=lambda: FIRST_DAY
        )
        view.resize(1440, 900)
        view.show()
        QTest.qWaitForWindowExposed(view)
        heartbeat = Heartbeat()
        stalls, queries = [], []
        for _ in range(WEEKS):
            done = QEventLoop()
            view.loaded.connect(done.quit)
            heartbeat.reset()
            QTest.keyClick(view.grid, Qt.Key.Key_PageDown)
            done.exec()
            view.loaded.disconnect(done.quit)
            app.processEvents()  # the repaint the new week asks for
            stalls.append(heartbeat.worst())
            days = view.days()
            t0 = clock.perf_counter()
            service.between(
                at_rome(days[0], MIDNIGHT), at_rome(days[-1] + timedelta(days=1), MIDNIGHT)
            )
            queries.append(clock.perf_counter() - t0)
        shown = len(view.shown)
        cache.close()
    p95 = statistics.quantiles(stalls, n=20)[-1] * 1000
    worst = max(stalls) * 1000
    query = statistics.median(queries) * 1000
    print(f"team week: {PROFESSIONALS} professionals, last week showed {shown} appointments")
    print(f"GUI stall per week shown: p95 {p95:.1f} ms, worst {worst:.1f} ms (target: ≤ 50 ms)")
    print(
        f"bare cache query of a week: median {query:.1f} ms; "
        f"ratio stall p95/query {p95 / query:.1f}"
    )


if __name__ == "__main__":
    main()
