"""The first free times common to several participants ("the patient with the MMG
and the nurse, next 2 weeks, mornings").

Day by day (Rome days, so DST days have their true length): the opening hours
every professional shares, cut to the part of the day asked, minus everyone's
bookings; the first start on the quarter hour where the visit fits is proposed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from fse_desk.domain.rome_clock import ROME, require_aware, rome_date
from fse_desk.scheduling.agenda import Agenda
from fse_desk.scheduling.hours import PartOfDay, WorkingHours, part_of_day_interval

Seconds = tuple[float, float]


@dataclass(frozen=True, slots=True)
class SlotQuery:
    participants: tuple[str, ...]  # references: the patient and the professionals
    start: datetime  # the window searched
    end: datetime
    duration: timedelta
    part_of_day: PartOfDay = PartOfDay.ANY
    step: timedelta = timedelta(minutes=15)
    limit: int = 5


@dataclass(frozen=True, slots=True)
class FreeSlot:
    start: datetime
    end: datetime


def find_common_slots(
    agenda: Agenda, hours: Mapping[str, WorkingHours], query: SlotQuery
) -> list[FreeSlot]:
    """Up to ``query.limit`` free times, earliest first, where all participants are free
    and every professional (those in ``hours``) works."""
    require_aware(query.start, "start")
    require_aware(query.end, "end")
    duration = query.duration.total_seconds()
    step = query.step.total_seconds()
    window = (query.start.timestamp(), query.end.timestamp())
    found: list[FreeSlot] = []
    day, last = rome_date(query.start), rome_date(query.end)
    while day <= last and len(found) < query.limit:
        part = _seconds(part_of_day_interval(day, query.part_of_day))
        open_ = _intersect([part], [window])
        for actor in query.participants:
            if not open_:
                break
            working = hours.get(actor)
            if working is not None:
                open_ = _intersect(open_, [_seconds(i) for i in working.intervals(day)])
        if open_:
            busy = _busy(agenda, query.participants, open_[0][0], open_[-1][1])
            for free_start, free_end in _subtract(open_, busy):
                start = math.ceil(free_start / step) * step
                while start + duration <= free_end and len(found) < query.limit:
                    found.append(
                        FreeSlot(
                            datetime.fromtimestamp(start, ROME),
                            datetime.fromtimestamp(start + duration, ROME),
                        )
                    )
                    start += step
        day += timedelta(days=1)
    return found


def _seconds(interval: tuple[datetime, datetime]) -> Seconds:
    return interval[0].timestamp(), interval[1].timestamp()


def _intersect(left: Sequence[Seconds], right: Sequence[Seconds]) -> list[Seconds]:
    out: list[Seconds] = []
    for a_start, a_end in left:
        for b_start, b_end in right:
            start, end = max(a_start, b_start), min(a_end, b_end)
            if start < end:
                out.append((start, end))
    out.sort()
    return out


def _busy(agenda: Agenda, actors: Sequence[str], start: float, end: float) -> list[Seconds]:
    intervals = sorted(
        (entry[0], entry[1]) for actor in actors for entry in agenda.busy(actor, start, end)
    )
    merged: list[Seconds] = []
    for s, e in intervals:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _subtract(open_: Sequence[Seconds], busy: Sequence[Seconds]) -> list[Seconds]:
    out: list[Seconds] = []
    for start, end in open_:
        cursor = start
        for b_start, b_end in busy:
            if b_end <= cursor or b_start >= end:
                continue
            if b_start > cursor:
                out.append((cursor, b_start))
            cursor = max(cursor, b_end)
        if cursor < end:
            out.append((cursor, end))
    return out
