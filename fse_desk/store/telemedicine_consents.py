"""Patients' consents to telemedicine in the cache: every decision kept, the latest decides."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from fse_desk.domain.telemedicine_consent import TelemedicineConsent, from_fhir, to_fhir
from fse_desk.store._records import utc_text
from fse_desk.store.database import Database


class TelemedicineConsentRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def save(self, consent: TelemedicineConsent) -> None:
        self.save_resources([to_fhir(consent)], version=consent.version)

    def save_resources(
        self, resources: Iterable[dict[str, Any]], version: str | None = None
    ) -> int:
        """Consents as the server sent them (``version`` from their meta unless given)."""
        stored = 0
        with self._db.transaction("saving consents to telemedicine") as conn:
            for resource in resources:
                consent = from_fhir(resource)
                body = {k: v for k, v in resource.items() if k != "meta"}
                conn.execute(
                    "INSERT OR REPLACE INTO telemedicine_consent (id, patient_id, recorded_at,"
                    " granted, version, resource) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        consent.id,
                        consent.patient_id,
                        utc_text(consent.recorded_at, what="recorded_at"),
                        int(consent.granted),
                        version or consent.version,
                        orjson.dumps(body).decode(),
                    ),
                )
                stored += 1
        return stored

    def latest(self, patient_id: str) -> TelemedicineConsent | None:
        """The patient's most recent decision, or None when none is recorded."""
        with self._db.reading("reading a consent to telemedicine") as conn:
            row = conn.execute(
                "SELECT resource, version FROM telemedicine_consent WHERE patient_id = ?"
                " ORDER BY recorded_at DESC, id DESC LIMIT 1",
                (patient_id,),
            ).fetchone()
        if row is None:
            return None
        resource = orjson.loads(row[0])
        if row[1] is not None:
            resource["meta"] = {"versionId": row[1]}
        return from_fhir(resource)
