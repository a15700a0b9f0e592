"""Opening hours of a professional, in Rome wall-clock time, and parts of the day."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from fse_desk.domain.rome_clock import at_rome, rome_date

Interval = tuple[datetime, datetime]

_WEEKDAYS = (0, 1, 2, 3, 4)  # Monday to Friday
_DEFAULT_SESSIONS = ((time(8, 0), time(13, 0)), (time(14, 0), time(18, 0)))


class PartOfDay(enum.Enum):
    """The filter a desk asks for: "mornings", "afternoons"; noon splits them."""

    ANY = "any"
    MORNING = "morning"
    AFTERNOON = "afternoon"

    def bounds(self) -> tuple[time, time | None]:
        if self is PartOfDay.MORNING:
            return time(0), time(13, 0)
        if self is PartOfDay.AFTERNOON:
            return time(13, 0), None
        return time(0), None


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """Sessions per weekday (0 = Monday); the default is a Casa della Salute week."""

    sessions: Mapping[int, tuple[tuple[time, time], ...]] = field(
        default_factory=lambda: {day: _DEFAULT_SESSIONS for day in _WEEKDAYS}
    )

    def intervals(self, day: date) -> list[Interval]:
        """The sessions of ``day`` as instants (DST days included)."""
        return [(at_rome(day, a), at_rome(day, b)) for a, b in self.sessions.get(day.weekday(), ())]

    def covers(self, start: datetime, end: datetime) -> bool:
        """Whether [start, end) lies inside one session of its Rome day."""
        return any(a <= start and end <= b for a, b in self.intervals(rome_date(start)))


ALWAYS_OPEN = WorkingHours({day: ((time(0), time(23, 59, 59)),) for day in range(7)})
"""For participants without hours (the patient): only their bookings constrain them."""


def part_of_day_interval(day: date, part: PartOfDay) -> Interval:
    first, last = part.bounds()
    end = at_rome(day, last) if last is not None else at_rome(day + timedelta(days=1), time(0))
    return at_rome(day, first), end
