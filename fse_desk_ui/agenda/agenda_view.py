"""The Agenda view (team level): day or week, one professional or the whole team,
coloured by visit type, driven from the keyboard; today's remote visits beside it
with the desk's statuses (arrived, no-show) and "Start televisit".

Keys: Page Up / Page Down previous / next day or week, Ctrl+T today, Ctrl+D day,
Ctrl+W week, arrows move through the grid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fse_desk.domain.rome_clock import ROME, at_rome, rome_date
from fse_desk.domain.scheduling import Appointment, AppointmentStatus, VisitType
from fse_desk.errors import FseDeskError
from fse_desk.scheduling.service import AgendaService, SlotRace
from fse_desk_ui.agenda.cell_delegate import CellDelegate
from fse_desk_ui.agenda.grid_model import AgendaGridModel
from fse_desk_ui.agenda.labels import VISIT_COLOURS, status_label, visit_label
from fse_desk_ui.agenda.room import RoomLink, open_room
from fse_desk_ui.agenda.week_layout import GridLayout, lay_out
from fse_desk_ui.formatting import format_date
from fse_desk_ui.messages import user_message
from fse_desk_ui.workers import Worker

DAYS_IN_WEEK = 5  # the Casa della Salute works Monday to Friday
ALL = ""  # the "whole team" choice

PatientName = Callable[[str], str]  # patient id -> display name (from the cache)


@dataclass(frozen=True, slots=True)
class _Period:
    """What one refresh shows, read off the GUI thread."""

    days: tuple[date, ...]
    who: str
    columns: tuple[tuple[str, str], ...]  # (reference, display) of the professionals shown
    shown: tuple[Appointment, ...]
    todays: tuple[Appointment, ...]
    names: dict[str, str]  # patient id -> display name
    grid: GridLayout  # the cells, laid out on the worker thread
    races: tuple[SlotRace, ...] = ()  # slots another workstation took first

    def patient_of(self, appointment: Appointment) -> str:
        patient = appointment.patient
        if patient is None:
            return ""
        return self.names.get(patient.reference.removeprefix("Patient/"), "")


class AgendaView(QWidget):
    changed = Signal()  # the desk changed a status: the outbox has work
    loaded = Signal()  # a refresh has been drawn

    def __init__(
        self,
        agenda: AgendaService,
        patient_name: PatientName,
        room_link: RoomLink,
        *,
        today: Callable[[], date] = lambda: rome_date(datetime.now(UTC)),
        freshness: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``freshness``: the line saying how old the agenda is when it may not be current."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Agenda"))
        self.freshness_label = freshness
        self._agenda = agenda
        self._patient_name = patient_name
        self._room_link = room_link
        self._today = today
        self.day = today()
        self.week_mode = True
        self.shown: list[Appointment] = []
        self._generation = 0
        self._stale = True  # read again when next shown (a hidden tab does not read)

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
        self.model = AgendaGridModel()
        self.grid = QTableView()
        self.grid.setModel(self.model)
        self.grid.setItemDelegate(CellDelegate(self.grid))
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Lines are cut, not wrapped: wrapping every cell's text made a team week take
        # hundreds of milliseconds to lay out (bench/agenda_week_bench.py); the full
        # text is in the tooltip.
        self.grid.setWordWrap(False)
        self.grid.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.today_list = QListWidget()
        self.arrived_button = QPushButton(self.tr("Arrived"))
        self.noshow_button = QPushButton(self.tr("No-show"))
        self.start_button = QPushButton(self.tr("Start televisit"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.races: tuple[SlotRace, ...] = ()
        self._race_patient: Callable[[Appointment], str] = lambda _appointment: ""
        self.race_label = QLabel()
        self.race_label.setWordWrap(True)
        self.race_button = QPushButton(self.tr("Choose…"))
        self.race_button.clicked.connect(self.settle_next_race)
        race_row = QHBoxLayout()
        race_row.addWidget(self.race_label, 1)
        race_row.addWidget(self.race_button)
        self.race_label.hide()
        self.race_button.hide()

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
        if freshness is not None:
            layout.addWidget(freshness)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addLayout(race_row)
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
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the period off the GUI thread, then draw it (``loaded`` when shown).
        While hidden (another tab on screen) it only notes that it must read again."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._generation += 1
        generation = self._generation
        days, who, today = self.days(), self.who.currentData(), self._today()
        labels = {v: visit_label(v) for v in VISIT_COLOURS}  # translated here, on the GUI thread
        worker = Worker(lambda _report, _cancel: self._load(days, who, today, labels))
        worker.signals.succeeded.connect(
            lambda period: self._apply(period) if generation == self._generation else None
        )
        worker.signals.failed.connect(lambda exc: self.message.setText(user_message(exc)))
        worker.start()

    def _load(
        self, days: list[date], who: str, today: date, labels: dict[VisitType, str]
    ) -> _Period:
        """Everything the period shows, read from the cache and laid out (runs on a
        worker thread: the GUI thread only swaps the model and paints)."""
        team = [(p.reference, p.display) for p in self._agenda.team()]
        start = at_rome(days[0], time(0))
        end = at_rome(days[-1] + timedelta(days=1), time(0))
        actors = None if who == ALL else [who]
        shown = [a for a in self._agenda.between(start, end, actors) if a.status.occupies_time]
        todays = [
            a
            for a in self._agenda.between(
                at_rome(today, time(0)), at_rome(today + timedelta(days=1), time(0))
            )
            if a.visit_type.remote and a.status is not AppointmentStatus.CANCELLED
        ]
        names: dict[str, str] = {}
        for appointment in (*shown, *todays):
            patient = appointment.patient
            if patient is not None:
                key = patient.reference.removeprefix("Patient/")
                if key not in names:
                    names[key] = patient.display or self._patient_name(key)
        columns = tuple((r, d) for r, d in team if who in (ALL, r))
        period = _Period(
            tuple(days),
            who,
            columns,
            tuple(shown),
            tuple(sorted(todays, key=lambda a: a.start)),
            names,
            GridLayout((), (), {}, 1),
            tuple(self._agenda.races()),
        )
        grid = lay_out(days, columns, shown, period.patient_of, labels, whole_team=who == ALL)
        return replace(period, grid=grid)

    def _apply(self, period: _Period) -> None:
        self.shown = list(period.shown)
        days = list(period.days)
        week = len(days) > 1
        # One height for all rows, from the busiest cell: measuring each cell
        # (resizeRowsToContents) costs more than the whole rest of the drawing.
        height = self.grid.fontMetrics().lineSpacing() * period.grid.most_lines + 8
        header = self.grid.verticalHeader()
        if header.defaultSectionSize() != height:
            header.setDefaultSectionSize(height)
        self.model.show(period.grid)
        if week:
            self.period_label.setText(
                self.tr("Week {first} – {last}").format(
                    first=format_date(days[0]), last=format_date(days[-1])
                )
            )
        else:
            self.period_label.setText(format_date(days[0]))
        self._show_today(period.todays, period.patient_of)
        self._show_races(period.races, period.patient_of)
        self.loaded.emit()

    def _show_races(
        self, races: tuple[SlotRace, ...], patient_of: Callable[[Appointment], str]
    ) -> None:
        self.races = races
        self._race_patient = patient_of
        self.race_label.setVisible(bool(races))
        self.race_button.setVisible(bool(races))
        if races:
            self.race_label.setText(
                self.tr(
                    "%n time(s) you booked were taken by another workstation first. "
                    "Nothing was overwritten: choose what to do.",
                    "",
                    len(races),
                )
            )

    # -- a slot two workstations took --------------------------------------------------
    def settle_next_race(self) -> None:
        if not self.races:
            return
        race = self.races[0]
        describe = self._race_patient

        def lines(bookings: tuple[Appointment, ...]) -> str:
            return "\n".join(
                f"  {format_date(a.start.astimezone(ROME).date())} "
                f"{a.start.astimezone(ROME):%H:%M} {describe(a)} — {visit_label(a.visit_type)}"
                for a in bookings
            )

        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Time taken by another workstation"))
        box.setText(
            self.tr("Your booking:\n{mine}\n\nThe booking already on the FSE:\n{theirs}").format(
                mine=lines(race.mine), theirs=lines(race.theirs)
            )
        )
        keep = box.addButton(self.tr("Keep both"), QMessageBox.ButtonRole.AcceptRole)
        cancel_mine = box.addButton(self.tr("Cancel mine"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Decide later"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if clicked not in (keep, cancel_mine):
            return
        try:
            self._agenda.settle_race(race, keep_mine=clicked is keep)
        except FseDeskError as exc:
            self.message.setText(user_message(exc))
            return
        self.refresh()
        self.changed.emit()

    def _show_today(
        self, todays: tuple[Appointment, ...], patient_of: Callable[[Appointment], str]
    ) -> None:
        current = self.today_list.currentRow()
        self.today_list.clear()
        for appointment in todays:
            item = QListWidgetItem(
                f"{appointment.start.astimezone(ROME):%H:%M} {patient_of(appointment)} — "
                f"{visit_label(appointment.visit_type)} "
                f"({', '.join(p.display for p in appointment.professionals)}) · "
                f"{status_label(appointment.status)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, appointment.id)
            item.setBackground(VISIT_COLOURS[appointment.visit_type])
            self.today_list.addItem(item)
        if 0 <= current < self.today_list.count():
            self.today_list.setCurrentRow(current)

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
        self.refresh()
        self.changed.emit()

    def start_televisit(self) -> str:
        chosen = self._chosen()
        if chosen is None or not chosen.room:
            return ""
        return open_room(self._room_link, chosen, self.message)
