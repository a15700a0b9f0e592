"""Home blood pressure protocol: two readings morning and evening for 7 days, the first
day discarded, the rest averaged; hypertension at a mean of 135/85 mmHg or more."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from fse_desk.domain.reading_track import Track
from fse_desk.domain.telemonitoring import Parameter

PROTOCOL_DAYS = 7
HYPERTENSION_SYSTOLIC = 135.0
HYPERTENSION_DIASTOLIC = 85.0
MIN_READINGS = 12  # fewer averaged readings than this: not enough for a verdict


_EPOCH = date(1970, 1, 1)


class HomeBpVerdict(enum.Enum):
    HYPERTENSION = "hypertension"
    NORMAL = "normal"
    INSUFFICIENT = "insufficient"


@dataclass(frozen=True, slots=True)
class HomeBpResult:
    verdict: HomeBpVerdict
    first_day: date | None
    last_day: date | None
    readings_used: int
    mean_systolic: float | None = None
    mean_diastolic: float | None = None


def home_bp_protocol(track: Track, last_day: date | None = None) -> HomeBpResult:
    """The protocol over the 7 calendar days (Europe/Rome) ending on ``last_day`` (default:
    the day of the latest reading); day 1 of the 7 is discarded."""
    if track.parameter is not Parameter.BLOOD_PRESSURE or len(track) == 0:
        return HomeBpResult(HomeBpVerdict.INSUFFICIENT, None, None, 0)
    days = track.local_days()
    last = (last_day - _EPOCH).days if last_day else int(days[-1])
    first = last - (PROTOCOL_DAYS - 1)
    used = track.values[(days > first) & (days <= last)]
    first_day, last_day = _EPOCH + timedelta(days=first), _EPOCH + timedelta(days=last)
    if len(used) < MIN_READINGS:
        return HomeBpResult(HomeBpVerdict.INSUFFICIENT, first_day, last_day, len(used))
    systolic = float(used[:, 0].mean())
    diastolic = float(used[:, 1].mean())
    high = (
        round(systolic, 3) >= HYPERTENSION_SYSTOLIC or round(diastolic, 3) >= HYPERTENSION_DIASTOLIC
    )
    verdict = HomeBpVerdict.HYPERTENSION if high else HomeBpVerdict.NORMAL
    return HomeBpResult(verdict, first_day, last_day, len(used), systolic, diastolic)
