"""The Referto di televisita: drafted from the appointment, written as CDA, through
our structure checks; only a doctor signs a complete one."""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from xml.etree import ElementTree as ET

import pytest

from fse_desk.domain.roles import Role
from fse_desk.domain.rome_clock import at_rome, plus
from fse_desk.domain.scheduling import Appointment, AppointmentStatus, Participant, VisitType
from fse_desk.errors import InvalidRecord, PermissionDenied
from fse_desk.pss.model import AdministrativeSex, Clinician, Organization, PatientInfo
from fse_desk.scheduling.report import (
    VisitMode,
    draft_report,
    fell_back_in_person,
    ready_to_sign,
)
from fse_desk.scheduling.report_cda import write_report_cda
from fse_desk.scheduling.report_checks import validate_report_structure

V3 = "{urn:hl7-org:v3}"
DOCTOR = Clinician("GDTLNE72D58A944V", "Elena", "Guidotti", ("tel:+390510000000",))
PRACTICE = Organization("080105-CDS", "Casa della Salute di Loiano")
PATIENT = PatientInfo(
    "VRDNNA50A41A944X", "Anna", "Verdi", AdministrativeSex.FEMALE, date(1950, 1, 1)
)


def _appointment() -> Appointment:
    start = at_rome(date(2027, 3, 29), time(9, 0))
    return Appointment(
        "apt-1",
        AppointmentStatus.FULFILLED,
        VisitType.TELEVISIT,
        start,
        plus(start, timedelta(minutes=30)),
        (
            Participant("Patient/p1", "Anna Verdi"),
            Participant("Practitioner/mmg", "Dott.ssa Elena Guidotti"),
            Participant("Practitioner/nurse", "Inf. Chiara Lodi"),
        ),
        reason="Controllo pressione",
        cup_code="CUP2700000042",
        room="fsedesk-0123",
    )


def _written() -> tuple[bytes, ET.Element]:
    report = draft_report(
        _appointment(), PATIENT, DOCTOR, PRACTICE, now=datetime(2027, 3, 29, 8, 40, tzinfo=UTC)
    )
    report = replace(
        report,
        findings="Pressione ben controllata.\n\nProseguire la terapia.",
        consent_recorded=True,
    )
    xml = write_report_cda(report)
    return xml, ET.fromstring(xml)


def test_the_drafted_report_passes_our_structure_checks() -> None:
    xml, root = _written()
    assert validate_report_structure(xml) == []
    assert root.find(f"{V3}code").get("code") == "75496-0"  # type: ignore[union-attr]
    assert root.find(f"{V3}legalAuthenticator/{V3}signatureCode").get("code") == "S"  # type: ignore[union-attr]
    assert root.find(f"{V3}inFulfillmentOf/{V3}order/{V3}id").get("extension") == "CUP2700000042"  # type: ignore[union-attr]
    encounter = root.find(f"{V3}componentOf/{V3}encompassingEncounter")
    assert encounter is not None
    assert encounter.find(f"{V3}code").get("code") == "VR"  # type: ignore[union-attr]
    # 09:00 in Rome on the Monday after the spring change is +0200.
    assert encounter.find(f"{V3}effectiveTime/{V3}low").get("value", "").endswith("+0200")  # type: ignore[union-attr]
    sections = root.findall(f"{V3}component/{V3}structuredBody/{V3}component/{V3}section")
    assert [s.find(f"{V3}code").get("code") for s in sections] == ["62387-6", "47045-0"]  # type: ignore[union-attr]
    prestazioni = "".join(sections[0].find(f"{V3}text").itertext())  # type: ignore[union-attr]
    assert (
        "29/03/2027" in prestazioni and "09:00" in prestazioni and "Inf. Chiara Lodi" in prestazioni
    )
    media = sections[0].find(f"{V3}entry/{V3}observationMedia/{V3}value")
    assert media is not None and "VR" in base64.b64decode(media.text or "").decode()
    assert "Proseguire la terapia." in "".join(sections[1].itertext())


def test_the_checks_catch_a_missing_referto_section_and_signer() -> None:
    _, root = _written()
    body = root.find(f"{V3}component/{V3}structuredBody")
    assert body is not None
    body.remove(body.findall(f"{V3}component")[1])
    legal = root.find(f"{V3}legalAuthenticator")
    assert legal is not None
    root.remove(legal)
    broken = ET.tostring(root)
    codes = {p.code for p in validate_report_structure(broken)}
    assert codes == {"section.missing", "header.legal", "header.legal.name"}


def test_a_failed_connection_makes_it_an_in_person_visit() -> None:
    report = draft_report(_appointment(), PATIENT, DOCTOR, PRACTICE, now=datetime.now(UTC))
    in_person = fell_back_in_person(report)
    assert in_person.mode is VisitMode.IN_PERSON
    assert in_person.performed.startswith("Visita in presenza")
    xml = write_report_cda(in_person)
    code = ET.fromstring(xml).find(f"{V3}componentOf/{V3}encompassingEncounter/{V3}code")
    assert code is not None and code.get("code") == "AMB"


def test_only_a_doctor_signs_and_only_a_complete_report() -> None:
    report = draft_report(_appointment(), PATIENT, DOCTOR, PRACTICE, now=datetime.now(UTC))
    with pytest.raises(PermissionDenied):
        ready_to_sign(report, Role.NURSE)
    with pytest.raises(InvalidRecord) as raised:
        ready_to_sign(report, Role.MMG)
    assert raised.value.field == "findings"
    ready_to_sign(replace(report, findings="Nulla da segnalare.", consent_recorded=True), Role.MMG)
