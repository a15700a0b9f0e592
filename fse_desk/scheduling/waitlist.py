"""The waiting list: requests (``waitlist`` Appointments) offered a freed time,
first come first served."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from fse_desk.domain.scheduling import Appointment, AppointmentStatus


def candidates(waiting: Iterable[Appointment], freed: Appointment) -> list[Appointment]:
    """Waiting requests that fit the time ``freed`` left: same professionals, no longer,
    oldest request first."""
    wanted = {p.reference for p in freed.professionals}
    fitting = [
        w
        for w in waiting
        if w.status is AppointmentStatus.WAITLIST
        and {p.reference for p in w.professionals} <= wanted
        and w.duration <= freed.duration
    ]
    return sorted(fitting, key=lambda w: (w.created or w.start, w.id))


def promote(request: Appointment, start: datetime) -> Appointment:
    """The waiting request booked at ``start`` (checked for conflicts by the caller)."""
    return replace(request.moved(start), status=AppointmentStatus.BOOKED)
