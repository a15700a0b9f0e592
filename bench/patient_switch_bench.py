"""Patient switch while loads are in flight: click to a fully reset patient view.

Run: ``.venv/bin/python bench/patient_switch_bench.py`` (headless: QT_QPA_PLATFORM=offscreen
is set when no display is given). The main window runs on the demo region (its own
sandbox over HTTP). Each round opens a document, a PSS version and an imaging report
of one patient and, while those reads are in flight, selects the other patient; the
times measured run from the selection to every view reset (the context's event
handled), and to the end of the repaint and event-loop turn that follow. Prints the
p95s (target ≤ 100 ms) and their ratio to the baseline measured in the same run: the
same selection with no read in flight.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import keyring
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from fse_desk.config import AppConfig, DemoConfig
from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.startup import open_workstation
from fse_desk_ui.main_window import MainWindow
from tests.conftest import MemoryKeyring

ROUNDS = 40


def _switch_ms(app: QApplication, window: MainWindow, patient: Patient) -> tuple[float, float]:
    """(ms to every view reset, ms to reset and painted)."""
    start = time.perf_counter()
    window.patient_list.patient_selected.emit(patient)
    reset = time.perf_counter()
    window.workspace.repaint()
    app.processEvents()
    return (reset - start) * 1000, (time.perf_counter() - start) * 1000


def _start_loads(window: MainWindow) -> None:
    model = window.timeline.model
    entry = model.entry(model.first_entry_row()) if model.first_entry_row() >= 0 else None
    if entry is not None:
        window.timeline.open_entry(entry)
    window.pss_tab.select_version(0)
    tree = window.images_tab.study_tree
    if tree.topLevelItemCount():
        tree.setCurrentItem(tree.topLevelItem(0))


def _idle() -> None:
    QThreadPool.globalInstance().waitForDone(30_000)
    QApplication.processEvents()


def main() -> None:
    keyring.set_keyring(MemoryKeyring())  # no OS keyring needed for a benchmark
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        config = AppConfig(
            user=None, region=None, demo=DemoConfig(seed=9, patients=30), data_dir=Path(tmp)
        )
        workstation = open_workstation(config)
        try:
            workstation.sync()
            patients = [
                p for p in workstation.search_patients("") if p.consent is ConsentState.GRANTED
            ]
            a, b = sorted(patients, key=lambda p: -len(workstation.documents(p.id)))[:2]
            window = MainWindow(workstation, auto_sync=False)
            window.resize(1366, 768)
            window.show()
            busy: list[tuple[float, float]] = []
            idle: list[tuple[float, float]] = []
            for n in range(ROUNDS):
                leaving, coming = (a, b) if n % 2 == 0 else (b, a)
                _switch_ms(app, window, leaving)
                _idle()
                idle.append(_switch_ms(app, window, coming))  # baseline: nothing in flight
                _idle()
                _switch_ms(app, window, leaving)
                _start_loads(window)
                busy.append(_switch_ms(app, window, coming))  # the reads are in flight
                _idle()
            window.close()
        finally:
            workstation.close()
    for part, label in ((0, "every view reset"), (1, "reset and painted")):
        p95 = statistics.quantiles([t[part] for t in busy], n=20)[18]
        base = statistics.quantiles([t[part] for t in idle], n=20)[18]
        print(
            f"click to {label}, loads in flight: p95 {p95:.1f} ms (target <= 100 ms); "
            f"nothing in flight {base:.1f} ms; ratio {p95 / base:.2f}"
        )


if __name__ == "__main__":
    main()
