"""The certificate's passphrase, asked before the session's first signature of any
signed document (PSS, televisit report, Report rilevazione).

A wrong passphrase is said in the dialog, which stays open; nothing is signed or
queued until the certificate opens. The passphrase is never kept: the opened key
stays in memory for the session (:class:`fse_desk.security.signing_key.SigningKey`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fse_desk.errors import CertificateError
from fse_desk.security.signing_key import SigningKey
from fse_desk_ui.messages import user_message


class SigningPassphraseDialog(QDialog):
    def __init__(self, signing: SigningKey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._signing = signing
        self.setWindowTitle(self.tr("Unlock the signing certificate"))
        intro = QLabel(
            self.tr(
                "Enter the passphrase of your signing certificate. It unlocks the "
                "certificate until you close FSE Desk and is not saved anywhere."
            )
        )
        intro.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        self.error_label.setObjectName("signingPassphraseError")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Unlock and sign"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        """Close only once the passphrase has opened the certificate."""
        try:
            self._signing.unlock(self.passphrase.text())
        except CertificateError as exc:
            self.error_label.setText(user_message(exc))
            self.error_label.show()
            self.passphrase.clear()
            self.passphrase.setFocus()
            return
        self.passphrase.clear()
        super().accept()


def unlock_then(
    signing: SigningKey | None, parent: QWidget, sign: Callable[[], None]
) -> SigningPassphraseDialog | None:
    """Run ``sign`` now if the certificate is open; otherwise first open the passphrase
    dialog, ``sign`` running once the passphrase has opened the certificate (cancelling
    signs nothing). Returns the dialog it opened, if any."""
    if signing is None or not signing.needs_passphrase:
        sign()
        return None
    dialog = SigningPassphraseDialog(signing, parent)
    dialog.accepted.connect(sign)
    dialog.open()
    return dialog
