"""The main window as the app shows it: its screen lock armed, its size fitted to the screen."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QApplication

from fse_desk.config import DEMO_PROFILE, AppConfig
from fse_desk.security.unlock import DEMO_PASSPHRASE, unlock_check
from fse_desk.workstation import Workstation
from fse_desk_ui.main_window import MainWindow
from fse_desk_ui.screen_lock import LockSettings

_log = logging.getLogger(__name__)


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
    if workstation.demo and operator.profile == DEMO_PROFILE:  # a colleague's profile has its own
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


def fit_to_screen(window: MainWindow) -> None:
    """Never larger than the screen (a laptop has 1,366 x 768), even where no window
    manager honours "maximized"."""
    screen = QApplication.primaryScreen().availableGeometry()
    window.resize(min(1360, screen.width()), min(820, screen.height()))
