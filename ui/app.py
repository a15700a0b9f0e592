"""Build the QApplication, sign the user in, open the workstation, show the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fse_desk.config import AppConfig
from ui.i18n import install_translators
from ui.plain_labels import install_plain_labels
from ui.signin import Session
from ui.window_setup import build_window, lock_settings

__all__ = ["build_window", "create_application", "lock_settings", "run"]

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


def run(config: AppConfig) -> int:
    """Open FSE Desk on ``config``; return the process exit status.

    The demo opens at once as its MMG; a configured workstation first creates its first
    profile or signs a profile in (:class:`ui.signin.Session`), and the user may switch
    without restarting.
    """
    app = create_application()
    session = Session(config)
    session.ended.connect(app.exit)
    session.start()
    status = app.exec()
    session.close()
    return status
