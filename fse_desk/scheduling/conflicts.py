"""Double booking and other reasons an appointment should not simply go ahead.

The checks never decide: they list each conflict with its reason, and the
booking goes ahead only when the user has seen them (:func:`require_acknowledged`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from fse_desk.domain.scheduling import Appointment
from fse_desk.errors import FseDeskError
from fse_desk.scheduling.agenda import Agenda
from fse_desk.scheduling.hours import WorkingHours


class ConflictReason(enum.Enum):
    PARTICIPANT_BUSY = "participant-busy"  # already booked at that time (double booking)
    OUTSIDE_HOURS = "outside-hours"  # the professional does not work then
    IN_THE_PAST = "in-the-past"


@dataclass(frozen=True, slots=True)
class Conflict:
    reason: ConflictReason
    participant: str  # display name of who is concerned
    reference: str
    other: Appointment | None = None  # the booking it clashes with

    def describe(self) -> str:
        """English, for the log and tests; the UI words it in Italian from the fields."""
        if self.other is not None:
            return (
                f"{self.reason.value}: {self.reference} already has {self.other.id} "
                f"{self.other.start.isoformat()}–{self.other.end.isoformat()}"
            )
        return f"{self.reason.value}: {self.reference}"


class BookingConflict(FseDeskError):
    """A booking clashes (double booking, outside hours, in the past) and the user has
    not acknowledged it: never silently blocked nor allowed. ``conflicts`` lists each."""

    def __init__(self, message: str, *, conflicts: tuple[Conflict, ...]) -> None:
        super().__init__(message)
        self.conflicts = conflicts


def conflicts_of(
    candidate: Appointment,
    agenda: Agenda,
    hours: Mapping[str, WorkingHours],
    *,
    now: datetime | None = None,
    ignore: frozenset[str] = frozenset(),
) -> tuple[Conflict, ...]:
    """Every reason ``candidate`` clashes; ``ignore`` names appointments it replaces
    (itself when rescheduled). ``hours`` has the professionals' opening hours."""
    found: list[Conflict] = []
    if now is not None and candidate.start < now:
        found.append(Conflict(ConflictReason.IN_THE_PAST, "", ""))
    skip = ignore | {candidate.id}
    for participant in candidate.participants:
        for other in agenda.overlapping(
            participant.reference, candidate.start, candidate.end, ignore=skip
        ):
            found.append(
                Conflict(
                    ConflictReason.PARTICIPANT_BUSY,
                    participant.display,
                    participant.reference,
                    other,
                )
            )
        working = hours.get(participant.reference)
        if working is not None and not working.covers(candidate.start, candidate.end):
            found.append(
                Conflict(ConflictReason.OUTSIDE_HOURS, participant.display, participant.reference)
            )
    return tuple(found)


def require_acknowledged(
    conflicts: tuple[Conflict, ...], acknowledged: tuple[Conflict, ...]
) -> None:
    """Raise :class:`BookingConflict` for any conflict the user has not seen and accepted."""
    unseen = tuple(c for c in conflicts if c not in acknowledged)
    if unseen:
        raise BookingConflict(
            "booking has conflicts not acknowledged: " + "; ".join(c.describe() for c in unseen),
            conflicts=unseen,
        )
