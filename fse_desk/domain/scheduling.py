"""The agenda as records: FHIR R4 Schedule, Slot and Appointment, and the team.

R4 has no recurrence: a series is several Appointments sharing ``series_id``
(an identifier of the series), each with its place in it (``series_index``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from fse_desk.domain.roles import Role
from fse_desk.domain.rome_clock import elapsed, plus, require_aware
from fse_desk.errors import InvalidRecord

MAX_APPOINTMENT = timedelta(hours=12)
"""No visit is longer (a booking over a day is a typing error): the agenda's time
searches rely on it."""


class VisitType(enum.Enum):
    """What the appointment is; ``remote`` ones get a video room (Encounter class VR)."""

    TELEVISIT = "televisita"
    TELECONSULT = "teleconsulto"
    TELEMONITORING_REVIEW = "revisione-telemonitoraggio"
    IN_PERSON = "ambulatoriale"

    @property
    def remote(self) -> bool:
        return self is not VisitType.IN_PERSON

    @property
    def encounter_class(self) -> str:
        """v3 ActCode of the Encounter: VR virtual, AMB ambulatory."""
        return "VR" if self.remote else "AMB"


class AppointmentStatus(enum.Enum):
    """FHIR R4 AppointmentStatus: proposed → pending → booked → arrived → fulfilled."""

    PROPOSED = "proposed"
    PENDING = "pending"
    BOOKED = "booked"
    ARRIVED = "arrived"
    FULFILLED = "fulfilled"
    CANCELLED = "cancelled"
    NOSHOW = "noshow"
    ENTERED_IN_ERROR = "entered-in-error"
    CHECKED_IN = "checked-in"
    WAITLIST = "waitlist"

    @property
    def occupies_time(self) -> bool:
        """Whether the participants are taken for its time (a double booking otherwise)."""
        return self in (
            AppointmentStatus.PROPOSED,
            AppointmentStatus.PENDING,
            AppointmentStatus.BOOKED,
            AppointmentStatus.ARRIVED,
            AppointmentStatus.CHECKED_IN,
            AppointmentStatus.FULFILLED,
        )

    @property
    def open(self) -> bool:
        """Still to happen: it may be rescheduled or cancelled."""
        return self in (
            AppointmentStatus.PROPOSED,
            AppointmentStatus.PENDING,
            AppointmentStatus.BOOKED,
            AppointmentStatus.WAITLIST,
        )


class ParticipantStatus(enum.Enum):
    """FHIR R4 ParticipationStatus: each participant answers for themself."""

    ACCEPTED = "accepted"
    DECLINED = "declined"
    TENTATIVE = "tentative"
    NEEDS_ACTION = "needs-action"


class SlotStatus(enum.Enum):
    FREE = "free"
    BUSY = "busy"
    BUSY_UNAVAILABLE = "busy-unavailable"
    BUSY_TENTATIVE = "busy-tentative"
    ENTERED_IN_ERROR = "entered-in-error"


@dataclass(frozen=True, slots=True)
class Professional:
    """A member of the team with an agenda (one Schedule each)."""

    reference: str  # "Practitioner/<id>"
    display: str
    role: Role


@dataclass(frozen=True, slots=True)
class Participant:
    """One person in an appointment: ``reference`` is ``Patient/<id>`` or ``Practitioner/<id>``."""

    reference: str
    display: str
    status: ParticipantStatus = ParticipantStatus.NEEDS_ACTION

    @property
    def is_patient(self) -> bool:
        return self.reference.startswith("Patient/")


@dataclass(frozen=True, slots=True)
class Schedule:
    id: str
    actor: str  # the professional's reference
    display: str
    active: bool = True


@dataclass(frozen=True, slots=True)
class Slot:
    id: str
    schedule_id: str
    start: datetime
    end: datetime
    status: SlotStatus = SlotStatus.FREE
    overbooked: bool = False
    version: str | None = None

    def __post_init__(self) -> None:
        _check_period(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Appointment:
    """A booking. ``room`` is the video room's name (remote visits), never derived
    from the patient; ``version`` is the server's versionId it was read at."""

    id: str
    status: AppointmentStatus
    visit_type: VisitType
    start: datetime
    end: datetime
    participants: tuple[Participant, ...]
    reason: str = ""
    cup_code: str = ""
    series_id: str | None = None
    series_index: int | None = None
    room: str = ""
    slot_ids: tuple[str, ...] = ()
    created: datetime | None = None
    version: str | None = None

    def __post_init__(self) -> None:
        _check_period(self.start, self.end)
        if self.duration > MAX_APPOINTMENT:
            raise InvalidRecord(
                f"appointment {self.id} lasts {self.duration}, more than {MAX_APPOINTMENT}",
                field="end",
            )
        if not self.participants:
            raise InvalidRecord(f"appointment {self.id} has no participants", field="participants")
        references = [p.reference for p in self.participants]
        if len(set(references)) != len(references):
            raise InvalidRecord(
                f"appointment {self.id} names a participant twice", field="participants"
            )

    @property
    def duration(self) -> timedelta:
        return elapsed(self.start, self.end)

    @property
    def patient(self) -> Participant | None:
        return next((p for p in self.participants if p.is_patient), None)

    @property
    def professionals(self) -> tuple[Participant, ...]:
        return tuple(p for p in self.participants if not p.is_patient)

    def actors(self) -> frozenset[str]:
        return frozenset(p.reference for p in self.participants)

    def with_status(self, status: AppointmentStatus) -> Appointment:
        return replace(self, status=status)

    def with_answer(self, reference: str, status: ParticipantStatus) -> Appointment:
        """The same appointment with one participant's own answer changed."""
        if reference not in self.actors():
            raise InvalidRecord(
                f"{reference} is not a participant of appointment {self.id}", field="participants"
            )
        return replace(
            self,
            participants=tuple(
                replace(p, status=status) if p.reference == reference else p
                for p in self.participants
            ),
        )

    def moved(self, start: datetime) -> Appointment:
        """The same appointment at ``start``, same length; participants asked again."""
        return replace(
            self,
            start=start,
            end=plus(start, self.duration),
            participants=tuple(
                replace(p, status=ParticipantStatus.NEEDS_ACTION) for p in self.participants
            ),
        )


def _check_period(start: datetime, end: datetime) -> None:
    require_aware(start, "start")
    require_aware(end, "end")
    if end <= start:
        raise InvalidRecord(
            f"end {end.isoformat()} is not after start {start.isoformat()}", field="end"
        )
