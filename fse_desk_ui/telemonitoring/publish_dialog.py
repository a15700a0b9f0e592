"""The doctor reviews the "Report rilevazione" drafted from the tab, confirms it and signs
it for the FSE (queued: it leaves when the FSE can be reached)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fse_desk.domain.rome_clock import ROME
from fse_desk.domain.units import unit_display
from fse_desk.errors import FseDeskError
from fse_desk.scheduling.telemonitoring_report import RilevazioneReport
from fse_desk.security.signing_key import SigningKey
from fse_desk_ui.formatting import format_date, format_decimal
from fse_desk_ui.messages import user_message
from fse_desk_ui.signing_passphrase import unlock_then


class RilevazioneDialog(QDialog):
    """Shows what the document will say; "Sign and publish" only once the doctor has
    confirmed it (a signed document on the FSE cannot be taken back silently); the
    certificate's passphrase before the session's first signature."""

    passphrase_requested = Signal(object)  # the SigningPassphraseDialog now open

    def __init__(
        self,
        report: RilevazioneReport,
        publish: Callable[[RilevazioneReport], int],
        parent: QWidget | None = None,
        signing: SigningKey | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Report rilevazione for the FSE"))
        self._report = report
        self._publish = publish
        self._signing = signing
        self.entry_id: int | None = None
        period = QLabel(
            self.tr("Period {start} – {end}; {n} alarm(s) in the period.").format(
                start=format_date(report.start.astimezone(ROME).date()),
                end=format_date(report.end.astimezone(ROME).date()),
                n=report.alarms,
            )
        )
        period.setWordWrap(True)
        plan = QLabel("\n".join(report.plan_lines) or self.tr("No telemonitoring plan."))
        plan.setWordWrap(True)
        self.table = QTableWidget(len(report.rows), 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Parameter"), self.tr("Readings"), self.tr("Min"), self.tr("Mean"),
             self.tr("Max")]
        )  # fmt: skip
        for n, row in enumerate(report.rows):
            cells = (
                row.name,
                str(row.readings),
                *(
                    f"{format_decimal(v, 1)} {unit_display(row.unit)}"
                    for v in (row.low, row.mean, row.high)
                ),
            )
            for column, text in enumerate(cells):
                self.table.setItem(n, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.confirm = QCheckBox(
            self.tr("I have reviewed these readings and confirm the report for the patient's FSE")
        )
        self.buttons = QDialogButtonBox()
        self.sign_button = self.buttons.addButton(
            self.tr("Sign and publish"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sign_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.confirm.toggled.connect(self.sign_button.setEnabled)
        self.sign_button.clicked.connect(self.sign)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(period)
        layout.addWidget(plan)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)
        self.resize(640, 420)

    def sign(self) -> None:
        if not self.confirm.isChecked():
            return
        dialog = unlock_then(self._signing, self, self._sign_unlocked)
        if dialog is not None:
            self.passphrase_requested.emit(dialog)

    def _sign_unlocked(self) -> None:
        try:
            self.entry_id = self._publish(self._report)
        except FseDeskError as exc:
            QMessageBox.warning(self, self.tr("Report rilevazione for the FSE"), user_message(exc))
            return
        self.accept()
