"""The agenda grid laid out off the GUI thread: which appointments fall in which
half-hour cell and the lines each cell shows, so the GUI thread only swaps the
model and paints what is in view (bench/agenda_week_bench.py).

No Qt here: it runs on a worker thread; the words it needs (visit types) are
translated on the GUI thread and handed in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from fse_desk.domain.rome_clock import ROME
from fse_desk.domain.scheduling import Appointment, VisitType
from fse_desk_ui.formatting import format_date

FIRST_HOUR = 8
LAST_HOUR = 19
ROW_MINUTES = 30
MAX_LINES = 6  # a busier cell is cut; its tooltip lists everything


@dataclass(frozen=True, slots=True)
class Cell:
    lines: tuple[str, ...]
    visit: VisitType  # of its first appointment: the cell's colour
    appointment_ids: tuple[str, ...]
    details: str  # the tooltip: every line in full


@dataclass(frozen=True, slots=True)
class GridLayout:
    times: tuple[str, ...]  # row headers, "08:00"…
    headers: tuple[str, ...]  # the days of the week, or the professionals of the day
    cells: dict[tuple[int, int], Cell]
    most_lines: int  # of the busiest cell (at most MAX_LINES): one height for every row


def lay_out(
    days: Sequence[date],
    columns: Sequence[tuple[str, str]],
    shown: Sequence[Appointment],
    patient_of: Callable[[Appointment], str],
    labels: Mapping[VisitType, str],
    *,
    whole_team: bool,
) -> GridLayout:
    """A week has a column per day; a day has a column per professional (``columns``:
    reference and name). The whole team's week has no room for the visit type (its
    colour says it): each line says whose the visit is instead."""
    week = len(days) > 1
    rows = (LAST_HOUR - FIRST_HOUR) * 60 // ROW_MINUTES
    column_of_day = {d: n for n, d in enumerate(days)}
    column_of_actor = {r: n for n, (r, _) in enumerate(columns)}
    placed: dict[tuple[int, int], list[Appointment]] = {}
    for appointment in shown:
        local = appointment.start.astimezone(ROME)
        row = ((local.hour - FIRST_HOUR) * 60 + local.minute) // ROW_MINUTES
        row = min(max(row, 0), rows - 1)
        if week:
            column = column_of_day.get(local.date())
            if column is not None:
                placed.setdefault((row, column), []).append(appointment)
        else:
            for p in appointment.professionals:
                if p.reference in column_of_actor:
                    placed.setdefault((row, column_of_actor[p.reference]), []).append(appointment)
    team_week = week and whole_team
    cells: dict[tuple[int, int], Cell] = {}
    most = 1
    for key, items in placed.items():
        items.sort(key=lambda a: (a.start, a.id))
        lines: list[str] = []
        full: list[str] = []
        for a in items:
            when = f"{a.start.astimezone(ROME):%H:%M} {patient_of(a)}"
            surnames = ", ".join(p.display.split()[-1] for p in a.professionals if p.display)
            lines.append(
                f"{when} · {surnames}" if team_week else f"{when} — {labels[a.visit_type]}"
            )
            everyone = ", ".join(p.display for p in a.professionals if p.display)
            full.append(f"{when} — {labels[a.visit_type]} — {everyone}")
        cells[key] = Cell(
            tuple(lines), items[0].visit_type, tuple(a.id for a in items), "\n".join(full)
        )
        most = max(most, len(lines))
    times = tuple(
        f"{FIRST_HOUR + r * ROW_MINUTES // 60:02d}:{r * ROW_MINUTES % 60:02d}" for r in range(rows)
    )
    headers = tuple(format_date(d) for d in days) if week else tuple(d for _, d in columns)
    return GridLayout(times, headers, cells, min(most, MAX_LINES))
