"""Europe/Rome wall-clock helpers that need no time-zone database.

All generated times are naive local (Rome) datetimes; the offset is computed from
the EU summer-time rule (last Sunday of March to last Sunday of October), so the
output does not depend on the host's tzdata.
"""

from __future__ import annotations

import functools
import random
from datetime import date, datetime, timedelta


@functools.lru_cache(maxsize=256)
def _last_sunday(year: int, month: int) -> date:
    day = date(year, month, 31)  # March and October both have 31 days
    return day - timedelta(days=(day.weekday() + 1) % 7)


def rome_offset_hours(local: datetime) -> int:
    """+2 during Italian summer time, +1 otherwise."""
    start = datetime.combine(_last_sunday(local.year, 3), datetime.min.time()).replace(hour=2)
    end = datetime.combine(_last_sunday(local.year, 10), datetime.min.time()).replace(hour=3)
    return 2 if start <= local < end else 1


def fhir_instant(local: datetime) -> str:
    """``2024-03-05T10:12:00+01:00``."""
    return f"{local.strftime('%Y-%m-%dT%H:%M:%S')}+0{rome_offset_hours(local)}:00"


def cda_ts(local: datetime) -> str:
    """``20240305101200+0100`` (HL7 TS with offset)."""
    return f"{local.strftime('%Y%m%d%H%M%S')}+0{rome_offset_hours(local)}00"


def it_date(day: date) -> str:
    """``05/03/2024``: dates as an Italian reader writes them."""
    return day.strftime("%d/%m/%Y")


def working_time(
    rng: random.Random, day: date, start_hour: int = 8, end_hour: int = 17
) -> datetime:
    """A plausible office time on ``day``, moved off Sundays."""
    if day.weekday() == 6:
        day = day + timedelta(days=1)
    minute = rng.randrange(start_hour * 60, end_hour * 60)
    return datetime(day.year, day.month, day.day, minute // 60, minute % 60, 0)


def any_time(rng: random.Random, day: date) -> datetime:
    """Any time of day (emergency department arrivals)."""
    minute = rng.randrange(0, 24 * 60)
    return datetime(day.year, day.month, day.day, minute // 60, minute % 60, 0)


def random_day(rng: random.Random, start: date, end: date) -> date:
    """Uniform day in ``[start, end]`` (``start`` if the span is empty)."""
    span = (end - start).days
    return start if span <= 0 else start + timedelta(days=rng.randrange(span + 1))
