""" "Rileva parametri": one form for a home or desk measurement, every value optional."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fse_desk.domain.patient import Patient
from fse_desk.domain.vitals import FUTURE_TOLERANCE, Vital, VitalReading, check_values
from fse_desk.errors import FseDeskError, InvalidRecord
from fse_desk.workstation import Workstation
from fse_desk_ui.formatting import ROME, format_decimal
from fse_desk_ui.messages import user_message
from fse_desk_ui.vitals.labels import unit_text, vital_label


def parse_number(text: str) -> float | None:
    """``"37,8"`` or ``"37.8"`` → 37.8; empty → None; raises ValueError otherwise."""
    text = text.strip().replace(",", ".")
    return float(text) if text else None


class VitalsDialog(QDialog):
    """Validates as a clinician expects (ranges, diastolic below systolic, no future
    time), saves through the Workstation, and leaves the sending to the outbox."""

    def __init__(
        self, workstation: Workstation, patient: Patient, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self._patient = patient
        self.saved: list[VitalReading] = []
        self.setWindowTitle(
            self.tr("Record vital signs — {name}").format(name=patient.display_name)
        )
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for vital in Vital:
            if vital is Vital.BLOOD_PRESSURE:
                row = QHBoxLayout()
                for key in ("systolic", "diastolic"):
                    row.addWidget(self._field(key, vital))
                    if key == "systolic":
                        row.addWidget(QLabel("/"))
                row.addWidget(QLabel(unit_text(vital)))
                form.addRow(vital_label(vital), row)
                form.addRow("", self._error_label("blood_pressure"))
            else:
                row = QHBoxLayout()
                row.addWidget(self._field(vital.value.key, vital))
                row.addWidget(QLabel(unit_text(vital)))
                form.addRow(vital_label(vital), row)
                form.addRow("", self._error_label(vital.value.key))
        # The clinic's wall clock is Rome's, whatever the laptop's time zone says.
        now = datetime.now(ROME)
        self.when = QDateTimeEdit(
            QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute))
        )
        self.when.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when.setCalendarPopup(True)
        form.addRow(self.tr("Measured at"), self.when)
        form.addRow("", self._error_label("effective_at"))
        self.performer = QLineEdit(workstation.operator.display_name)
        form.addRow(self.tr("Measured by"), self.performer)
        form.addRow("", self._error_label("performer"))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("e.g. at home, after rest, left arm"))
        self.note.setMaximumHeight(70)
        form.addRow(self.tr("Note"), self.note)
        self.general_error = self._error_label("measurements")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

    def _field(self, key: str, vital: Vital) -> QLineEdit:
        kind = vital.value
        edit = QLineEdit()
        edit.setObjectName(f"field_{key}")
        edit.setMaximumWidth(90)
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.setToolTip(
            self.tr("Plausible range {low}–{high} {unit}").format(
                low=format_decimal(kind.low, 0),
                high=format_decimal(kind.high, 0),
                unit=unit_text(vital),
            )
        )
        self.fields[key] = edit
        return edit

    def _error_label(self, key: str) -> QLabel:
        label = QLabel()
        label.setObjectName("fieldError")
        label.setStyleSheet("color: #b71c1c;")
        label.setWordWrap(True)
        label.hide()
        self.errors[key] = label
        return label

    def _show_error(self, key: str, text: str) -> None:
        self.errors[key].setText(text)
        self.errors[key].show()

    def _range_text(self, vital: Vital) -> str:
        kind = vital.value
        return self.tr(
            "The value is outside the plausible range {low}–{high} {unit}: check it."
        ).format(
            low=format_decimal(kind.low, 0),
            high=format_decimal(kind.high, 0),
            unit=unit_text(vital),
        )

    def measurements(self) -> dict[Vital, tuple[float, ...]] | None:
        """The values typed, checked; None (with the errors shown) when any is wrong."""
        for label in self.errors.values():
            label.hide()
        found: dict[Vital, tuple[float, ...]] = {}
        ok = True
        for vital in Vital:
            keys = (
                ("systolic", "diastolic") if vital is Vital.BLOOD_PRESSURE else (vital.value.key,)
            )
            try:
                numbers = [parse_number(self.fields[k].text()) for k in keys]
            except ValueError:
                self._show_error(vital.value.key, self.tr("Type a number, e.g. 37,5."))
                ok = False
                continue
            present = [n for n in numbers if n is not None]
            if not present:
                continue
            if len(present) != len(numbers):
                self._show_error(
                    vital.value.key, self.tr("Blood pressure needs both systolic and diastolic.")
                )
                ok = False
                continue
            try:
                check_values(vital, tuple(present))
            except InvalidRecord as exc:
                ok = False
                if exc.field == "diastolic":
                    self._show_error(
                        vital.value.key,
                        self.tr("The diastolic pressure must be lower than the systolic."),
                    )
                else:
                    self._show_error(vital.value.key, self._range_text(vital))
                continue
            found[vital] = tuple(present)
        if ok and not found:
            self._show_error("measurements", self.tr("Enter at least one value."))
            ok = False
        if self._effective_at() > datetime.now(UTC) + FUTURE_TOLERANCE:
            self._show_error("effective_at", self.tr("The time of measurement is in the future."))
            ok = False
        if not self.performer.text().strip():
            self._show_error("performer", self.tr("Say who measured."))
            ok = False
        return found if ok else None

    def _effective_at(self) -> datetime:
        local = self.when.dateTime().toPython()
        assert isinstance(local, datetime)  # a QDateTime always converts to a datetime
        return local.replace(tzinfo=ROME).astimezone(UTC)

    def _on_save(self) -> None:
        measurements = self.measurements()
        if measurements is None:
            return
        try:
            self.saved = self._workstation.vitals.record(
                self._patient.id,
                measurements,
                effective_at=self._effective_at(),
                performer=self.performer.text().strip(),
                performer_id=self._workstation.operator.practitioner_id
                if self.performer.text().strip() == self._workstation.operator.display_name
                else None,
                note=self.note.toPlainText().strip(),
            )
        except FseDeskError as exc:
            self._show_error("measurements", user_message(exc))
            return
        self.accept()
