"""Reschedule or cancel one occurrence of a series, or it and the rest that follow."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime

from fse_desk.domain.rome_clock import ROME, at_rome
from fse_desk.domain.scheduling import Appointment, AppointmentStatus
from fse_desk.errors import InvalidRecord


class Scope(enum.Enum):
    THIS = "this"  # only this occurrence
    THIS_AND_FOLLOWING = "following"  # this one and the later ones of its series


def affected(target: Appointment, series: Iterable[Appointment], scope: Scope) -> list[Appointment]:
    """The open appointments a change to ``target`` applies to, in order."""
    if scope is Scope.THIS or target.series_id is None:
        return [target]
    members = [
        a
        for a in series
        if a.series_id == target.series_id
        and a.status.open
        and (a.id == target.id or a.start >= target.start)
    ]
    return sorted(members, key=lambda a: a.start)


def cancel(target: Appointment, series: Iterable[Appointment], scope: Scope) -> list[Appointment]:
    _require_open(target)
    return [a.with_status(AppointmentStatus.CANCELLED) for a in affected(target, series, scope)]


def reschedule(
    target: Appointment, new_start: datetime, series: Iterable[Appointment], scope: Scope
) -> list[Appointment]:
    """Move ``target`` to ``new_start``; with the rest of the series, each later one moves
    by the same number of days to the same new Rome wall-clock time (DST-safe)."""
    _require_open(target)
    old = target.start.astimezone(ROME)
    new = new_start.astimezone(ROME)
    shift = new.date() - old.date()
    moved: list[Appointment] = []
    for appointment in affected(target, series, scope):
        day = appointment.start.astimezone(ROME).date() + shift
        moved.append(appointment.moved(at_rome(day, new.time())))
    return moved


def _require_open(target: Appointment) -> None:
    if not target.status.open:
        raise InvalidRecord(
            f"appointment {target.id} is {target.status.value}: it can no longer be changed",
            field="status",
        )
