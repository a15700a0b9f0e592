"""Shared set-up for the timeline tests: a synced cache over the live sandbox region."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from fse_desk.audit import AccessControl
from fse_desk.connectors.sync import SyncEngine
from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.domain.roles import Role
from fse_desk.progress import drive
from fse_desk.pss.refresh import FindingsIndexer
from fse_desk.store import CacheStore
from fse_desk.timeline import TimelineService
from fse_desk.workstation import Operator
from tests.fixtures_region import LiveRegion

DOCTOR = Operator("Dott.ssa Elena Guidotti", "GDTLNE70A41A944K", Role.MMG, None, "test")
NURSE = Operator("Inf. Paolo Neri", "NREPLA80A01A944X", Role.NURSE, None, "test")


def clinician_access(store: CacheStore, name: str = "Inf. Paolo Neri") -> AccessControl:
    """The permission checks and audit of a nurse (``name``) over ``store``: records
    vitals, handles the outbox."""
    return AccessControl(store, Operator(name, NURSE.codice_fiscale, Role.NURSE, None, "test"))


@dataclass
class SyncedRegion:
    region: LiveRegion
    cache: CacheStore
    service: TimelineService

    def patients(self, consent: ConsentState = ConsentState.GRANTED) -> list[Patient]:
        return [p for p in self.cache.patients.search("", limit=1000) if p.consent is consent]

    def busiest(self) -> Patient:
        return max(self.patients(), key=lambda p: len(self.cache.documents.list_for_patient(p.id)))

    def hidden_references(self) -> list[dict[str, Any]]:
        return [
            r
            for r in self.region.of_type("DocumentReference")
            if any(s.get("code") == "P99" for s in r.get("meta", {}).get("security", []))
        ]

    def binary(self, reference: dict[str, Any]) -> bytes:
        binary_id = reference["content"][0]["attachment"]["url"].split("/")[-1]
        resource = next(b for b in self.region.of_type("Binary") if b["id"] == binary_id)
        return base64.b64decode(resource["data"])


def make_synced(live_region: LiveRegion, cache: CacheStore) -> SyncedRegion:
    """Sync the live region into ``cache``; the timeline service reads it as DOCTOR."""
    drive(SyncEngine(cache, live_region.client, practitioner_id=None).pull())
    return SyncedRegion(
        live_region,
        cache,
        TimelineService(cache, live_region.client, DOCTOR, read_findings=FindingsIndexer()),
    )
