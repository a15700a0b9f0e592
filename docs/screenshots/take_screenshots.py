"""Screenshots of every tab at 1,366 × 768 on the demo region, in Italian.

Run: ``.venv/bin/python docs/screenshots/take_screenshots.py docs/screenshots``
(headless: Qt's offscreen platform renders the window and ``grab()`` saves it).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import keyring
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from fse_desk.config import AppConfig, DemoConfig
from fse_desk.domain.patient import ConsentState
from fse_desk.startup import open_workstation
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.main_window import MainWindow
from tests.conftest import MemoryKeyring

NAMES = ("timeline", "pss", "images", "vitals", "telemonitoring", "televisits")


def _settle(app: QApplication) -> None:
    for _ in range(5):
        QThreadPool.globalInstance().waitForDone(30_000)
        for _ in range(20):
            app.processEvents()


def main(out: Path) -> None:
    keyring.set_keyring(MemoryKeyring())  # the demo keeps its keys in a throw-away keyring
    app = QApplication.instance() or QApplication(sys.argv)
    install_translators(app, "it")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        config = AppConfig(
            user=None, region=None, demo=DemoConfig(seed=9, patients=30), data_dir=Path(tmp)
        )
        workstation = open_workstation(config)
        try:
            workstation.sync()
            consenting = [
                p for p in workstation.search_patients("") if p.consent is ConsentState.GRANTED
            ]
            patient = max(consenting, key=lambda p: len(workstation.documents(p.id)))
            window = MainWindow(workstation, auto_sync=False)
            window.resize(1366, 768)
            window.show()
            workstation.patient_context.select(patient)
            timeline = window.timeline
            entry = timeline.model.entry(timeline.model.first_entry_row())
            if entry is not None:
                timeline.open_entry(entry)
            _settle(app)
            tabs = window.workspace.tab_widget
            for index, name in enumerate(NAMES):
                tabs.setCurrentIndex(index)
                _settle(app)
                studies = window.images_tab.study_tree
                if name == "images" and studies.topLevelItemCount():
                    studies.setCurrentItem(studies.topLevelItem(0))
                    _settle(app)
                window.grab().save(str(out / f"screen-1366x768-{name}.png"))
            window.show_agenda()
            _settle(app)
            window.grab().save(str(out / "screen-1366x768-agenda.png"))
            window.views.setCurrentIndex(0)
            window.show_inbox()  # docked below the patient: the whole window shows where
            _settle(app)
            window.grab().save(str(out / "screen-1366x768-alert-inbox.png"))
            panel = window.show_outbox()
            _settle(app)
            panel.grab().save(str(out / "screen-1366x768-outbox.png"))
            window.close()
        finally:
            workstation.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
