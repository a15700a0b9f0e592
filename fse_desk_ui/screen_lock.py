"""Screen lock after inactivity: every patient datum hidden until the same user's passphrase.

:class:`InactivityWatcher` restarts a timer on every keyboard or mouse event of the
application and says ``idle`` when it runs out. :class:`LockScreen` is the page
the main window shows instead of its content while locked: it names the signed-in
user only, asks for their passphrase, and offers "another user" (the window is
then closed before anyone else signs in). The hidden widgets are only hidden,
never destroyed, so an unsaved draft is still there after unlocking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fse_desk.config import DEFAULT_LOCK_MINUTES
from fse_desk.errors import FseDeskError
from fse_desk_ui.messages import user_message

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


@dataclass(frozen=True, slots=True)
class LockSettings:
    """``check_passphrase`` raises (e.g. WrongPassphrase) unless it is the user's own;
    ``hint`` is shown under the passphrase box (the demo's passphrase)."""

    user_name: str
    check_passphrase: Callable[[str], object]
    timeout_ms: int = DEFAULT_LOCK_MINUTES * 60_000
    hint: str = ""


class InactivityWatcher(QObject):
    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._configured_ms = timeout_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.idle)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer.start()

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    @property
    def armed(self) -> bool:
        return self._timer.isActive()

    def restart(self, timeout_ms: int | None = None) -> None:
        """Count the inactivity again from now: the configured wait, or ``timeout_ms``
        this once (until the next restart)."""
        self._timer.setInterval(timeout_ms if timeout_ms is not None else self._configured_ms)
        self._timer.start()

    def set_timeout(self, timeout_ms: int) -> None:
        """A new configured wait (the settings changed ``lock_minutes``), counted from now."""
        self._configured_ms = timeout_ms
        self.restart()

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False


class LockScreen(QWidget):
    unlocked = Signal()
    switch_user_requested = Signal()

    def __init__(self, settings: LockSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.title = QLabel(self.tr("Workstation locked"))
        self.title.setObjectName("lockTitle")
        self.user_label = QLabel(
            self.tr("Signed in: {user}. Enter your passphrase to go on.").format(
                user=settings.user_name
            )
        )
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.hint_label = QLabel(settings.hint)
        self.hint_label.setVisible(bool(settings.hint))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.switch_button = QPushButton(self.tr("Another user"))
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (
            self.title,
            self.user_label,
            self.passphrase,
            self.hint_label,
            self.error_label,
            self.unlock_button,
            self.switch_button,
        ):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.passphrase.setMinimumWidth(320)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.switch_button.clicked.connect(self.switch_user_requested)

    def reset(self) -> None:
        self.passphrase.clear()
        self.error_label.hide()
        self.passphrase.setFocus()

    def try_unlock(self) -> None:
        try:
            self._settings.check_passphrase(self.passphrase.text())
        except FseDeskError as exc:
            self.passphrase.clear()
            self.error_label.setText(user_message(exc))
            self.error_label.show()
            return
        self.passphrase.clear()
        self.error_label.hide()
        self.unlocked.emit()
