"""Agenda time: every wall-clock reading is Europe/Rome, whatever the laptop's zone.

Appointments are stored as aware datetimes (the FHIR ``instant`` carries its
offset); days, mornings and "every 2 weeks at 9:00" are Rome wall-clock notions,
so arithmetic on them is done on Rome dates and re-localised, never by adding
``timedelta(days=…)`` to an instant (which drifts by one hour across DST).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from fse_desk.domain.identifiers import ROME
from fse_desk.errors import InvalidRecord

__all__ = ["ROME", "at_rome", "day_bounds", "fhir_instant", "require_aware", "rome_date"]


def require_aware(value: datetime, field: str) -> datetime:
    """An agenda time without an offset is ambiguous: refuse it instead of guessing."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidRecord(f"{field} {value.isoformat()} has no time-zone offset", field=field)
    return value


def at_rome(day: date, clock: time) -> datetime:
    """The instant of ``clock`` on ``day`` in Rome.

    In the spring gap (02:00–03:00 on the last Sunday of March) a time that does
    not exist is moved forward past the gap; in the autumn repeat the first
    (summer-time) reading is taken (``fold=0``), as a person reading a clock would.
    """
    local = datetime.combine(day, clock, tzinfo=ROME)
    round_trip = local.astimezone(UTC).astimezone(ROME)  # same-zone astimezone is a no-op
    if round_trip.replace(tzinfo=None) != local.replace(tzinfo=None):
        return round_trip  # a non-existent wall time: the instant after the gap
    return local


def rome_date(value: datetime) -> date:
    return value.astimezone(ROME).date()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """Start and end of a Rome day (23 or 25 hours long on DST Sundays)."""
    return at_rome(day, time(0)), at_rome(day + timedelta(days=1), time(0))


def fhir_instant(value: datetime) -> str:
    """A FHIR ``instant`` with Rome's offset (``2026-03-29T09:00:00+02:00``)."""
    return require_aware(value, "instant").astimezone(ROME).isoformat(timespec="seconds")


def plus(instant: datetime, delta: timedelta) -> datetime:
    """``delta`` of real elapsed time after ``instant``, read in Rome.

    Python adds a timedelta to an aware datetime on the wall clock of its zone, so
    01:30 + 1 h on the spring Sunday would give a 02:30 that never exists; going
    through UTC gives 03:30.
    """
    return (instant.astimezone(UTC) + delta).astimezone(ROME)


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time between two instants (a same-zone subtraction counts wall-clock hours)."""
    return timedelta(seconds=end.timestamp() - start.timestamp())
