"""One sign-in after another on the same running app: who opens the workstation, and
switching user without restarting.

At start the demo opens at once as its synthetic MMG. A configured workstation asks
first: the first-run dialog when it has no profile yet, else the sign-in dialog. The
workstation is then opened off the GUI thread on the signed-in profile's own
encrypted cache. "Switch user" (the toolbar, or "another user" on the lock screen)
closes the window and the cache of the current user before anyone else signs in, so
no patient datum of theirs stays on screen; their PSS drafts are already in their own
cache (the editor saves as the doctor types and when it is hidden).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog

from fse_desk.config import AppConfig
from fse_desk.progress import Progress
from fse_desk.security.profiles import Profile, ProfileRegistry
from fse_desk.startup import open_workstation
from fse_desk.workstation import Workstation
from fse_desk_ui.main_window import MainWindow
from fse_desk_ui.messages import user_message
from fse_desk_ui.progress_text import progress_text
from fse_desk_ui.signin.first_run import FirstRunDialog
from fse_desk_ui.signin.sign_in import SignInDialog
from fse_desk_ui.window_setup import build_window, fit_to_screen
from fse_desk_ui.workers import Worker


class Session(QObject):
    """The signed-in user's workstation and window, one user at a time."""

    opened = Signal(object)  # the MainWindow, once shown
    asking = Signal(object)  # the dialog that asks who signs in, once shown
    ended = Signal(int)  # nobody signed in (cancelled) or opening failed: the exit status

    def __init__(
        self, config: AppConfig, *, auto_sync: bool = True, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._config = config
        self._auto_sync = auto_sync
        self._registry = ProfileRegistry(config.data_dir)
        self.workstation: Workstation | None = None
        self.window: MainWindow | None = None
        self.dialog: QDialog | None = None
        self._worker: Worker | None = None
        self._splash: QProgressDialog | None = None

    # -- who signs in ----------------------------------------------------------------------
    def start(self) -> None:
        """The demo opens as its MMG with no question; a configured workstation asks."""
        if self._config.is_demo:
            self._open(None)
        else:
            self._ask()

    def switch_user(self) -> None:
        """Close the current user's window and cache, then ask who signs in."""
        self._close_current()
        self._ask()

    def _ask(self) -> None:
        dialog: QDialog
        if self._registry.first_run:
            # In the demo, the first profile is a colleague of the synthetic MMG.
            suggested = None if self._config.is_demo else self._config.user
            first = FirstRunDialog(self._config.data_dir, suggested)
            first.created.connect(self._open)
            dialog = first
        else:
            sign_in = SignInDialog(self._config.data_dir, demo=self._config.is_demo)
            sign_in.signed_in.connect(self._open)
            dialog = sign_in
        dialog.rejected.connect(lambda: self.ended.emit(0))
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        self.asking.emit(dialog)

    # -- opening ---------------------------------------------------------------------------
    def _open(self, profile: Profile | None) -> None:
        """Open the workstation as ``profile`` (None: the configured user or demo MMG)."""
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        splash = QProgressDialog(QApplication.translate("app", "Opening FSE Desk…"), "", 0, 0)
        splash.setWindowTitle(QApplication.translate("app", "FSE Desk"))
        splash.setCancelButton(None)
        splash.setMinimumDuration(0)
        splash.setMinimumWidth(420)
        self._splash = splash
        config = self._config
        worker = Worker(lambda report, _cancel: open_workstation(config, report, profile=profile))
        worker.signals.progress.connect(self._on_progress)
        worker.signals.succeeded.connect(self._on_opened)
        worker.signals.failed.connect(self._on_failed)
        self._worker = worker  # referenced until it is done
        splash.show()
        worker.start()

    def _on_progress(self, progress: Progress) -> None:
        if self._splash is not None:
            self._splash.setLabelText(progress_text(progress.label))
            self._splash.setMaximum(max(progress.total, 0))
            self._splash.setValue(progress.done)

    def _close_splash(self) -> None:
        self._worker = None
        if self._splash is not None:
            self._splash.close()
            self._splash.deleteLater()
            self._splash = None

    def _on_opened(self, workstation: Workstation) -> None:
        self._close_splash()
        self.workstation = workstation
        window = build_window(self._config, workstation, auto_sync=self._auto_sync)
        fit_to_screen(window)
        window.switch_user_requested.connect(self.switch_user)
        window.showMaximized()
        self.window = window
        self.opened.emit(window)

    def _on_failed(self, exc: BaseException) -> None:
        self._close_splash()
        QMessageBox.critical(None, QApplication.translate("app", "FSE Desk"), user_message(exc))
        if self._registry.first_run:
            self.ended.emit(1)
        else:  # another profile (or the same, once fixed) may still sign in
            self._ask()

    # -- closing ---------------------------------------------------------------------------
    def _close_current(self) -> None:
        window, self.window = self.window, None
        if window is not None:
            window.sync.shutdown()
            window.close()  # hides every view: an open PSS editor saves its draft now
            window.deleteLater()
        # Running loads and the cancelled sync finish before their cache is closed.
        QThreadPool.globalInstance().waitForDone()
        workstation, self.workstation = self.workstation, None
        if workstation is not None:
            workstation.close()

    def close(self) -> None:
        """The app is quitting: close whatever is open."""
        self._close_current()
        if self.dialog is not None:
            self.dialog.close()
