"""The Casa della Salute team's agenda in the demo region.

The team: the demo MMG, two nurses, a cardiologist and a diabetologist, each
with a Schedule; half-hour Slots over the coming weeks (busy where booked); and
Appointments from six weeks ago (fulfilled, some no-shows and cancellations) to
four weeks ahead (booked, some of them fortnightly series, televisits with a
video room and a CUP code). Deterministic for ``(seed, patients, today)``.

Kept apart from the document generator: the region's patient batches do not
change, and the seeding adds this batch after them (:func:`agenda_resources`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from typing import Any

from fse_desk.domain.roles import Role
from fse_desk.domain.rome_clock import at_rome, plus
from fse_desk.domain.scheduling import (
    Appointment,
    AppointmentStatus,
    Participant,
    ParticipantStatus,
    VisitType,
)
from fse_desk.domain.scheduling_fhir import CLIENT_ID_SYSTEM, TEAM_ROLE_SYSTEM, to_fhir
from fse_desk.domain.telemedicine_consent import TelemedicineConsent
from fse_desk.domain.telemedicine_consent import to_fhir as consent_to_fhir
from fse_desk.scheduling.hours import WorkingHours
from fse_desk_sandbox.region.facilities import (
    DEMO_MMG_ID,
    DEMO_MMG_NAME,
    PRACTICE_ID,
    Clinician,
    clinicians_for,
    practitioner_resource,
)
from fse_desk_sandbox.region.people import encode_cf

AGENDA_VERSION = "1"
HISTORY_WEEKS = 6
FUTURE_WEEKS = 4
SLOT_MINUTES = 30
JITSI_DEMO = "https://meet.jit.si"


@dataclass(frozen=True, slots=True)
class Member:
    practitioner_id: str
    display: str
    role: Role
    visits: tuple[VisitType, ...]

    @property
    def reference(self) -> str:
        return f"Practitioner/{self.practitioner_id}"


def _nurses() -> list[Clinician]:
    people = (("Lodi", "Chiara", "F", date(1985, 4, 12)), ("Vanti", "Paolo", "M", date(1979, 9, 3)))
    return [
        Clinician(
            f"prac-inf-cds-{n}",
            family,
            given,
            sex,
            encode_cf(family, given, sex, born, "A944"),
            "infermieristica",
            PRACTICE_ID,
        )
        for n, (family, given, sex, born) in enumerate(people, start=1)
    ]


def _nurse_resource(nurse: Clinician) -> dict[str, Any]:
    resource = practitioner_resource(replace(nurse, specialty="mmg"))
    resource["name"][0]["prefix"] = ["Inf."]
    resource["qualification"] = [{"code": {"text": "Infermiere"}}]
    return resource


def _title(c: Clinician) -> str:
    return f"{'Dott.ssa' if c.sex == 'F' else 'Dott.'} {c.given} {c.family}"


def team() -> list[Member]:
    cardiologist = clinicians_for("cardiologia")[0]
    diabetologist = next(c for c in clinicians_for("diabetologia") if c.facility_id == PRACTICE_ID)
    remote = (VisitType.TELEVISIT, VisitType.TELEMONITORING_REVIEW, VisitType.IN_PERSON)
    members = [Member(DEMO_MMG_ID, DEMO_MMG_NAME, Role.MMG, remote)]
    members += [
        Member(
            n.id,
            f"Inf. {n.given} {n.family}",
            Role.NURSE,
            (VisitType.TELEMONITORING_REVIEW, VisitType.IN_PERSON, VisitType.TELEVISIT),
        )
        for n in _nurses()
    ]
    members += [
        Member(c.id, _title(c), Role.SPECIALIST, (VisitType.TELECONSULT, VisitType.TELEVISIT))
        for c in (cardiologist, diabetologist)
    ]
    return members


def _schedule(member: Member, today: date) -> dict[str, Any]:
    return {
        "resourceType": "Schedule",
        "id": f"sched-{member.practitioner_id}",
        "active": True,
        "actor": [{"reference": member.reference, "display": member.display}],
        "specialty": [{"coding": [{"system": TEAM_ROLE_SYSTEM, "code": member.role.value}]}],
        "planningHorizon": {
            "start": (today - timedelta(weeks=HISTORY_WEEKS)).isoformat(),
            "end": (today + timedelta(weeks=FUTURE_WEEKS)).isoformat(),
        },
        "comment": "Agenda della Casa della Salute",
    }


def _clean(resource: dict[str, Any]) -> dict[str, Any]:
    """As the region's own booking system would hold it: no workstation identifier."""
    resource["identifier"] = [i for i in resource["identifier"] if i["system"] != CLIENT_ID_SYSTEM]
    return resource


def agenda_resources(seed: int, patients: int, today: date) -> list[dict[str, Any]]:
    """The team's Practitioners (the nurses), Schedules, Slots and Appointments."""
    rng = random.Random(f"{seed}:agenda")
    members = team()
    out: list[dict[str, Any]] = [_nurse_resource(n) for n in _nurses()]
    out += [_schedule(m, today) for m in members]
    hours = WorkingHours()
    first = today - timedelta(weeks=HISTORY_WEEKS)
    last = today + timedelta(weeks=FUTURE_WEEKS)
    busy: set[tuple[str, str]] = set()  # (practitioner, start) taken
    appointments = _series(rng, members, today, busy)  # first: the bookings go around them
    count = 0
    day = first
    while day <= last:
        for member in members:
            for session_start, session_end in hours.intervals(day):
                slot_start = session_start
                while plus(slot_start, timedelta(minutes=SLOT_MINUTES)) <= session_end:
                    key = (member.practitioner_id, slot_start.isoformat())
                    if key not in busy and rng.random() < 0.35:
                        count += 1
                        appointment = _booking(
                            rng, count, member, members, slot_start, patients, today, busy
                        )
                        for p in appointment.professionals:
                            busy.add(
                                (p.reference.removeprefix("Practitioner/"), slot_start.isoformat())
                            )
                        appointments.append(appointment)
                    slot_start = plus(slot_start, timedelta(minutes=SLOT_MINUTES))
        day += timedelta(days=1)
    out += _slots(members, today, last, busy)
    out += [_clean(to_fhir(a)) for a in appointments]
    out += _consents(appointments)
    return out


def _consents(appointments: list[Appointment]) -> list[dict[str, Any]]:
    """Each patient with a remote visit gave informed consent to telemedicine a day
    before their first one was booked (the televisit guide asks for it)."""
    first: dict[str, Appointment] = {}
    for appointment in sorted(appointments, key=lambda a: (a.created or a.start, a.id)):
        patient = appointment.patient
        if appointment.visit_type.remote and patient is not None:
            first.setdefault(patient.reference.removeprefix("Patient/"), appointment)
    return [
        _clean(
            consent_to_fhir(
                TelemedicineConsent(
                    f"tmc-{n:05d}",
                    patient_id,
                    granted=True,
                    recorded_at=(appointment.created or appointment.start) - timedelta(days=1),
                )
            )
        )
        for n, (patient_id, appointment) in enumerate(sorted(first.items()), start=1)
    ]


def _booking(
    rng: random.Random,
    number: int,
    member: Member,
    members: list[Member],
    start: Any,
    patients: int,
    today: date,
    busy: set[tuple[str, str]],
) -> Appointment:
    visit = rng.choice(member.visits)
    who = [
        Participant(
            f"Patient/pat-{rng.randint(1, max(1, min(patients, 300))):06d}",
            "",
            ParticipantStatus.ACCEPTED,
        )
    ]
    who.append(Participant(member.reference, member.display, ParticipantStatus.ACCEPTED))
    mmg = members[0]
    if visit is VisitType.TELECONSULT and (mmg.practitioner_id, start.isoformat()) not in busy:
        # The specialist with the patient's MMG, when she is free then.
        who.append(Participant(mmg.reference, mmg.display, ParticipantStatus.ACCEPTED))
    past = start.date() < today
    if past:
        status = rng.choices(
            (AppointmentStatus.FULFILLED, AppointmentStatus.NOSHOW, AppointmentStatus.CANCELLED),
            (0.88, 0.05, 0.07),
        )[0]
    else:
        status = AppointmentStatus.BOOKED
    return Appointment(
        id=f"apt-{number:05d}",
        status=status,
        visit_type=visit,
        start=start,
        end=plus(start, timedelta(minutes=SLOT_MINUTES)),
        participants=tuple(who),
        reason=rng.choice(REASONS[visit]),
        cup_code=f"CUP{start:%y}{rng.randrange(10**8):08d}"
        if visit is not VisitType.IN_PERSON
        else "",
        room=f"fsedesk-{rng.getrandbits(128):032x}" if visit.remote else "",
        created=start - timedelta(days=rng.randint(3, 30)),
    )


def _series(
    rng: random.Random, members: list[Member], today: date, busy: set[tuple[str, str]]
) -> list[Appointment]:
    """Fortnightly telemonitoring reviews with a nurse: three series of four visits."""
    out: list[Appointment] = []
    for n, nurse in enumerate(m for m in members if m.role is Role.NURSE):
        for s in range(2 - n):
            series_id = f"series-{nurse.practitioner_id}-{s + 1}"
            patient = Participant(
                f"Patient/pat-{rng.randint(1, 40):06d}", "", ParticipantStatus.ACCEPTED
            )
            first_day = today - timedelta(weeks=3) + timedelta(days=(s * 2) % 5)
            while first_day.weekday() > 4:
                first_day += timedelta(days=1)
            for k in range(4):
                start = at_rome(first_day + timedelta(weeks=2 * k), time(12, 30))
                status = (
                    AppointmentStatus.FULFILLED
                    if start.date() < today
                    else AppointmentStatus.BOOKED
                )
                out.append(
                    Appointment(
                        id=f"{series_id}-{k + 1}",
                        status=status,
                        visit_type=VisitType.TELEMONITORING_REVIEW,
                        start=start,
                        end=plus(start, timedelta(minutes=20)),
                        participants=(
                            patient,
                            Participant(nurse.reference, nurse.display, ParticipantStatus.ACCEPTED),
                        ),
                        reason="Revisione dei parametri del telemonitoraggio",
                        series_id=series_id,
                        series_index=k + 1,
                        room=f"fsedesk-{rng.getrandbits(128):032x}",
                    )
                )
                busy.add((nurse.practitioner_id, start.isoformat()))
    return out


def _slots(
    members: list[Member], today: date, last: date, busy: set[tuple[str, str]]
) -> list[dict[str, Any]]:
    """Half-hour slots from today on, busy where a booking took them."""
    out: list[dict[str, Any]] = []
    hours = WorkingHours()
    day = today
    while day <= last:
        for member in members:
            for session_start, session_end in hours.intervals(day):
                start = session_start
                while plus(start, timedelta(minutes=SLOT_MINUTES)) <= session_end:
                    end = plus(start, timedelta(minutes=SLOT_MINUTES))
                    taken = (member.practitioner_id, start.isoformat()) in busy
                    out.append(
                        {
                            "resourceType": "Slot",
                            "id": f"slot-{member.practitioner_id}-{start:%Y%m%d%H%M}",
                            "schedule": {"reference": f"Schedule/sched-{member.practitioner_id}"},
                            "status": "busy" if taken else "free",
                            "start": start.isoformat(timespec="seconds"),
                            "end": end.isoformat(timespec="seconds"),
                        }
                    )
                    start = end
        day += timedelta(days=1)
    return out


REASONS: dict[VisitType, tuple[str, ...]] = {
    VisitType.TELEVISIT: (
        "Controllo della pressione arteriosa",
        "Rivalutazione della terapia",
        "Esiti degli esami ematici",
        "Controllo dopo la dimissione",
    ),
    VisitType.TELECONSULT: (
        "Teleconsulto sul compenso glicemico",
        "Teleconsulto per scompenso cardiaco",
        "Lettura dell'ECG con lo specialista",
    ),
    VisitType.TELEMONITORING_REVIEW: (
        "Revisione dei parametri del telemonitoraggio",
        "Controllo delle glicemie a domicilio",
    ),
    VisitType.IN_PERSON: (
        "Medicazione",
        "Prelievo e controllo parametri",
        "Visita di controllo",
    ),
}
