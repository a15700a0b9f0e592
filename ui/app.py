"""Build the QApplication, open the workstation off the GUI thread, show the main window."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from fse_desk.config import AppConfig
from fse_desk.progress import Progress
from fse_desk.startup import open_workstation
from fse_desk.workstation import Workstation
from ui.i18n import install_translators
from ui.main_window import MainWindow
from ui.messages import user_message
from ui.plain_labels import install_plain_labels
from ui.progress_text import progress_text
from ui.workers import Worker

STYLE_SHEET = Path(__file__).resolve().parent.parent / "resources" / "style.qss"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("FSE Desk")
    app.setOrganizationName("fse-desk")
    install_translators(app)
    install_plain_labels(app)  # server text is never rendered as HTML
    if STYLE_SHEET.exists():
        app.setStyleSheet(STYLE_SHEET.read_text(encoding="utf-8"))
    return app


@dataclass(slots=True)
class _Opened:
    """What the opening worker made, closed in turn once the event loop ends."""

    workstation: Workstation | None = None
    window: MainWindow | None = None


def run(config: AppConfig) -> int:
    """Open FSE Desk on ``config``; return the process exit status."""
    app = create_application()
    opened = _Opened()
    splash = QProgressDialog(QApplication.translate("app", "Opening FSE Desk…"), "", 0, 0)
    splash.setWindowTitle(QApplication.translate("app", "FSE Desk"))
    splash.setCancelButton(None)
    splash.setMinimumDuration(0)
    splash.setMinimumWidth(420)

    def on_progress(progress: Progress) -> None:
        splash.setLabelText(progress_text(progress.label))
        splash.setMaximum(max(progress.total, 0))
        splash.setValue(progress.done)

    def on_opened(workstation: Workstation) -> None:
        opened.workstation = workstation
        splash.close()
        window = MainWindow(workstation)
        window.resize(1360, 820)
        window.showMaximized()
        opened.window = window

    def on_failed(exc: BaseException) -> None:
        splash.close()
        QMessageBox.critical(None, QApplication.translate("app", "FSE Desk"), user_message(exc))
        app.exit(1)

    worker = Worker(lambda report, _cancel: open_workstation(config, report))
    worker.signals.progress.connect(on_progress)
    worker.signals.succeeded.connect(on_opened)
    worker.signals.failed.connect(on_failed)
    splash.show()
    worker.start()
    status = app.exec()
    if opened.window is not None:
        opened.window.sync.shutdown()
    QThreadPool.globalInstance().waitForDone()
    if opened.workstation is not None:
        opened.workstation.close()
    return status
