"""Invitations: an iCalendar (RFC 5545) event per participant, times in Europe/Rome.

The patient's copy names the professionals and the room link; it carries no
reason for the visit (an e-mail may be read by others). The file is handed to
people (mail, USB, print), not sent through an iTIP server, so it is a
METHOD:PUBLISH event: rescheduling keeps the UID with a higher SEQUENCE,
cancelling marks it STATUS:CANCELLED.
"""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar

from fse_desk.domain.rome_clock import ROME
from fse_desk.domain.scheduling import Appointment, AppointmentStatus, Participant

PRODID = "-//FSE Desk//Agenda Casa della Salute//IT"
VISIT_LABELS = {
    "televisita": "Televisita",
    "teleconsulto": "Teleconsulto",
    "revisione-telemonitoraggio": "Revisione del telemonitoraggio",
    "ambulatoriale": "Visita in ambulatorio",
}


def visit_label(appointment: Appointment) -> str:
    return VISIT_LABELS[appointment.visit_type.value]


def invitation(
    appointment: Appointment,
    attendee: Participant,
    *,
    room_link: str = "",
    organizer: str = "",
    sequence: int = 0,
    stamp: datetime | None = None,
) -> bytes:
    """The ``.ics`` for ``attendee``; ``room_link`` is their own link to the video room."""
    cancelled = appointment.status is AppointmentStatus.CANCELLED
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"{appointment.id}@fse-desk")
    event.add("dtstamp", stamp or datetime.now(UTC))
    event.add("sequence", sequence)
    event.add("dtstart", appointment.start.astimezone(ROME))
    event.add("dtend", appointment.end.astimezone(ROME))
    with_whom = ", ".join(p.display for p in appointment.professionals)
    event.add("summary", f"{visit_label(appointment)} con {with_whom}")
    lines = [f"{visit_label(appointment)} con {with_whom}."]
    if organizer:
        lines.append(f"Prenotata da: {organizer}")
    if appointment.cup_code:
        lines.append(f"Codice di prenotazione CUP: {appointment.cup_code}")
    if room_link:
        lines.append(f"Per collegarsi all'ora indicata aprire: {room_link}")
        event.add("location", room_link)
        event.add("url", room_link)
    if appointment.reason and not attendee.is_patient:
        lines.append(f"Motivo: {appointment.reason}")
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical
