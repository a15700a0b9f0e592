"""The televisit report published like the PSS: signed at queue time, through the outbox
and the sandbox's FSE 2.0 gateway over real HTTP, then in the patient's timeline."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from fse_desk.domain.outbox import OutboxState
from fse_desk.domain.scheduling import Appointment, AppointmentStatus, Participant, VisitType
from fse_desk.domain.telemedicine_consent import CATEGORY_SYSTEM, TELEMEDICINE
from fse_desk.errors import SigningLocked, TelemedicineConsentMissing
from fse_desk.scheduling.service import new_appointment_id
from fse_desk.workstation import Workstation
from fse_desk_sandbox.region import DEMO_MMG_ID
from tests.fixtures_region import LiveRegion
from tests.pss_publication_support import (
    PASSPHRASE,
    consenting,
    entry,
    mmg_fixture,  # noqa: F401  (fixture)
    on_server,
)
from tests.test_gateway_support import (  # noqa: F401  (fixtures)
    operator_fixture,
)


def test_the_report_of_a_televisit_reaches_the_fse_and_the_timeline(
    mmg: Workstation, live_region: LiveRegion
) -> None:
    patient = consenting(mmg, with_pss=False)
    start = (datetime.now(UTC) - timedelta(hours=2)).replace(second=0, microsecond=0)
    visit = Appointment(
        new_appointment_id(),
        AppointmentStatus.PROPOSED,
        VisitType.TELEVISIT,
        start,
        start + timedelta(minutes=30),
        (
            Participant(f"Patient/{patient.id}", patient.display_name),
            Participant(f"Practitioner/{DEMO_MMG_ID}", mmg.operator.display_name),
        ),
        reason="Controllo pressione",
        cup_code="CUP2600000077",
    )
    with pytest.raises(TelemedicineConsentMissing):
        mmg.agenda.book([mmg.agenda.draft(visit)[0].appointment])
    mmg.agenda.record_consent(patient.id, granted=True)
    [occurrence] = mmg.agenda.draft(visit)
    assert mmg.room_link(occurrence.appointment, for_patient=False).endswith(
        occurrence.appointment.room
    )
    [booked] = mmg.agenda.book([occurrence.appointment], occurrence.conflicts)  # in the past
    mmg.agenda.set_status(booked.id, AppointmentStatus.FULFILLED)

    draft = mmg.draft_televisit_report(booked.id)
    assert draft.consent_recorded  # read from the patient's Consent
    report = replace(draft, findings="Pressione ben controllata. Proseguire la terapia in atto.")
    # Signing is the doctor's act: with the certificate locked (the session's start, or after
    # the screen lock), nothing is signed or queued, whatever passphrase the keyring holds.
    mmg.signing.lock()
    before = len(mmg.outbox.entries(include_closed=True))
    with pytest.raises(SigningLocked):
        mmg.publish_televisit_report(report)
    assert len(mmg.outbox.entries(include_closed=True)) == before
    mmg.signing.unlock(PASSPHRASE)
    entry_id = mmg.publish_televisit_report(report)
    mmg.sync()

    assert entry(mmg, entry_id).state is OutboxState.SENT
    # The consent went with the rest of the outbox: a Consent of the patient on the server.
    consents = _consents_on_server(mmg.fhir_base_url, patient.id)
    assert [c["provision"]["type"] for c in consents] == ["permit"]
    id_doc = f"2.16.840.1.113883.2.9.2.80.4.4^{report.document_id}"
    [reference] = on_server(mmg.fhir_base_url, id_doc)
    assert reference["type"]["coding"][0]["code"] == "75496-0"
    shown = [d for d in mmg.documents(patient.id) if d.type_code == "75496-0"]
    assert len(shown) == 1

    # Withdrawn: the core no longer opens the room ("Avvia televisita").
    mmg.agenda.record_consent(patient.id, granted=False)
    with pytest.raises(TelemedicineConsentMissing, match="withdrawn"):
        mmg.room_link(booked, for_patient=False)


def _consents_on_server(fhir_base_url: str, patient_id: str) -> list[dict[str, Any]]:
    answer = httpx.get(
        f"{fhir_base_url}/Consent",
        params={
            "patient": f"Patient/{patient_id}",
            "category": f"{CATEGORY_SYSTEM}|{TELEMEDICINE}",
        },
    )
    answer.raise_for_status()
    return [e["resource"] for e in answer.json().get("entry", [])]
