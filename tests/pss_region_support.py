"""Shared set-up for the PSS service and tab tests: the live region synced into a cache."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from fse_desk._types import DocumentId
from fse_desk.connectors.sync import SyncEngine
from fse_desk.domain.patient import Patient
from fse_desk.progress import drive
from fse_desk.pss import Pss, read_cda
from fse_desk.pss.service import PssService
from tests.timeline_support import SyncedRegion

PSS_LOINC = "60591-5"

# Well-formed, declared a PSS, but without patient, author or sections: not a readable PSS.
BROKEN_PSS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<ClinicalDocument xmlns="urn:hl7-org:v3"><realmCode code="IT"/>'
    b'<code code="60591-5" codeSystem="2.16.840.1.113883.6.1"/>'
    b"<title>Profilo Sanitario Sintetico</title></ClinicalDocument>"
)


@dataclass
class PssRegion:
    synced: SyncedRegion
    service: PssService

    def pss_ids(self, patient: Patient) -> list[DocumentId]:
        """The patient's PSS documents in the cache, newest first."""
        return [
            m.id
            for m in self.synced.cache.documents.list_for_patient(patient.id)
            if m.type_code == PSS_LOINC
        ]

    def with_versions(self, at_least: int) -> Patient:
        return next(p for p in self.synced.patients() if len(self.pss_ids(p)) >= at_least)

    def without_pss(self) -> Patient:
        return next(p for p in self.synced.patients() if not self.pss_ids(p))

    def region_pss(self, document_id: str) -> Pss:
        """The PSS as the region published it, parsed from the sandbox's own Binary."""
        ref = next(
            r for r in self.synced.region.of_type("DocumentReference") if r["id"] == document_id
        )
        return read_cda(self.synced.binary(ref))

    def publish_broken_pss(self, patient: Patient) -> DocumentId:
        """Create a newer, unreadable PSS on the sandbox (FHIR create), then sync it."""
        client = self.synced.region.client
        template = next(
            r
            for r in self.synced.region.of_type("DocumentReference")
            if r["type"]["coding"][0]["code"] == PSS_LOINC
        )
        binary = client.create(
            {
                "resourceType": "Binary",
                "contentType": "application/x-hl7-cda+xml",
                "data": base64.b64encode(BROKEN_PSS).decode("ascii"),
            }
        )
        attachment = dict(
            template["content"][0]["attachment"], url=f"Binary/{binary['id']}", size=len(BROKEN_PSS)
        )
        attachment.pop("hash", None)
        reference = {k: v for k, v in template.items() if k not in ("id", "meta", "relatesTo")}
        reference.update(
            masterIdentifier={
                "system": template["masterIdentifier"]["system"],
                "value": "080.20261031120000.broken.0001",
            },
            subject={"reference": f"Patient/{patient.id}"},
            date="2026-10-31T12:00:00+01:00",
            content=[{"attachment": attachment}],
        )
        created = client.create(reference)
        drive(SyncEngine(self.synced.cache, client, practitioner_id=None).pull())
        return DocumentId(created["id"])
