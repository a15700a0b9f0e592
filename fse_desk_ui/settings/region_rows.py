"""The rows both the settings dialog and the first-run wizard show for the region: its
addresses (FHIR base, FSE 2.0 gateway, the region's CA) and the TLS client certificate
("autenticazione") with its key and the key's passphrase, which goes to the OS keyring."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit

from fse_desk.errors import FseDeskError
from fse_desk.region_check import TlsSettings, Verdict, client_certificate_problem, tls_settings
from fse_desk.security.certificates import client_key_passphrase, store_client_key_passphrase
from fse_desk_ui.settings.fields import (
    CERTIFICATE_FILES,
    CertificateSummary,
    FileField,
    SettingsForm,
    field_cell,
)
from fse_desk_ui.settings.fields import error_label as new_error_label

KEY_FILES = "Keys (*.key *.pem);;All files (*)"


class EndpointRows(QObject):
    """FHIR base, gateway base and the region's CA, bound to ``form``."""

    def __init__(self, form: SettingsForm, layout: QFormLayout) -> None:
        super().__init__(layout)
        self.fhir = QLineEdit()
        self.fhir.setPlaceholderText("https://fse.regione.example.it/fhir")
        form.text_row(
            layout, self.tr("FHIR server (R4) address"), "region.fhir_base_url", self.fhir
        )
        self.gateway = QLineEdit()
        self.gateway.setPlaceholderText("https://gateway.regione.example.it/v1")
        form.text_row(
            layout, self.tr("FSE 2.0 gateway address"), "region.gateway_base_url", self.gateway
        )
        self.ca_bundle = FileField(CERTIFICATE_FILES)
        hint = QLabel(self.tr("Only if the region uses its own certification authority."))
        hint.setWordWrap(True)
        form.file_row(
            layout, self.tr("Region's CA certificate"), "region.ca_bundle", self.ca_bundle, hint
        )


class ClientCertificateRows(QObject):
    """The TLS client certificate, its key and the key's passphrase (never in the file)."""

    def __init__(self, form: SettingsForm, layout: QFormLayout) -> None:
        super().__init__(layout)
        self.cert = FileField(CERTIFICATE_FILES)
        self.summary = CertificateSummary()
        form.file_row(
            layout,
            self.tr("Authentication certificate"),
            "region.client_cert",
            self.cert,
            self.summary,
        )
        self.key = FileField(KEY_FILES)
        form.file_row(layout, self.tr("Its private key"), "region.client_key", self.key)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("only if the key is protected by a passphrase"))
        self.passphrase_error = new_error_label()
        note = QLabel(self.tr("The passphrase is kept in the system keyring, never in the file."))
        note.setWordWrap(True)
        layout.addRow(
            self.tr("Key passphrase"), field_cell(self.passphrase, note, self.passphrase_error)
        )
        self.cert.changed.connect(lambda: self.summary.show_file(self.cert.path()))

    def load_passphrase(self, profile: str | None) -> None:
        """Show (masked) the passphrase already in the keyring, so saving keeps it."""
        if profile is None:
            return
        try:
            stored = client_key_passphrase(profile)
        except FseDeskError:
            stored = None
        self.passphrase.setText(stored or "")

    def tls(self, ca_bundle: str) -> TlsSettings:
        cert, key = self.cert.path(), self.key.path()
        return tls_settings(
            Path(ca_bundle).expanduser() if ca_bundle else None,
            Path(cert).expanduser() if cert else None,
            Path(key).expanduser() if key else None,
            self.passphrase.text() or None,
        )

    def check(self) -> bool:
        """Whether the certificate loads with its key and passphrase; if not, say so."""
        self.passphrase_error.hide()
        if not self.cert.path() or not self.key.path():
            return True  # no certificate, or the schema names the missing file
        problem = client_certificate_problem(self.tls(""))
        if problem is None:
            return True
        if problem.verdict is Verdict.CLIENT_CERT_EXPIRED:
            text = self.tr("This certificate has expired: the region will refuse it.")
        else:
            text = self.tr(
                "The key does not open with this passphrase, or it is not the key of this "
                "certificate."
            )
        self.passphrase_error.setText(text)
        self.passphrase_error.show()
        return False

    def save_passphrase(self, profile: str) -> None:
        """Keep the passphrase in the keyring (raises KeyringUnavailable, SecretStoreError)."""
        if self.passphrase.text():
            store_client_key_passphrase(profile, self.passphrase.text())
