"""What the two sign-in dialogs share: title, introduction, error box and buttons."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fse_desk_ui.messages import user_message


def passphrase_box() -> QLineEdit:
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    box.setMinimumWidth(320)
    return box


class SignInForm(QDialog):
    """A dialog with a title, an introduction, a form, an error box and OK/Cancel; each
    dialog connects ``buttons.accepted`` to what its OK does."""

    def __init__(self, title: str, intro: str, ok_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("FSE Desk"))
        self.setMinimumWidth(520)
        heading = QLabel(title)
        heading.setObjectName("signinTitle")
        self.intro = QLabel(intro)
        self.intro.setObjectName("signinIntro")
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.error_label = QLabel()
        self.error_label.setObjectName("signinError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def show_error(self, exc: BaseException) -> None:
        """The Italian sentence for ``exc``; the dialog stays open and nothing is opened."""
        self.error_label.setText(user_message(exc))
        self.error_label.show()
