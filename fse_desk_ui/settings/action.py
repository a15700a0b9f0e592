"""The main window's "Settings…" action: open the dialog, apply at once what can be."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from fse_desk.config import DEFAULT_LOCK_MINUTES, default_config_path
from fse_desk.errors import ConfigError
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.settings.settings_dialog import SettingsDialog

if TYPE_CHECKING:  # the main window builds this action
    from fse_desk_ui.main_window import MainWindow


def settings_action(window: MainWindow) -> QAction:
    action = QAction(QCoreApplication.translate("SettingsAction", "Settings…"), window)
    action.setShortcut(QKeySequence("Ctrl+,"))
    action.setToolTip(
        QCoreApplication.translate(
            "SettingsAction", "Region, certificates, PACS, video server, language, screen lock"
        )
    )
    action.triggered.connect(lambda: open_settings(window))
    return action


def open_settings(window: MainWindow) -> SettingsDialog | None:
    """The settings of the file FSE Desk started with (``--config`` or the default)."""
    try:
        dialog = SettingsDialog(default_config_path(), window)
    except ConfigError as exc:  # the file was changed by hand since the start
        QMessageBox.warning(
            window, QCoreApplication.translate("SettingsAction", "Settings"), str(exc)
        )
        return None
    dialog.saved.connect(lambda raw, notice: apply_settings(window, raw, notice))
    dialog.open()
    return dialog


def apply_settings(window: MainWindow, raw: dict[str, Any], notice: str) -> None:
    """What takes effect without a restart: the language (for what opens from now) and the
    screen-lock time; then say what waits for the next start."""
    language = raw.get("ui", {}).get("language")
    app = QApplication.instance()
    if language and app is not None:
        install_translators(app, language)
    if window.lock_screen is not None:
        minutes = raw.get("user", {}).get("lock_minutes", DEFAULT_LOCK_MINUTES)
        window.inactivity.set_timeout(minutes * 60_000)
    if notice:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("SettingsAction", "Settings"),
            notice,
            parent=window,
        )
        box.open()  # not modal to the caller: the window goes on
