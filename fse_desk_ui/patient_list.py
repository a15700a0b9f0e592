"""The assistiti list: instant search by name or codice fiscale over the cache (FTS)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fse_desk._types import PatientId
from fse_desk.domain.patient import Patient
from fse_desk.workstation import Workstation
from fse_desk_ui.models.patient_list_model import PatientListModel


class PatientListWidget(QWidget):
    """Search box over a table of assistiti; emits ``patient_selected``."""

    patient_selected = Signal(object)  # Patient
    # The core's reviews_changed may fire on any thread; a queued signal brings it here.
    _reviews_changed = Signal()

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search by name, codice fiscale or birth date"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._on_search_changed)
        self.search_box.returnPressed.connect(self._open_first)
        self.model = PatientListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setSectionResizeMode(
            PatientListModel.NEW, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._emit_selected(current.row())
        )
        self.count_label = QLabel()
        self.count_label.setObjectName("patientCount")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Assistiti"))
        title.setObjectName("panelTitle")
        layout.addWidget(title)
        layout.addWidget(self.search_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        self._reviews_changed.connect(self.refresh_new_counts)
        workstation.timeline.reviews_changed.connect(self._on_reviews_changed)
        self.refresh()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def refresh(self) -> None:
        self._on_search_changed(self.search_box.text())

    def _on_search_changed(self, text: str) -> None:
        patients = self._workstation.search_patients(text)
        self.model.set_patients(patients)
        self.refresh_new_counts()
        total = self._workstation.patient_count()
        if text.strip():
            self.count_label.setText(self.tr("%n found", "", len(patients)))
        else:
            self.count_label.setText(self.tr("%n assistiti in the cache", "", total))

    def refresh_new_counts(self) -> None:
        """Recount the documents new for the user, for the patients listed (one query)."""
        self.model.set_new_counts(
            self._workstation.timeline.new_counts([p.id for p in self.model.records])
        )

    def _on_reviews_changed(self, _patient_id: PatientId) -> None:
        self._reviews_changed.emit()

    def _open_first(self) -> None:
        if self.model.rowCount() > 0:
            self.table.selectRow(0)
            self.table.setFocus()

    def _emit_selected(self, row: int) -> None:
        patient: Patient | None = self.model.record_at(row)
        if patient is not None:
            self.patient_selected.emit(patient)
