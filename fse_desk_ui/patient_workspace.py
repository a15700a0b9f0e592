"""The centre of the window: the selected patient's banner over their capability tabs.

The patient on screen is the Workstation's :class:`~fse_desk.patient_context.PatientContext`:
the banner, the summary and every tab follow its ``changed`` event and reset at once.
Each capability (timeline, PSS, images, vitals...) contributes one tab, added by the
main window with :meth:`PatientWorkspace.add_tab`: a tab built on the context
(``tab.context``) follows it by itself; any other tab with ``show_patient(patient |
None)`` is subscribed to it here. There are no placeholder tabs: a capability
appears when it exists.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.workstation import Workstation
from fse_desk_ui.formatting import format_date
from fse_desk_ui.freshness_label import FreshnessLabel
from fse_desk_ui.patient_banner import PatientBanner


class PatientTab(Protocol):
    def show_patient(self, patient: Patient | None) -> None: ...


class PatientWorkspace(QWidget):
    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self.context = workstation.patient_context
        self._tabs: list[PatientTab] = []
        self.banner = PatientBanner()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("workspaceSummary")
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary_label.setWordWrap(True)
        # Above the tabs: how old everything they show is, when it may not be current.
        self.freshness_label = FreshnessLabel(workstation, compact=False)
        self.tab_widget = QTabWidget()
        # Six tabs and more to come: the bar scrolls rather than widening the window past a
        # laptop's screen (its minimum width would otherwise be every title side by side).
        self.tab_widget.setUsesScrollButtons(True)
        self.tab_widget.tabBar().setExpanding(False)
        self.tab_widget.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.freshness_label)
        layout.addWidget(self.tab_widget, 1)
        layout.addStretch(0)
        self.context.changed.connect(self._on_patient_changed)
        self._on_patient_changed(self.context.patient)

    @property
    def patient(self) -> Patient | None:
        return self.context.patient

    def add_tab(self, tab: QWidget, title: str) -> None:
        """Add a capability tab that follows the patient context (see the module docstring)."""
        assert hasattr(tab, "show_patient"), f"{type(tab).__name__} lacks show_patient"
        self._tabs.append(tab)
        self.tab_widget.addTab(tab, title)
        if getattr(tab, "context", None) is not self.context:
            self.context.changed.connect(tab.show_patient)
            tab.show_patient(self.patient)
        self.tab_widget.setVisible(self.patient is not None)

    def show_patient(self, patient: Patient | None) -> None:
        """Select ``patient``: everything bound to the context follows."""
        self.context.select(patient)

    def _on_patient_changed(self, patient: Patient | None) -> None:
        self.banner.show_patient(patient)
        self.summary_label.setText(self._summary(patient))
        self.tab_widget.setVisible(patient is not None and bool(self._tabs))

    def _summary(self, patient: Patient | None) -> str:
        if patient is None:
            return ""
        if patient.consent is not ConsentState.GRANTED:
            return self.tr(
                "This patient has not consented to the consultation of their FSE: "
                "no FSE document is shown."
            )
        documents = self._workstation.documents(patient.id)
        if not documents:
            return self.tr("No FSE documents in the offline cache.")
        return self.tr(
            "%n FSE documents in the offline cache, the latest of {date}.", "", len(documents)
        ).format(date=format_date(documents[0].date.date()))
