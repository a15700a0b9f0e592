"""*Impostazioni*: the configuration file as a form.

Region addresses, the TLS and signing certificates (passphrases to the keyring), the
PACS, the video server, the language and the screen-lock time. Saving checks the whole
file with the schema first: a mistake shows its sentence under the field and nothing is
written. The language and the lock time apply at once (``saved`` carries the new
tables); the rest at the next start, which the dialog says.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fse_desk.config import DEFAULT_LOCK_MINUTES, read_config_file
from fse_desk.config_schema import ADDRESS_MAX
from fse_desk.config_writer import save_config
from fse_desk.errors import CertificateError, ConfigError, FseDeskError
from fse_desk.security.certificate_info import describe_certificate
from fse_desk.security.certificates import store_certificate_passphrase
from fse_desk_ui.messages import user_message
from fse_desk_ui.settings.fields import (
    CertificateSummary,
    FileField,
    SettingsForm,
    error_label,
    field_cell,
)
from fse_desk_ui.settings.region_rows import ClientCertificateRows, EndpointRows

# What takes effect without a restart; every other key at the next start.
LIVE_KEYS = frozenset({"ui.language", "user.lock_minutes"})
PKCS12_FILES = "PKCS#12 (*.p12 *.pfx);;All files (*)"


class SettingsDialog(QDialog):
    saved = Signal(object, str)  # the tables written (dict); what applies when, or ""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        """Raises :class:`ConfigError` when the file on disk is not valid (say it first)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.path = path
        self.raw: dict[str, Any] = read_config_file(path)
        self.form = SettingsForm()
        user = self.raw.get("user", {})
        self.profile: str | None = user.get("profile")
        self.tabs = QTabWidget()
        self._region_tab()
        self._certificates_tab()
        self._pacs_tab()
        self._televisit_tab()
        self._general_tab()
        self.form.load(self.raw)
        self.tls.load_passphrase(self.profile)
        self._on_protocol()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.where = QLabel(self.tr("Configuration file: {path}").format(path=path))
        self.where.setWordWrap(True)
        self.general_error = error_label()  # a mistake no single field shows
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.where)
        layout.addWidget(buttons)
        self.resize(760, 560)

    def _page(self, title: str) -> QFormLayout:
        page = QWidget()
        layout = QFormLayout(page)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.tabs.addTab(page, title)
        return layout

    def _region_tab(self) -> None:
        layout = self._page(self.tr("Region"))
        self.endpoints = EndpointRows(self.form, layout)
        if "region" not in self.raw:
            note = QLabel(
                self.tr(
                    "FSE Desk is running on the demo region. The first-run wizard connects a "
                    "real region: its addresses, the certificate and the operator, tested "
                    "before saving."
                )
            )
            note.setWordWrap(True)
            layout.addRow("", note)
            self.connect_button = QPushButton(self.tr("Connect a real region…"))
            self.connect_button.clicked.connect(self._connect_region)
            layout.addRow("", self.connect_button)
            for edit in (self.endpoints.fhir, self.endpoints.gateway, self.endpoints.ca_bundle):
                edit.setEnabled(False)

    def _connect_region(self) -> None:
        from fse_desk_ui.settings.first_run import (
            FirstRunWizard,  # the wizard also opens this module
        )

        wizard = FirstRunWizard(self.path, offer_demo=False, parent=self)
        wizard.accepted.connect(self._on_region_connected)
        wizard.open()
        self.wizard = wizard

    def _on_region_connected(self) -> None:
        self.saved.emit(
            read_config_file(self.path),
            self.tr("The region is configured: restart FSE Desk to leave the demo and use it."),
        )
        self.accept()

    def _certificates_tab(self) -> None:
        layout = self._page(self.tr("Certificates"))
        self.tls = ClientCertificateRows(self.form, layout)
        self.signing = FileField(PKCS12_FILES)
        self.signing_summary = CertificateSummary()
        self.form.file_row(
            layout,
            self.tr("Signing certificate (PKCS#12)"),
            "user.certificate",
            self.signing,
            self.signing_summary,
        )
        self.signing_passphrase = QLineEdit()
        self.signing_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.signing_passphrase.setPlaceholderText(self.tr("leave empty to keep the one saved"))
        self.signing_error = error_label()
        layout.addRow(
            self.tr("Signing passphrase"), field_cell(self.signing_passphrase, self.signing_error)
        )
        self.signing.changed.connect(self._describe_signing)
        self.signing_passphrase.editingFinished.connect(self._describe_signing)
        if self.profile is None:  # the demo: no operator of ours to hold a passphrase
            for widget in (self.tls.cert, self.tls.key, self.tls.passphrase):
                widget.setEnabled(False)
            for widget in (self.signing, self.signing_passphrase):
                widget.setEnabled(False)

    def _describe_signing(self) -> None:
        self.signing_summary.show_file(self.signing.path(), self.signing_passphrase.text() or None)

    def _pacs_tab(self) -> None:
        layout = self._page(self.tr("PACS"))
        self.protocol = QComboBox()
        self.protocol.addItem(self.tr("DICOMweb (web address)"), "dicomweb")
        self.protocol.addItem(self.tr("DICOM network (DIMSE)"), "dimse")
        self.form.choice_row(layout, self.tr("How to reach it"), "pacs.protocol", self.protocol)
        self.dicomweb = QLineEdit()
        self.dicomweb.setPlaceholderText("https://pacs.asl.example.it/dicom-web")
        self.form.text_row(
            layout, self.tr("DICOMweb address"), "pacs.dicomweb_base_url", self.dicomweb
        )
        self.pacs_host = QLineEdit()
        self.form.text_row(layout, self.tr("Host"), "pacs.host", self.pacs_host)
        self.pacs_port = QSpinBox()
        self.pacs_port.setRange(1, 65535)
        self.pacs_port.setValue(104)
        self.form.number_row(layout, self.tr("Port"), "pacs.port", self.pacs_port, when=self._dimse)
        self.called_ae = QLineEdit()
        self.called_ae.setMaxLength(16)
        self.form.text_row(layout, self.tr("PACS AE title"), "pacs.called_ae", self.called_ae)
        self.calling_ae = QLineEdit()
        self.calling_ae.setMaxLength(16)
        self.calling_ae.setPlaceholderText("FSEDESK")
        self.form.text_row(layout, self.tr("Our AE title"), "pacs.calling_ae", self.calling_ae)
        self.protocol.currentIndexChanged.connect(self._on_protocol)

    def _dimse(self) -> bool:
        return self.protocol.currentData() == "dimse"

    def _on_protocol(self) -> None:
        dimse = self._dimse()
        self.dicomweb.setEnabled(not dimse)
        for widget in (self.pacs_host, self.pacs_port, self.called_ae, self.calling_ae):
            widget.setEnabled(dimse)

    def _televisit_tab(self) -> None:
        layout = self._page(self.tr("Televisits"))
        self.video = QLineEdit()
        self.video.setPlaceholderText("https://meet.asl.example.it")
        self.form.text_row(
            layout, self.tr("Video server address"), "televisit.video_server_url", self.video
        )

    def _general_tab(self) -> None:
        layout = self._page(self.tr("General"))
        self.language = QComboBox()
        self.language.addItem("Italiano", "it")
        self.language.addItem("English", "en")
        self.form.choice_row(layout, self.tr("Language"), "ui.language", self.language)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(5, 15)
        self.lock_minutes.setValue(DEFAULT_LOCK_MINUTES)
        self.lock_minutes.setSuffix(self.tr(" min"))
        has_user = "user" in self.raw
        self.form.number_row(
            layout,
            self.tr("Lock the screen after"),
            "user.lock_minutes",
            self.lock_minutes,
            when=lambda: has_user,
        )
        self.address = QLineEdit()
        self.address.setMaxLength(ADDRESS_MAX)
        self.address.setPlaceholderText("Via Roma 1, 40038 Vergato (BO)")
        self.address.setToolTip(
            self.tr("Printed under the practice's name on the PSS the patient receives")
        )
        self.form.text_row(layout, self.tr("Practice address"), "user.address", self.address)
        if not has_user:
            self.lock_minutes.setEnabled(False)
            self.lock_minutes.setToolTip(self.tr("In the demo the screen locks after 10 minutes."))
            self.address.setEnabled(False)
            self.address.setToolTip(self.tr("In the demo the practice is the demo region's."))

    def collected(self) -> dict[str, Any]:
        """The tables as the form says; a [pacs] with nothing but the protocol and the port
        (which always have a value on screen) is no PACS."""
        raw = self.form.collect(self.raw)
        if not set(raw.get("pacs", {})) - {"protocol", "port"}:
            raw.pop("pacs", None)
        return raw

    def save(self) -> bool:
        """Check and write; on a mistake show it by its field and keep the dialog open."""
        self.form.clear_errors()
        self.signing_error.hide()
        self.general_error.hide()
        raw = self.collected()
        if not self.tls.check():
            self.tabs.setCurrentIndex(1)
            return False
        if not self._signing_opens():
            self.tabs.setCurrentIndex(1)
            return False
        try:
            self._keep_passphrases()
            save_config(raw, self.path)
        except ConfigError as exc:
            page = self.form.show_error(exc)
            if page is not None:
                self.tabs.setCurrentWidget(page)
            else:
                self._general(str(exc))
            return False
        except FseDeskError as exc:  # no keyring: the file is not changed either
            self._general(user_message(exc))
            return False
        changed = _changed_keys(self.raw, raw)
        self.raw = raw
        self.saved.emit(raw, self._what_applies(changed))
        self.accept()
        return True

    def _general(self, text: str) -> None:
        self.general_error.setText(text)
        self.general_error.show()

    def _keep_passphrases(self) -> None:
        if self.profile is None:
            return
        self.tls.save_passphrase(self.profile)
        if self.signing_passphrase.text():
            store_certificate_passphrase(self.profile, self.signing_passphrase.text())

    def _signing_opens(self) -> bool:
        path, passphrase = self.signing.path(), self.signing_passphrase.text()
        if not path or not passphrase:
            return True
        try:
            describe_certificate(Path(path), passphrase)
        except CertificateError:
            self.signing_error.setText(
                self.tr("This passphrase does not open the signing certificate.")
            )
            self.signing_error.show()
            return False
        return True

    def _what_applies(self, changed: set[str]) -> str:
        if changed - LIVE_KEYS:
            return self.tr(
                "Settings saved. The changes to the region, certificates, PACS or video server "
                "take effect the next time FSE Desk starts."
            )
        if "ui.language" in changed:
            return self.tr(
                "Settings saved. New windows use the new language at once; the main window "
                "changes language the next time FSE Desk starts."
            )
        return ""


def _changed_keys(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    def flat(raw: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for section, table in raw.items():
            if isinstance(table, dict):
                out.update({f"{section}.{key}": value for key, value in table.items()})
            else:
                out[section] = table
        return out

    old, new = flat(before), flat(after)
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
