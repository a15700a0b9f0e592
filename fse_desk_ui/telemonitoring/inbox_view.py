"""The team's alert inbox, beside the patient view: every enrolled patient's alarms.

Sort by any column, filter by text and status; take charge, assign, note and close
with an outcome (each a FHIR Task through the outbox, offline too); open the
patient's chart at the alarm. A conflict between two workstations is shown with
both actions.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fse_desk.telemonitoring.actions import ActionKind, AlarmStatus, InboxItem, Outcome
from fse_desk.workstation import Workstation
from fse_desk_ui.formatting import format_datetime
from fse_desk_ui.freshness_label import FreshnessLabel
from fse_desk_ui.messages import user_message
from fse_desk_ui.telemonitoring.inbox_model import SORT_ROLE, InboxModel
from fse_desk_ui.workers import Worker


class _Filter(QSortFilterProxyModel):
    def __init__(self, model: InboxModel) -> None:
        super().__init__()
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.status: AlarmStatus | None = None
        self._model = model

    def filterAcceptsRow(self, row: int, parent: Any) -> bool:
        if self.status is not None and self._model.items[row].status is not self.status:
            return False
        return super().filterAcceptsRow(row, parent)


class AlertInbox(QWidget):
    """``open_alarm(patient_id, epoch_seconds)`` asks to show the patient's chart there;
    ``loaded`` fires after each refresh."""

    open_alarm = Signal(str, float)
    loaded = Signal()

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Alert inbox"))
        self._workstation = workstation
        self._workers: list[Worker] = []
        self.model = InboxModel(self)
        self.proxy = _Filter(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter by patient, parameter, rule…"))
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.status_filter = QComboBox()
        for text, status in (
            (self.tr("All"), None),
            (self.tr("New"), AlarmStatus.NEW),
            (self.tr("In charge"), AlarmStatus.IN_CHARGE),
            (self.tr("Closed"), AlarmStatus.CLOSED),
        ):
            self.status_filter.addItem(text, status)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter)
        self.take_button = QPushButton(self.tr("Take charge"))
        self.assign_button = QPushButton(self.tr("Assign…"))
        self.note_button = QPushButton(self.tr("Add note…"))
        self.close_button = QPushButton(self.tr("Close…"))
        self.open_button = QPushButton(self.tr("Open chart"))
        self.take_button.clicked.connect(lambda: self._act(ActionKind.TAKE_CHARGE))
        self.assign_button.clicked.connect(self._ask_assign)
        self.note_button.clicked.connect(self._ask_note)
        self.close_button.clicked.connect(self._ask_close)
        self.open_button.clicked.connect(self.open_selected)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.status_label = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        # Docked below the patient, the inbox is wide and short: the list on the left,
        # the actions and the selected alarm's history in a column on its right.
        side = QVBoxLayout()
        for button in (
            self.take_button,
            self.assign_button,
            self.note_button,
            self.close_button,
            self.open_button,
        ):
            side.addWidget(button)
        side.addWidget(self.history)
        side.addStretch(1)
        side.addWidget(self.status_label)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addLayout(side, 1)
        # Alarms are computed from the cached readings: say how old they are when offline.
        self.freshness_label = FreshnessLabel(workstation, compact=False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.freshness_label)
        layout.addLayout(filters)
        layout.addLayout(body, 1)
        self._on_selection()

    # -- data --------------------------------------------------------------------
    def refresh(self) -> None:
        self.status_label.setText(self.tr("Evaluating the rules…"))
        worker = Worker(lambda report, cancel: self._load())
        worker.signals.succeeded.connect(self._show)
        worker.signals.failed.connect(lambda exc: self.status_label.setText(user_message(exc)))
        worker.signals.finished.connect(
            lambda: self._workers.remove(worker) if worker in self._workers else None
        )
        self._workers.append(worker)
        worker.start()

    def _load(self) -> tuple[list[InboxItem], dict[str, str]]:
        items = self._workstation.alarm_inbox.items()
        names: dict[str, str] = {}
        for patient_id in {i.alarm.patient_id for i in items}:
            patient = self._workstation.patient(patient_id)
            if patient is not None:
                names[patient_id] = f"{patient.family_name} {patient.given_name}"
        return items, names

    def _show(self, loaded: tuple[list[InboxItem], dict[str, str]]) -> None:
        current = self.selected()
        key = current.alarm.key if current else None
        self.model.set_items(*loaded)
        self.status_label.setText(self.tr("%n alarm(s)", "", len(loaded[0])))
        if key is not None:
            self.select(key)
        self._on_selection()
        self.loaded.emit()

    def selected(self) -> InboxItem | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.items[self.proxy.mapToSource(rows[0]).row()]

    def select(self, alarm_key: str) -> bool:
        for row, item in enumerate(self.model.items):
            if item.alarm.key == alarm_key:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                if index.isValid():
                    self.table.selectRow(index.row())
                    return True
        return False

    def _on_status_filter(self) -> None:
        self.proxy.status = self.status_filter.currentData()
        self.proxy.invalidate()

    def _on_selection(self, *_: object) -> None:
        item = self.selected()
        for button in (self.take_button, self.assign_button, self.note_button, self.open_button):
            button.setEnabled(item is not None)
        self.close_button.setEnabled(item is not None and item.status is not AlarmStatus.CLOSED)
        self.history.setText(self._history_html(item) if item else "")

    def _history_html(self, item: InboxItem) -> str:
        names = {
            ActionKind.TAKE_CHARGE: self.tr("took charge"),
            ActionKind.ASSIGN: self.tr("assigned to {who}"),
            ActionKind.NOTE: self.tr("note"),
            ActionKind.CLOSE: self.tr("closed: {outcome}"),
        }
        lines = []
        for action in item.actions:
            what = names[action.kind].format(
                who=action.assignee,
                outcome=self.outcome_text(action.outcome) if action.outcome else "",
            )
            note = f" — «{action.text}»" if action.text else ""
            lines.append(f"{format_datetime(action.at)} — {action.author}: {what}{note}")
        for first, second in item.conflicts:
            lines.append(
                "<span style='color:#b71c1c'><b>"
                + self.tr(
                    "Conflict: {a} and {b} acted on this alarm from two workstations without "
                    "seeing each other. Agree who follows it, then take charge or assign."
                ).format(a=first.author, b=second.author)
                + "</b></span>"
            )
        return "<br>".join(lines) or self.tr("No action yet.")

    def outcome_text(self, outcome: Outcome) -> str:
        return {
            Outcome.CALLED_PATIENT: self.tr("called the patient"),
            Outcome.CHANGED_THERAPY: self.tr("changed therapy"),
            Outcome.BOOKED_VISIT: self.tr("booked a visit"),
            Outcome.NO_ACTION_NEEDED: self.tr("no action needed"),
        }[outcome]

    # -- actions -----------------------------------------------------------------
    def _act(
        self, kind: ActionKind, *, to: str = "", text: str = "", outcome: Outcome | None = None
    ) -> None:
        item = self.selected()
        if item is None:
            return
        inbox = self._workstation.alarm_inbox
        try:
            if kind is ActionKind.TAKE_CHARGE:
                inbox.take_charge(item.alarm)
            elif kind is ActionKind.ASSIGN:
                inbox.assign(item.alarm, to)
            elif kind is ActionKind.NOTE:
                inbox.add_note(item.alarm, text)
            elif outcome is not None:
                inbox.close(item.alarm, outcome, text)
        except Exception as exc:  # shown to the user in Italian; the log has the detail
            self.status_label.setText(user_message(exc))
            return
        self.refresh()

    def _ask_assign(self) -> None:
        who, ok = QInputDialog.getText(self, self.tr("Assign"), self.tr("Team member:"))
        if ok and who.strip():
            self._act(ActionKind.ASSIGN, to=who)

    def _ask_note(self) -> None:
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Note"), self.tr("Note:"))
        if ok and text.strip():
            self._act(ActionKind.NOTE, text=text)

    def _ask_close(self) -> None:
        outcomes = list(Outcome)
        labels = [self.outcome_text(o) for o in outcomes]
        chosen, ok = QInputDialog.getItem(
            self, self.tr("Close alarm"), self.tr("Outcome:"), labels, 0, False
        )
        if ok:
            self._act(ActionKind.CLOSE, outcome=outcomes[labels.index(chosen)])

    def open_selected(self) -> None:
        item = self.selected()
        if item is not None:
            self.open_alarm.emit(str(item.alarm.patient_id), item.alarm.reading.at.timestamp())
