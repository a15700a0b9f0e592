"""Recurring follow-ups ("every 2 weeks for 3 months", "every 8 weeks"): a series of
Appointments sharing one identifier, every occurrence checked before booking.

Occurrences keep the Rome wall-clock time of the first across DST changes: a
9:00 visit stays at 9:00 in summer and in winter (its UTC instant moves).
"""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from fse_desk.domain.rome_clock import ROME, at_rome, plus
from fse_desk.domain.scheduling import Appointment
from fse_desk.errors import InvalidRecord
from fse_desk.scheduling.agenda import Agenda
from fse_desk.scheduling.conflicts import Conflict, conflicts_of
from fse_desk.scheduling.hours import WorkingHours

MAX_OCCURRENCES = 60


@dataclass(frozen=True, slots=True)
class Recurrence:
    """Every ``every_weeks`` weeks until ``until`` (inclusive) or ``count`` times."""

    every_weeks: int
    count: int | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if self.every_weeks < 1:
            raise InvalidRecord("a series repeats at least every week", field="every_weeks")
        if (self.count is None) == (self.until is None):
            raise InvalidRecord("a series needs either a count or an end date", field="count")
        if self.count is not None and not 1 <= self.count <= MAX_OCCURRENCES:
            raise InvalidRecord(
                f"a series has 1 to {MAX_OCCURRENCES} occurrences, not {self.count}",
                field="count",
            )

    @classmethod
    def for_months(cls, every_weeks: int, months: int, first: date) -> Recurrence:
        """ "Every N weeks for M months" from ``first``."""
        year, month = divmod(first.month - 1 + months, 12)
        year, month = first.year + year, month + 1
        day = min(first.day, calendar.monthrange(year, month)[1])
        return cls(every_weeks, until=date(year, month, day))

    def dates(self, first: date) -> list[date]:
        out: list[date] = []
        step = timedelta(weeks=self.every_weeks)
        day = first
        while len(out) < MAX_OCCURRENCES:
            if self.count is not None and len(out) >= self.count:
                break
            if self.until is not None and day > self.until:
                break
            out.append(day)
            day += step
        return out


@dataclass(frozen=True, slots=True)
class Occurrence:
    appointment: Appointment
    conflicts: tuple[Conflict, ...]


def expand(template: Appointment, rule: Recurrence) -> list[Appointment]:
    """The occurrences of ``template`` (its first one), each with its own id and the
    series identifier, at the same Rome wall-clock time and length."""
    series_id = template.series_id or str(uuid.uuid4())
    local = template.start.astimezone(ROME)
    length = template.duration
    out: list[Appointment] = []
    for index, day in enumerate(rule.dates(local.date())):
        start = at_rome(day, local.timetz().replace(tzinfo=None))
        out.append(
            replace(
                template,
                id=template.id if index == 0 else str(uuid.uuid4()),
                start=start,
                end=plus(start, length),
                series_id=series_id,
                series_index=index + 1,
            )
        )
    return out


def check_series(
    occurrences: Sequence[Appointment],
    agenda: Agenda,
    hours: Mapping[str, WorkingHours],
    *,
    now: datetime | None = None,
    ignore: frozenset[str] = frozenset(),
) -> list[Occurrence]:
    """Every occurrence with its conflicts against the agenda (``ignore``: the
    appointments being replaced, when a series is moved)."""
    return [
        Occurrence(occurrence, conflicts_of(occurrence, agenda, hours, now=now, ignore=ignore))
        for occurrence in occurrences
    ]
