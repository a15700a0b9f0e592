"""The banner over the patient workspace: who this is, at a glance."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fse_desk.domain.patient import ConsentState, Patient, Sex
from fse_desk_ui.formatting import format_date


class PatientBanner(QFrame):
    """Name, codice fiscale, age, sex, birth date and place, consent state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientBanner")
        self.name_label = QLabel()
        self.name_label.setObjectName("bannerName")
        self.details_label = QLabel()
        self.details_label.setObjectName("bannerDetails")
        self.details_label.setWordWrap(True)  # a narrow window gets two lines, not a wider window
        self.consent_label = QLabel()
        self.consent_label.setObjectName("consentBadge")
        left = QVBoxLayout()
        left.addWidget(self.name_label)
        left.addWidget(self.details_label)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(self.consent_label)
        self.show_patient(None)

    def show_patient(self, patient: Patient | None) -> None:
        if patient is None:
            self.name_label.setText(self.tr("No patient selected"))
            self.details_label.setText(self.tr("Search an assistito on the left and select them."))
            self.consent_label.hide()
            return
        sex = {Sex.MALE: self.tr("M"), Sex.FEMALE: self.tr("F")}.get(patient.sex, "—")
        self.name_label.setText(patient.display_name)
        details = self.tr("CF {cf} · {age} years · sex {sex} · born {date}").format(
            cf=patient.codice_fiscale,
            age=patient.age_on(date.today()),
            sex=sex,
            date=format_date(patient.birth_date),
        )
        if patient.birth_place:
            details += self.tr(" in {place}").format(place=patient.birth_place)
        self.details_label.setText(details)
        granted = patient.consent is ConsentState.GRANTED
        self.consent_label.setText(
            self.tr("FSE consultation consent given")
            if granted
            else self.tr("No consent to FSE consultation")
            if patient.consent is ConsentState.DENIED
            else self.tr("FSE consultation consent unknown")
        )
        self.consent_label.setProperty("granted", granted)
        self.consent_label.style().unpolish(self.consent_label)
        self.consent_label.style().polish(self.consent_label)
        self.consent_label.show()
