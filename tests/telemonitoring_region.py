"""A small region of telemonitored patients on the sandbox, synced into a real cache."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fse_desk._types import PatientId
from fse_desk.connectors.fhir_client import FhirClient, RetryPolicy
from fse_desk.connectors.sync import SyncEngine
from fse_desk.connectors.telemonitoring_pull import TelemonitoringPull, TelemonitoringSummary
from fse_desk.progress import drive
from fse_desk.store import CacheStore
from fse_desk_sandbox import SandboxServer
from fse_desk_sandbox.region import fhir as region_fhir
from fse_desk_sandbox.region.people import Person, make_person
from fse_desk_sandbox.region.telemonitoring import telemonitoring_resources

TODAY = date(2026, 11, 20)
# (programmes, consent): the last patient has not consented to consultation.
ENROLLED = (
    (("scompenso", "diabete"), True),
    (("bpco",), True),
    (("ipertensione",), True),
    (("scompenso",), False),
)


@dataclass
class TmRegion:
    people: list[Person]
    resources: list[dict[str, Any]]

    def patient(self, n: int) -> PatientId:
        return PatientId(self.people[n].patient_id)


def build_region(seed: int = 11) -> TmRegion:
    people, resources = [], []
    for n, (programmes, permit) in enumerate(ENROLLED, start=1):
        rng = random.Random(f"{seed}:{n}")
        person = make_person(n, rng, TODAY, set())
        people.append(person)
        resources.append(region_fhir.patient_resource(person))
        resources.append(region_fhir.consent_resource(person, permit, datetime(2020, 1, 1, 10)))
        resources += telemonitoring_resources(rng, person, programmes, TODAY)
    return TmRegion(people, resources)


def sync(cache: CacheStore, server: SandboxServer, page_size: int = 200) -> TelemonitoringSummary:
    with FhirClient(server.base_url, retry=RetryPolicy(attempts=2, base_delay_s=0.01)) as client:
        drive(SyncEngine(cache, client).pull())
        return drive(TelemonitoringPull(cache, client, page_size=page_size).pull())
