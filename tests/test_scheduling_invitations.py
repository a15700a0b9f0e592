"""Invitations read back: the .ics through icalendar, the letter through pypdf, the
video link's JWT through pyjwt, the FHIR form through our own reader."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import jwt
import pytest
from pypdf import PdfReader

from fse_desk.domain.rome_clock import at_rome, plus
from fse_desk.domain.scheduling import (
    Appointment,
    AppointmentStatus,
    Participant,
    ParticipantStatus,
    VisitType,
)
from fse_desk.domain.scheduling_fhir import from_fhir, to_fhir
from fse_desk.errors import ConfigError
from fse_desk.scheduling.invitations import invitation
from fse_desk.scheduling.letter import invitation_letter
from fse_desk.scheduling.video import RoomUser, VideoServer, new_room_name, room_url

PATIENT = Participant("Patient/p1", "Anna Verdi")
MMG = Participant("Practitioner/mmg", "Dott. Mario Rossi", ParticipantStatus.ACCEPTED)
NURSE = Participant("Practitioner/nurse", "Inf. Laura Bianchi")


def televisit(day: date = date(2027, 3, 29), clock: time = time(9, 0)) -> Appointment:
    start = at_rome(day, clock)
    return Appointment(
        "a1b2",
        AppointmentStatus.BOOKED,
        VisitType.TELEVISIT,
        start,
        plus(start, timedelta(minutes=30)),
        (PATIENT, MMG, NURSE),
        reason="controllo glicemie",
        cup_code="CUP-2027-000123",
        series_id="series-1",
        series_index=2,
        room=new_room_name(),
        created=datetime(2027, 3, 1, 10, tzinfo=UTC),
        version="3",
    )


def test_the_ics_reads_back_in_rome_time_with_the_room_link() -> None:
    # The Monday after the spring change: +02:00, so 09:00 Rome is 07:00 UTC.
    appointment = televisit()
    link = room_url(VideoServer("https://meet.example-asl.it"), appointment.room)
    data = invitation(appointment, PATIENT, room_link=link, organizer="Front desk")
    calendar = icalendar.Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Rome"
    assert start.astimezone(UTC) == datetime(2027, 3, 29, 7, 0, tzinfo=UTC)
    assert event.decoded("dtend") - start == timedelta(minutes=30)
    assert str(event["location"]) == link
    assert link in str(event["description"])
    assert "CUP-2027-000123" in str(event["description"])
    assert "glicemie" not in data.decode()  # no reason in the patient's copy
    assert "Anna" not in data.decode() and "Verdi" not in data.decode()
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Rome"]
    nurse_copy = icalendar.Calendar.from_ical(invitation(appointment, NURSE, room_link=link))
    assert "glicemie" in str(nurse_copy.walk("VEVENT")[0]["description"])


def test_a_cancelled_invitation_keeps_the_uid_with_a_higher_sequence() -> None:
    appointment = televisit().with_status(AppointmentStatus.CANCELLED)
    [event] = icalendar.Calendar.from_ical(invitation(appointment, MMG, sequence=2)).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == "a1b2@fse-desk"
    assert event.decoded("sequence") == 2


def test_the_printed_letter_says_when_in_italian_format_and_how_to_connect() -> None:
    appointment = televisit(date(2027, 10, 29), time(15, 30))  # last Friday of summer time
    pdf = invitation_letter(
        appointment,
        practice="Casa della Salute di Loiano",
        room_link="https://meet.example-asl.it/" + appointment.room,
        phone="051 000000",
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    assert "29/10/2027" in flat and "15:30" in flat and "16:00" in flat
    assert appointment.room in flat.replace(" ", "")
    assert "CUP-2027-000123" in flat
    assert "Anna Verdi" in flat


def test_room_names_are_unguessable_and_carry_nothing_of_the_patient() -> None:
    names = {new_room_name() for _ in range(200)}
    assert len(names) == 200
    assert all(len(n) >= len("fsedesk-") + 32 for n in names)
    url = room_url(VideoServer("https://meet.example-asl.it/"), "fsedesk-abc")
    assert url == "https://meet.example-asl.it/fsedesk-abc"


def test_the_room_link_carries_the_jwt_the_server_checks() -> None:
    server = VideoServer("https://meet.example-asl.it", app_id="fse-desk", audience="jitsi")
    end = at_rome(date(2027, 1, 11), time(9, 30))
    url = room_url(
        server,
        "fsedesk-abc",
        user=RoomUser("patient", "Paziente"),
        secret="a-32-byte-secret-of-the-jitsi-srv",
        visit_end=end,
    )
    base, token = url.split("?jwt=")
    assert base == "https://meet.example-asl.it/fsedesk-abc"
    claims = jwt.decode(
        token,
        "a-32-byte-secret-of-the-jitsi-srv",
        algorithms=["HS256"],
        audience="jitsi",
        options={"verify_exp": False},
    )
    assert claims["iss"] == "fse-desk" and claims["sub"] == "meet.example-asl.it"
    assert claims["room"] == "fsedesk-abc"
    assert claims["exp"] == int(end.timestamp()) + 2 * 3600
    assert claims["context"]["user"] == {"id": "patient", "name": "Paziente", "moderator": False}
    with pytest.raises(ConfigError):
        room_url(server, "fsedesk-abc")
    with pytest.raises(ConfigError):
        VideoServer("http://meet.example-asl.it")


def test_the_fhir_appointment_round_trips_with_offsets_cup_code_and_series() -> None:
    appointment = televisit(date(2027, 1, 11))
    resource = to_fhir(appointment)
    assert resource["start"] == "2027-01-11T09:00:00+01:00"
    assert resource["minutesDuration"] == 30
    assert {
        "system": "urn:fse-desk:cup-booking-code",
        "value": "CUP-2027-000123",
        "type": {"text": "CUP"},
    } in resource["identifier"]
    resource["meta"] = {"versionId": "3"}
    back = from_fhir(resource)
    assert back == appointment
    assert back.start.utcoffset() == timedelta(hours=1)
    assert back.start.astimezone(ZoneInfo("Europe/Rome")).hour == 9


def test_the_client_identifier_is_the_one_the_outbox_searches_by() -> None:
    from fse_desk.connectors import push
    from fse_desk.domain import scheduling_fhir as fhir

    assert fhir.local_identifier("abc") == push.local_identifier("abc")
    resource = fhir.to_fhir(televisit())
    resource["id"] = "server-given-id"
    assert fhir.from_fhir(resource).id == "a1b2"
    del resource["identifier"]
    assert fhir.from_fhir(resource).id == "server-given-id"
