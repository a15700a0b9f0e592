"""FHIR date, dateTime and instant values as comparable UTC ranges.

A FHIR date has an implicit precision: ``2024-05`` means the whole of May
2024. Search compares *ranges*, so every value (in a resource or in a search
parameter) becomes ``(low, high)``: the first and last microsecond it covers,
written as fixed-width UTC text (``2024-05-01T00:00:00.000000Z``) so that SQLite
compares them correctly as plain strings. Values without a time zone are read
as UTC, the same on both sides of the comparison.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime, timedelta, timezone

DateRange = tuple[str, str]

MIN_INSTANT = "0001-01-01T00:00:00.000000Z"
MAX_INSTANT = "9999-12-31T23:59:59.999999Z"

_PATTERN = re.compile(
    r"^(?P<year>\d{4})"
    r"(?:-(?P<month>\d{2})"
    r"(?:-(?P<day>\d{2})"
    r"(?:T(?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:\.(?P<fraction>\d{1,9}))?)?"
    r"(?P<tz>Z|[+-]\d{2}:\d{2})?)?)?)?$"
)
_ONE_MICROSECOND = timedelta(microseconds=1)


def format_instant(moment: datetime) -> str:
    """Fixed-width UTC text with microseconds, e.g. ``2024-05-01T08:00:00.000001Z``."""
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="microseconds") + "Z"


def parse_instant(text: str) -> datetime:
    """An aware datetime from a formatted instant (see :func:`format_instant`)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def date_range(text: str) -> DateRange:
    """The UTC range a FHIR date/dateTime/instant covers; ``ValueError`` if malformed.

    A space where the zone sign should be is read as ``+``: an unencoded ``+``
    in a query string arrives as a space, and real servers forgive it too.
    """
    match = _PATTERN.match(text.strip().replace(" ", "+"))
    if match is None:
        raise ValueError(f"not a FHIR date or dateTime: {text!r}")
    parts = match.groupdict()
    year = int(parts["year"])
    month = int(parts["month"] or 1)
    day = int(parts["day"] or 1)
    hour = int(parts["hour"] or 0)
    minute = int(parts["minute"] or 0)
    second = int(parts["second"] or 0)
    fraction = parts["fraction"] or ""
    microsecond = int(fraction[:6].ljust(6, "0")) if fraction else 0
    zone = _zone(parts["tz"])
    try:
        low = datetime(year, month, day, hour, minute, second, microsecond, tzinfo=zone)
    except ValueError as exc:
        raise ValueError(f"not a valid calendar date: {text!r}") from exc
    high = _end_of_precision(low, parts)
    return _clamped(low), _clamped(high)


def _zone(text: str | None) -> timezone:
    if text is None or text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    hours, minutes = int(text[1:3]), int(text[4:6])
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _end_of_precision(low: datetime, parts: dict[str, str | None]) -> datetime:
    """The last microsecond still inside the value's precision."""
    if parts["month"] is None:
        return low.replace(month=12, day=31, hour=23, minute=59, second=59, microsecond=999999)
    if parts["day"] is None:
        last_day = calendar.monthrange(low.year, low.month)[1]
        return low.replace(day=last_day, hour=23, minute=59, second=59, microsecond=999999)
    if parts["hour"] is None:
        return low.replace(hour=23, minute=59, second=59, microsecond=999999)
    if parts["second"] is None:
        return low.replace(second=59, microsecond=999999)
    fraction = parts["fraction"] or ""
    if len(fraction) >= 6:
        return low
    step = 10 ** (6 - len(fraction))
    return low + timedelta(microseconds=step) - _ONE_MICROSECOND


def _clamped(moment: datetime) -> str:
    try:
        return format_instant(moment)
    except OverflowError:
        return MIN_INSTANT if moment.year < 2 else MAX_INSTANT
