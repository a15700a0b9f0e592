"""The televisit report published like the PSS: signed at queue time, through the outbox
and the sandbox's FSE 2.0 gateway over real HTTP, then in the patient's timeline."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from fse_desk.domain.outbox import OutboxState
from fse_desk.domain.scheduling import Appointment, AppointmentStatus, Participant, VisitType
from fse_desk.scheduling.service import new_appointment_id
from fse_desk.workstation import Workstation
from fse_desk_sandbox.region import DEMO_MMG_ID
from tests.fixtures_region import LiveRegion
from tests.pss_publication_support import (
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
    [occurrence] = mmg.agenda.draft(visit)
    [booked] = mmg.agenda.book([occurrence.appointment], occurrence.conflicts)  # in the past
    mmg.agenda.set_status(booked.id, AppointmentStatus.FULFILLED)

    report = replace(
        mmg.draft_televisit_report(booked.id),
        findings="Pressione ben controllata. Proseguire la terapia in atto.",
        consent_recorded=True,
    )
    entry_id = mmg.publish_televisit_report(report)
    mmg.sync()

    assert entry(mmg, entry_id).state is OutboxState.SENT
    id_doc = f"2.16.840.1.113883.2.9.2.80.4.4^{report.document_id}"
    [reference] = on_server(mmg.fhir_base_url, id_doc)
    assert reference["type"]["coding"][0]["code"] == "75496-0"
    shown = [d for d in mmg.documents(patient.id) if d.type_code == "75496-0"]
    assert len(shown) == 1
