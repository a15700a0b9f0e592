"""The Agenda view (team level): day or week, one professional or the whole team,
coloured by visit type, driven from the keyboard; today's remote visits beside it
with the desk's statuses (arrived, no-show) and "Start televisit".

Keys: Page Up / Page Down previous / next day or week, Ctrl+T today, Ctrl+D day,
Ctrl+W week, arrows move through the grid.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fse_desk.errors import FseDeskError
from fse_desk.scheduling.clock import ROME, at_rome, rome_date
from fse_desk.scheduling.model import Appointment, AppointmentStatus
from fse_desk.scheduling.service import AgendaService
from ui.agenda.labels import VISIT_COLOURS, status_label, visit_label
from ui.formatting import format_date
from ui.messages import user_message

FIRST_HOUR = 8
LAST_HOUR = 19
ROW_MINUTES = 30
DAYS_IN_WEEK = 5  # the Casa della Salute works Monday to Friday
ALL = ""  # the "whole team" choice

PatientName = Callable[[str], str]  # patient id -> display name (from the cache)
RoomLink = Callable[[Appointment, bool], str]


class AgendaView(QWidget):
    changed = Signal()

    def __init__(
        self,
        agenda: AgendaService,
        patient_name: PatientName,
        room_link: RoomLink,
        *,
        today: Callable[[], date] = lambda: rome_date(datetime.now(UTC)),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Agenda"))
        self._agenda = agenda
        self._patient_name = patient_name
        self._room_link = room_link
        self._today = today
        self.day = today()
        self.week_mode = True
        self.shown: list[Appointment] = []

        self.previous_button = QPushButton("◀")
        self.today_button = QPushButton(self.tr("Today"))
        self.next_button = QPushButton("▶")
        self.period_label = QLabel()
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Week"), True)
        self.mode.addItem(self.tr("Day"), False)
        self.who = QComboBox()
        self.who.addItem(self.tr("Whole team"), ALL)
        for professional in agenda.team():
            self.who.addItem(professional.display, professional.reference)
        self.grid = QTableWidget()
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(True)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.today_list = QListWidget()
        self.arrived_button = QPushButton(self.tr("Arrived"))
        self.noshow_button = QPushButton(self.tr("No-show"))
        self.start_button = QPushButton(self.tr("Start televisit"))
        self.message = QLabel()
        self.message.setWordWrap(True)

        bar = QHBoxLayout()
        for widget in (self.previous_button, self.today_button, self.next_button):
            bar.addWidget(widget)
        bar.addWidget(self.period_label, 1)
        bar.addWidget(self.mode)
        bar.addWidget(self.who)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(QLabel(self.tr("Today's remote visits")))
        side_layout.addWidget(self.today_list, 1)
        buttons = QHBoxLayout()
        for button in (self.arrived_button, self.noshow_button, self.start_button):
            buttons.addWidget(button)
        side_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.grid)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_today)
        self.mode.currentIndexChanged.connect(lambda *_: self._set_mode(self.mode.currentData()))
        self.who.currentIndexChanged.connect(lambda *_: self.refresh())
        self.arrived_button.clicked.connect(lambda: self.set_status(AppointmentStatus.ARRIVED))
        self.noshow_button.clicked.connect(lambda: self.set_status(AppointmentStatus.NOSHOW))
        self.start_button.clicked.connect(self.start_televisit)
        keys = (
            (QKeySequence.StandardKey.MoveToPreviousPage, lambda: self.step(-1)),
            (QKeySequence.StandardKey.MoveToNextPage, lambda: self.step(1)),
            (QKeySequence("Ctrl+T"), self.go_today),
            (QKeySequence("Ctrl+D"), lambda: self.mode.setCurrentIndex(1)),
            (QKeySequence("Ctrl+W"), lambda: self.mode.setCurrentIndex(0)),
        )
        for sequence, action in keys:
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
        self.refresh()

    # -- navigation ---------------------------------------------------------------------
    def _set_mode(self, week: bool) -> None:
        self.week_mode = week
        self.refresh()

    def step(self, steps: int) -> None:
        self.day += timedelta(days=7 * steps if self.week_mode else steps)
        if not self.week_mode:
            while self.day.weekday() >= DAYS_IN_WEEK:
                self.day += timedelta(days=1 if steps > 0 else -1)
        self.refresh()

    def go_today(self) -> None:
        self.day = self._today()
        self.refresh()

    def days(self) -> list[date]:
        if not self.week_mode:
            return [self.day]
        monday = self.day - timedelta(days=self.day.weekday())
        return [monday + timedelta(days=n) for n in range(DAYS_IN_WEEK)]

    # -- drawing ------------------------------------------------------------------------
    def refresh(self) -> None:
        days = self.days()
        who = self.who.currentData()
        team = [(p.reference, p.display) for p in self._agenda.team()]
        columns_people = [(r, d) for r, d in team if who in (ALL, r)]
        start = at_rome(days[0], time(0))
        end = at_rome(days[-1] + timedelta(days=1), time(0))
        actors = None if who == ALL else [who]
        self.shown = [a for a in self._agenda.between(start, end, actors) if a.status.occupies_time]
        names: dict[str, str] = {}

        def patient_of(appointment: Appointment) -> str:
            patient = appointment.patient
            if patient is None:
                return ""
            key = patient.reference.removeprefix("Patient/")
            if key not in names:
                names[key] = patient.display or self._patient_name(key)
            return names[key]

        if self.week_mode:
            headers = [format_date(d) for d in days]
            column_of = {d: n for n, d in enumerate(days)}
        else:
            headers = [d for _, d in columns_people]
            column_of_actor = {r: n for n, (r, _) in enumerate(columns_people)}
        rows = (LAST_HOUR - FIRST_HOUR) * 60 // ROW_MINUTES
        self.grid.setUpdatesEnabled(False)
        self.grid.clear()
        self.grid.setRowCount(rows)
        self.grid.setColumnCount(len(headers))
        self.grid.setHorizontalHeaderLabels(headers)
        self.grid.setVerticalHeaderLabels(
            [
                f"{FIRST_HOUR + r * ROW_MINUTES // 60:02d}:{r * ROW_MINUTES % 60:02d}"
                for r in range(rows)
            ]
        )
        cells: dict[tuple[int, int], list[Appointment]] = {}
        for appointment in self.shown:
            local = appointment.start.astimezone(ROME)
            row = ((local.hour - FIRST_HOUR) * 60 + local.minute) // ROW_MINUTES
            row = min(max(row, 0), rows - 1)
            if self.week_mode:
                cells.setdefault((row, column_of[local.date()]), []).append(appointment)
            else:
                for p in appointment.professionals:
                    if p.reference in column_of_actor:
                        cells.setdefault((row, column_of_actor[p.reference]), []).append(
                            appointment
                        )
        for (row, column), items in cells.items():
            lines = []
            for a in sorted(items, key=lambda x: x.start):
                with_whom = (
                    ""
                    if not self.week_mode or who != ALL
                    else (" · " + ", ".join(p.display for p in a.professionals))
                )
                lines.append(
                    f"{a.start.astimezone(ROME):%H:%M} {patient_of(a)} — "
                    f"{visit_label(a.visit_type)}{with_whom}"
                )
            cell = QTableWidgetItem("\n".join(lines))
            cell.setBackground(VISIT_COLOURS[items[0].visit_type])
            cell.setData(Qt.ItemDataRole.UserRole, [a.id for a in items])
            cell.setToolTip("\n".join(lines))
            self.grid.setItem(row, column, cell)
        self.grid.resizeRowsToContents()
        self.grid.setUpdatesEnabled(True)
        if self.week_mode:
            self.period_label.setText(
                self.tr("Week {first} – {last}").format(
                    first=format_date(days[0]), last=format_date(days[-1])
                )
            )
        else:
            self.period_label.setText(format_date(self.day))
        self._refresh_today(patient_of)

    def _refresh_today(self, patient_of: Callable[[Appointment], str]) -> None:
        today = self._today()
        start = at_rome(today, time(0))
        todays = [
            a
            for a in self._agenda.between(start, at_rome(today + timedelta(days=1), time(0)))
            if a.visit_type.remote and a.status is not AppointmentStatus.CANCELLED
        ]
        self.today_list.clear()
        for appointment in sorted(todays, key=lambda a: a.start):
            item = QListWidgetItem(
                f"{appointment.start.astimezone(ROME):%H:%M} {patient_of(appointment)} — "
                f"{visit_label(appointment.visit_type)} "
                f"({', '.join(p.display for p in appointment.professionals)}) · "
                f"{status_label(appointment.status)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, appointment.id)
            item.setBackground(VISIT_COLOURS[appointment.visit_type])
            self.today_list.addItem(item)

    # -- the desk's actions on today's visits --------------------------------------------
    def _chosen(self) -> Appointment | None:
        item = self.today_list.currentItem()
        return self._agenda.get(str(item.data(Qt.ItemDataRole.UserRole))) if item else None

    def set_status(self, status: AppointmentStatus) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        try:
            self._agenda.set_status(chosen.id, status)
        except FseDeskError as exc:
            self.message.setText(user_message(exc))
            return
        row = self.today_list.currentRow()
        self.refresh()
        self.today_list.setCurrentRow(row)
        self.changed.emit()

    def start_televisit(self) -> str:
        chosen = self._chosen()
        if chosen is None or not chosen.room:
            return ""
        try:
            link = self._room_link(chosen, False)
        except FseDeskError as exc:
            self.message.setText(user_message(exc))
            return ""
        QDesktopServices.openUrl(QUrl(link))
        return link
