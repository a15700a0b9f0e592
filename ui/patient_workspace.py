"""The centre of the window: the selected patient's banner and what the cache holds."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.workstation import Workstation
from ui.formatting import format_date
from ui.patient_banner import PatientBanner


class PatientWorkspace(QWidget):
    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self.patient: Patient | None = None
        self.banner = PatientBanner()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("workspaceSummary")
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary_label, 1)

    def show_patient(self, patient: Patient | None) -> None:
        self.patient = patient
        self.banner.show_patient(patient)
        if patient is None:
            self.summary_label.clear()
        elif patient.consent is not ConsentState.GRANTED:
            self.summary_label.setText(
                self.tr(
                    "This patient has not consented to the consultation of their FSE: "
                    "no FSE document is shown."
                )
            )
        else:
            documents = self._workstation.documents(patient.id)
            if documents:
                self.summary_label.setText(
                    self.tr(
                        "%n FSE documents in the offline cache, the latest of {date}.",
                        "",
                        len(documents),
                    ).format(date=format_date(documents[0].date.date()))
                )
            else:
                self.summary_label.setText(self.tr("No FSE documents in the offline cache."))
