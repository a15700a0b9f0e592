"""Build the QApplication, sign the user in, open the workstation, show the main window."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication

from fse_desk.config import AppConfig
from fse_desk.resources import resource
from fse_desk_ui.garbage import collect_in_gui_thread
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.plain_labels import install_plain_labels
from fse_desk_ui.signin import Session
from fse_desk_ui.window_setup import build_window, lock_settings

__all__ = ["build_window", "create_application", "lock_settings", "run"]

STYLE_SHEET = resource("style.qss")
ICON = resource("icons", "fse-desk-256.png")
# installer/build times the start to the main window, bundled and from the checkout: with
# this variable set the app prints the moment (epoch seconds) the window is shown, then quits.
STARTUP_PROBE = "FSE_DESK_STARTUP_PROBE"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("FSE Desk")
    app.setOrganizationName("fse-desk")
    install_translators(app)
    install_plain_labels(app)  # server text is never rendered as HTML
    collect_in_gui_thread()  # a Qt object freed by a worker thread can hang the window
    if STYLE_SHEET.is_file():
        app.setStyleSheet(STYLE_SHEET.read_text(encoding="utf-8"))
    icon = QPixmap()
    if icon.loadFromData(ICON.read_bytes()):
        app.setWindowIcon(QIcon(icon))
    return app


def run(config: AppConfig) -> int:
    """Open FSE Desk on ``config``; return the process exit status.

    The demo opens at once as its MMG; a configured workstation first creates its first
    profile or signs a profile in (:class:`fse_desk_ui.signin.Session`), and the user may switch
    without restarting.
    """
    app = create_application()
    session = Session(config)
    session.ended.connect(app.exit)
    if os.environ.get(STARTUP_PROBE):
        session.opened.connect(lambda _window: _probe(app))
    session.start()
    status = app.exec()
    session.close()
    return status


def _probe(app: QApplication) -> None:
    print(f"main window shown at {time.time():.3f}", flush=True)
    QTimer.singleShot(0, app.quit)
