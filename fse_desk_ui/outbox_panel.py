"""The outbox panel: every local change not yet on the FSE, its state and why.

Retry sends a refused or waiting change at the next push; discard asks for
confirmation and is recorded with the user's name; a conflict shows both
versions and lets the user choose.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fse_desk.domain.outbox import PROBLEM_KEY, OutboxEntry, OutboxMethod, OutboxState
from fse_desk.errors import FseDeskError
from fse_desk.workstation import Workstation
from fse_desk_ui.formatting import format_datetime
from fse_desk_ui.messages import gateway_problem_text, user_message
from fse_desk_ui.models.record_table import Index, RecordTableModel
from fse_desk_ui.vitals.labels import vital_for_loinc, vital_label


def state_text(state: OutboxState) -> str:
    texts = {
        OutboxState.PENDING: QCoreApplication.translate("outbox", "waiting"),
        OutboxState.SENDING: QCoreApplication.translate("outbox", "sending"),
        OutboxState.AWAITING: QCoreApplication.translate("outbox", "awaiting outcome"),
        OutboxState.SENT: QCoreApplication.translate("outbox", "sent"),
        OutboxState.ERROR: QCoreApplication.translate("outbox", "error"),
        OutboxState.CONFLICT: QCoreApplication.translate("outbox", "conflict"),
        OutboxState.DISCARDED: QCoreApplication.translate("outbox", "discarded"),
    }
    return texts[state]


def what_text(entry: OutboxEntry) -> str:
    if entry.method is OutboxMethod.PUBLISH:
        return QCoreApplication.translate("outbox", "Patient summary (PSS), version {n}").format(
            n=entry.payload.get("version", "?")
        )
    code = entry.payload.get("code", {}).get("coding", [{}])[0].get("code", "")
    vital = vital_for_loinc(code) if entry.resource_type == "Observation" else None
    name = vital_label(vital) if vital else entry.resource_type
    return f"{name}: {entry.description}"


def reason_tip(entry: OutboxEntry) -> str | None:
    """For a publication the gateway refused: what to fix, with the gateway's words."""
    problem = entry.payload.get(PROBLEM_KEY) if entry.method is OutboxMethod.PUBLISH else None
    if not isinstance(problem, dict) or entry.state is not OutboxState.ERROR:
        return None
    return gateway_problem_text(
        problem.get("type"),
        problem.get("title"),
        entry.last_error,
        token_refused=problem.get("status") in (401, 403),
    )


class OutboxModel(RecordTableModel[OutboxEntry]):
    def __init__(self, workstation: Workstation, parent: Any = None) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self._patient_names: dict[str, str] = {}

    def refresh(self) -> None:
        self.beginResetModel()
        self.records = self._workstation.outbox.entries()
        # Read here, once, not in data(): painting must never query the cache.
        self._patient_names = {}
        for entry in self.records:
            if entry.patient_id and entry.patient_id not in self._patient_names:
                patient = self._workstation.patient(entry.patient_id)
                self._patient_names[entry.patient_id] = patient.display_name if patient else "—"
        self.endResetModel()

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Queued"),
            self.tr("Patient"),
            self.tr("Change"),
            self.tr("State"),
            self.tr("Attempts"),
            self.tr("Reason"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.record_of(index)
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return reason_tip(entry)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return format_datetime(entry.created_at)
        if column == 1:
            return self._patient_names.get(entry.patient_id or "", "—")
        if column == 2:
            return what_text(entry)
        if column == 3:
            return state_text(entry.state)
        if column == 4:
            return str(entry.attempts)
        if column == 5:
            return entry.last_error
        return None


class ConflictDialog(QDialog):
    """Both versions side by side; the user keeps theirs or takes the server's."""

    def __init__(self, entry: OutboxEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Conflict: {what}").format(what=what_text(entry)))
        self.choice: str | None = None
        explain = QLabel(
            self.tr(
                "Someone changed this record on the FSE after you edited it. Nothing was "
                "overwritten. Choose which version to keep."
            )
        )
        explain.setWordWrap(True)
        mine = QPlainTextEdit(_readable(entry.payload))
        theirs = QPlainTextEdit(_readable(entry.conflict_payload or {}))
        for view in (mine, theirs):
            view.setReadOnly(True)
        columns = QHBoxLayout()
        for title, view in (
            (self.tr("Your version"), mine),
            (self.tr("Version on the FSE"), theirs),
        ):
            box = QVBoxLayout()
            box.addWidget(QLabel(title))
            box.addWidget(view)
            columns.addLayout(box)
        self.keep_mine_button = QPushButton(self.tr("Keep mine"))
        self.take_theirs_button = QPushButton(self.tr("Use the FSE version"))
        self.keep_mine_button.clicked.connect(lambda: self._choose("mine"))
        self.take_theirs_button.clicked.connect(lambda: self._choose("theirs"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_mine_button)
        buttons.addWidget(self.take_theirs_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(columns)
        layout.addLayout(buttons)
        self.resize(820, 460)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def _readable(resource: dict[str, Any]) -> str:
    shown = {k: v for k, v in resource.items() if k not in ("meta", "text", "identifier")}
    return json.dumps(shown, indent=2, ensure_ascii=False)


class OutboxPanel(QDialog):
    changed = Signal()

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self.setWindowTitle(self.tr("Outbox: changes not yet on the FSE"))
        self.model = OutboxModel(workstation, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty_label = QLabel(self.tr("Everything has reached the FSE."))
        self.retry_button = QPushButton(self.tr("Retry"))
        self.discard_button = QPushButton(self.tr("Discard…"))
        self.resolve_button = QPushButton(self.tr("Resolve conflict…"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.resolve_button.clicked.connect(self.resolve_selected)
        buttons = QHBoxLayout()
        for button in (self.retry_button, self.discard_button, self.resolve_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # A window of its own needs its own way out (not every window manager draws one).
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.resize(980, 420)
        self.refresh()

    def refresh(self) -> None:
        self.model.refresh()
        self.empty_label.setVisible(not self.model.records)
        self._update_buttons()

    def selected(self) -> OutboxEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _update_buttons(self) -> None:
        entry = self.selected()
        self.retry_button.setEnabled(
            entry is not None and entry.state in (OutboxState.ERROR, OutboxState.PENDING)
        )
        self.discard_button.setEnabled(entry is not None)
        self.resolve_button.setEnabled(entry is not None and entry.state is OutboxState.CONFLICT)

    def _act(self, action: Any) -> None:
        try:
            action()
        except FseDeskError as exc:
            QMessageBox.warning(self, self.windowTitle(), user_message(exc))
        self.refresh()
        self.changed.emit()

    def retry_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._act(lambda: self._workstation.outbox.retry(entry.id))

    def confirm_discard(self, entry: OutboxEntry) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Discard change"),
            self.tr(
                "Discard “{what}”? It will never reach the FSE. The discard is recorded "
                "with your name."
            ).format(what=what_text(entry)),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def discard_selected(self) -> None:
        entry = self.selected()
        if entry is not None and self.confirm_discard(entry):
            self._act(lambda: self._workstation.outbox.discard(entry.id))

    def resolve_selected(self) -> None:
        entry = self.selected()
        if entry is None or entry.state is not OutboxState.CONFLICT:
            return
        dialog = ConflictDialog(entry, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if dialog.choice == "mine":
            self._act(lambda: self._workstation.outbox.keep_mine(entry.id))
        elif dialog.choice == "theirs":
            self._act(lambda: self._workstation.outbox.take_theirs(entry.id))
