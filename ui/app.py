"""Build the QApplication, open the workstation off the GUI thread, show the main window."""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from fse_desk.config import AppConfig
from fse_desk.progress import Progress
from fse_desk.resources import resource
from fse_desk.security.unlock import DEMO_PASSPHRASE, unlock_check
from fse_desk.startup import open_workstation
from fse_desk.workstation import Workstation
from ui.i18n import install_translators
from ui.main_window import MainWindow
from ui.messages import user_message
from ui.plain_labels import install_plain_labels
from ui.progress_text import progress_text
from ui.screen_lock import LockSettings
from ui.workers import Worker

STYLE_SHEET = resource("style.qss")
ICON = resource("icons", "fse-desk-256.png")
# installer/build times the start to the main window, bundled and from the checkout: with
# this variable set the app prints the moment (epoch seconds) the window is shown, then quits.
STARTUP_PROBE = "FSE_DESK_STARTUP_PROBE"
_log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("FSE Desk")
    app.setOrganizationName("fse-desk")
    install_translators(app)
    install_plain_labels(app)  # server text is never rendered as HTML
    if STYLE_SHEET.is_file():
        app.setStyleSheet(STYLE_SHEET.read_text(encoding="utf-8"))
    icon = QPixmap()
    if icon.loadFromData(ICON.read_bytes()):
        app.setWindowIcon(QIcon(icon))
    return app


def lock_settings(config: AppConfig, workstation: Workstation) -> LockSettings | None:
    """The screen lock for the signed-in user: after ``[user] lock_minutes`` of inactivity,
    unlocked by their profile's passphrase (the demo's fixed one in the demo)."""
    operator = workstation.operator
    check = unlock_check(config.data_dir, operator.profile, demo=workstation.demo)
    if check is None:
        # A configured user without a workstation profile has no passphrase to check:
        # locking would shut them out with their drafts.
        _log.warning("screen lock off: the signed-in user has no profile on this workstation")
        return None
    hint = ""
    if workstation.demo:
        hint = QApplication.translate("app", "Demo passphrase: {passphrase}").format(
            passphrase=DEMO_PASSPHRASE
        )
    return LockSettings(
        operator.display_name, check, timeout_ms=config.lock_minutes * 60_000, hint=hint
    )


def build_window(
    config: AppConfig, workstation: Workstation, *, auto_sync: bool = True
) -> MainWindow:
    """The main window as the app shows it, with its screen lock armed."""
    return MainWindow(workstation, auto_sync=auto_sync, lock=lock_settings(config, workstation))


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
        window = build_window(config, workstation)
        # Never larger than the screen (a laptop has 1,366 x 768), even where no window
        # manager honours "maximized".
        screen = app.primaryScreen().availableGeometry()
        window.resize(min(1360, screen.width()), min(820, screen.height()))
        window.showMaximized()
        opened.window = window
        if os.environ.get(STARTUP_PROBE):
            print(f"main window shown at {time.time():.3f}", flush=True)
            QTimer.singleShot(0, app.quit)

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
