"""The first-run wizard: FSE Desk started with no region configured and not in demo.

Pages: welcome, the region's addresses, the authentication certificate, the operator,
and "Prova connessione" (``/metadata``, TLS, the client certificate; see
:mod:`fse_desk.region_check`). Each page is checked by the schema before
the next; Finish writes the configuration file (passphrase to the keyring). "Open the
demo" is on every page: the demo needs no answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from fse_desk.config import AppConfig, load_config, read_config_file
from fse_desk.config_writer import check_section, save_config
from fse_desk.domain.roles import Role
from fse_desk.errors import ConfigError, FseDeskError
from fse_desk.region_check import (
    ConnectionCheck,
    check_fhir_server,
    check_reachable,
)
from fse_desk_ui.messages import role_name, user_message
from fse_desk_ui.settings.connection_texts import connection_text
from fse_desk_ui.settings.fields import ERROR_STYLE, SettingsForm, error_label
from fse_desk_ui.settings.region_rows import ClientCertificateRows, EndpointRows
from fse_desk_ui.workers import Worker

OK_STYLE = "color: #1b5e20;"


@dataclass(frozen=True, slots=True)
class ConnectionResult:
    fhir: ConnectionCheck
    gateway: ConnectionCheck | None  # None: no gateway address given


class _Page(QWizardPage):
    """A page whose rows are bound to the wizard's form; Next checks its ``section``."""

    def __init__(self, wizard: FirstRunWizard, title: str, intro: str, section: str) -> None:
        super().__init__()
        self.owner = wizard
        self.section = section
        self.setTitle(title)
        label = QLabel(intro)
        label.setWordWrap(True)
        outer = QVBoxLayout(self)
        outer.addWidget(label)
        self.rows = QFormLayout()
        self.rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.rows)
        outer.addStretch(1)

    def validatePage(self) -> bool:
        return self.owner.check_page(self.section)


class FirstRunWizard(QWizard):
    DEMO = 2  # the dialog's result when the user chose the demo
    connection_checked = Signal(object)  # ConnectionResult

    def __init__(
        self, path: Path, *, offer_demo: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.base: dict[str, Any] = read_config_file(path)  # e.g. a language already chosen
        self.form = SettingsForm()
        self._worker: Worker | None = None
        self.setWindowTitle(self.tr("FSE Desk — connect your region"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.addPage(self._welcome())
        self.addPage(self._region())
        self.addPage(self._certificate())
        self.addPage(self._operator())
        self.addPage(self._connection())
        self.form.load(self.base)
        if offer_demo:
            self.setOption(QWizard.WizardOption.HaveCustomButton1)
            self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("Open the demo"))
            self.customButtonClicked.connect(self._on_custom_button)
            # The demo on the left, apart from the steps of the wizard.
            self.setButtonLayout(
                [
                    QWizard.WizardButton.CustomButton1,
                    QWizard.WizardButton.Stretch,
                    QWizard.WizardButton.BackButton,
                    QWizard.WizardButton.NextButton,
                    QWizard.WizardButton.FinishButton,
                    QWizard.WizardButton.CancelButton,
                ]
            )
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Save and start"))
        self.resize(780, 560)

    # -- pages ---------------------------------------------------------------
    def _welcome(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(self.tr("Welcome to FSE Desk"))
        text = QLabel(
            self.tr(
                "FSE Desk is not connected to a region yet. In a few steps this wizard sets it "
                "up with what the region gave your practice:\n\n"
                "• the address of the regional FSE server (FHIR R4) and, to publish the PSS, "
                "of the FSE 2.0 gateway;\n"
                "• the authentication certificate of the practice, with its key;\n"
                "• who uses this workstation.\n\n"
                'Then "Test connection" checks that everything works before saving. '
                "To look around first, open the demo: it needs no answers."
            )
        )
        text.setWordWrap(True)
        QVBoxLayout(page).addWidget(text)
        return page

    def _region(self) -> QWizardPage:
        page = _Page(
            self,
            self.tr("Region addresses"),
            self.tr("The addresses the region gave for the FSE server and the FSE 2.0 gateway."),
            "region",
        )
        self.endpoints = EndpointRows(self.form, page.rows)
        page.registerField("fhir*", self.endpoints.fhir)
        return page

    def _certificate(self) -> QWizardPage:
        page = _Page(
            self,
            self.tr("Authentication certificate"),
            self.tr(
                "The certificate with which this workstation identifies itself to the region "
                "(a .pem or .crt file and its key). Leave it empty if the region does not ask "
                "for one."
            ),
            "region",
        )
        self.tls = ClientCertificateRows(self.form, page.rows)
        return page

    def _operator(self) -> QWizardPage:
        page = _Page(
            self,
            self.tr("Who uses this workstation"),
            self.tr("The operator signed in on this workstation, as registered with the region."),
            "user",
        )
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText(self.tr("e.g. Dott. Mario Rossi"))
        self.form.text_row(page.rows, self.tr("Name"), "user.display_name", self.display_name)
        self.codice_fiscale = QLineEdit()
        self.codice_fiscale.setMaxLength(16)
        self.form.text_row(
            page.rows, self.tr("Codice fiscale"), "user.codice_fiscale", self.codice_fiscale
        )
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role_name(role.value), role.value)
        self.form.choice_row(page.rows, self.tr("Role"), "user.role", self.role)
        self.profile = QLineEdit()
        self.profile.setPlaceholderText(self.tr("e.g. rossi"))
        self.form.text_row(page.rows, self.tr("Profile name"), "user.profile", self.profile)
        hint = QLabel(self.tr("Letters, digits, - and _: it names the encrypted local cache."))
        hint.setWordWrap(True)
        page.rows.addRow("", hint)
        return page

    def _connection(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(self.tr("Test connection"))
        page.setFinalPage(True)
        intro = QLabel(
            self.tr(
                "FSE Desk asks the FSE server for its capabilities (/metadata) with the "
                "certificate chosen, as it will do every day. Nothing is sent about patients."
            )
        )
        intro.setWordWrap(True)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.fhir_result = QLabel()
        self.gateway_result = QLabel()
        self.save_error = error_label()
        for label in (self.fhir_result, self.gateway_result):
            label.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (self.fhir_result, self.gateway_result):
            layout.addWidget(widget)
        layout.addWidget(self.save_error)
        layout.addStretch(1)
        return page

    # -- checks --------------------------------------------------------------
    def collected(self) -> dict[str, Any]:
        return self.form.collect(self.base)

    def check_page(self, section: str) -> bool:
        """Check ``section`` as it would be written; show the sentence under its field."""
        self.form.clear_errors()
        try:
            check_section(section, self.collected().get(section, {}), self.path)
        except ConfigError as exc:
            if self.form.show_error(exc) is None:
                self.form.set_error("region.fhir_base_url", str(exc))
            return False
        return self.tls.check() if section == "region" else True

    def test_connection(self) -> None:
        """Run the check off the GUI thread; ``connection_checked`` says the result."""
        if self._worker is not None:
            return
        region = self.collected().get("region", {})
        tls = self.tls.tls(region.get("ca_bundle", ""))
        fhir, gateway = region.get("fhir_base_url", ""), region.get("gateway_base_url")

        def run(_report: object, _cancel: object) -> ConnectionResult:
            return ConnectionResult(
                check_fhir_server(fhir, tls),
                check_reachable(gateway, tls) if gateway else None,
            )

        self.test_button.setEnabled(False)
        self.fhir_result.setStyleSheet("")
        self.fhir_result.setText(self.tr("Testing the connection…"))
        self.gateway_result.clear()
        worker = Worker(run)
        worker.signals.succeeded.connect(self._on_checked)
        worker.signals.failed.connect(self._on_check_failed)
        worker.signals.finished.connect(self._on_check_finished)
        self._worker = worker
        worker.start()

    def _on_checked(self, result: ConnectionResult) -> None:
        self._show(self.fhir_result, self.tr("FSE server"), result.fhir, fhir=True)
        if result.gateway is not None:
            self._show(self.gateway_result, self.tr("FSE 2.0 gateway"), result.gateway, fhir=False)
        self.connection_checked.emit(result)

    def _show(self, label: QLabel, what: str, check: ConnectionCheck, *, fhir: bool) -> None:
        mark = "✔" if check.ok else "✘"
        label.setText(f"{mark} {what}: {connection_text(check, fhir=fhir)}")
        label.setStyleSheet(OK_STYLE if check.ok else ERROR_STYLE)

    def _on_check_failed(self, exc: BaseException) -> None:
        self.fhir_result.setStyleSheet(ERROR_STYLE)
        self.fhir_result.setText(user_message(exc))

    def _on_check_finished(self) -> None:
        self._worker = None
        self.test_button.setEnabled(True)

    # -- finishing -----------------------------------------------------------
    def validateCurrentPage(self) -> bool:
        if self.currentPage() is not self.page(self.pageIds()[-1]):
            return super().validateCurrentPage()
        return self.save()

    def save(self) -> bool:
        """Write the configuration (and the key's passphrase to the keyring)."""
        raw = self.collected()
        self.save_error.hide()
        try:
            self.tls.save_passphrase(raw["user"]["profile"])
            save_config(raw, self.path)
        except ConfigError as exc:
            self.save_error.setText(str(exc))
            self.save_error.show()
            return False
        except FseDeskError as exc:
            self.save_error.setText(user_message(exc))
            self.save_error.show()
            return False
        return True

    def _on_custom_button(self, which: int) -> None:
        if which == QWizard.WizardButton.CustomButton1.value:
            self.done(self.DEMO)


def first_run(path: Path, data_dir: Path | None) -> AppConfig | None:
    """Show the wizard; the configuration to start with, or None when the user closed it."""
    from fse_desk_ui.app import (
        create_application,  # the QApplication with its translators and style
    )

    create_application()
    return ask_configuration(path, data_dir)


def ask_configuration(path: Path, data_dir: Path | None) -> AppConfig | None:
    """The wizard, modal, on the running QApplication (see :func:`first_run`)."""
    wizard = FirstRunWizard(path)
    wizard.show()
    if wizard.exec() in (FirstRunWizard.DEMO, QWizard.DialogCode.Accepted.value):
        # Saved: the region just written. The demo: the file, if any, names no region.
        return load_config(path, data_dir=data_dir)
    return None
