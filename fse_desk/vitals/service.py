"""Record and correct vital signs: the domain row and its outbox entry in one transaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime

from fse_desk._types import PatientId
from fse_desk.audit import AccessControl
from fse_desk.domain.outbox import OutboxMethod
from fse_desk.domain.timeline import AccessAction
from fse_desk.domain.vitals import Vital, VitalReading, check_time
from fse_desk.errors import InvalidRecord
from fse_desk.security.permissions import Action
from fse_desk.store import CacheStore
from fse_desk.vitals.observation import to_observation


def describe(reading: VitalReading) -> str:
    """Language-neutral summary for the outbox list, e.g. ``130/80 mm[Hg]``."""
    kind = reading.vital.value
    values = "/".join(f"{v:.{kind.decimals}f}" for v in reading.values)
    return f"{values} {kind.unit}"


class VitalsService:
    def __init__(
        self,
        store: CacheStore,
        access: AccessControl,
        on_queued: Callable[[], None] = lambda: None,
    ) -> None:
        """``access``: the operator's permission checks and audit trail."""
        self._store = store
        self._access = access
        self._on_queued = on_queued

    def record(
        self,
        patient_id: PatientId,
        measurements: Mapping[Vital, tuple[float, ...]],
        *,
        effective_at: datetime,
        performer: str,
        performer_id: str | None = None,
        note: str = "",
    ) -> list[VitalReading]:
        """Save the readings and queue them for the FSE, all or nothing.

        Raises InvalidRecord (with the offending field) before anything is written.
        """
        self._access.require(Action.RECORD_VITALS, patient_id, audit_as=AccessAction.RECORD_VITALS)
        if not measurements:
            raise InvalidRecord("no measurement entered", field="measurements")
        check_time(effective_at, datetime.now(UTC))
        if self._store.patients.get(patient_id) is None:
            raise InvalidRecord(f"patient {patient_id} is not in the cache", field="patient")
        readings = [
            VitalReading(
                id=str(uuid.uuid4()),
                patient_id=patient_id,
                vital=vital,
                values=values,
                effective_at=effective_at,
                performer=performer,
                performer_id=performer_id,
                note=note,
            )
            for vital, values in measurements.items()
        ]
        with self._store.transaction():
            for reading in readings:
                self._store.vitals.save(reading)
                self._store.outbox.enqueue(
                    resource_type="Observation",
                    resource_id=reading.id,
                    method=OutboxMethod.CREATE,
                    payload=to_observation(reading),
                    description=describe(reading),
                    patient_id=patient_id,
                )
        # After the commit: the chain's head in the keyring never runs ahead of the file.
        self._access.record(
            patient_id, AccessAction.RECORD_VITALS, resource=f"{len(readings)} Observation"
        )
        self._on_queued()
        return readings

    def correct(self, reading: VitalReading, values: tuple[float, ...], note: str) -> VitalReading:
        """Change a reading's values or note; the server copy is updated with If-Match."""
        self._access.require(
            Action.RECORD_VITALS, reading.patient_id, audit_as=AccessAction.RECORD_VITALS
        )
        corrected = replace(reading, values=values, note=note)  # validated by the record
        ref = self._store.outbox.server_ref("Observation", reading.id)
        with self._store.transaction():
            self._store.vitals.save(corrected)
            self._store.outbox.enqueue(
                resource_type="Observation",
                resource_id=reading.id,
                method=OutboxMethod.UPDATE,
                payload=to_observation(corrected),
                description=describe(corrected),
                patient_id=reading.patient_id,
                base_version=ref[1] if ref else None,
            )
        self._access.record(
            reading.patient_id, AccessAction.RECORD_VITALS, resource=f"Observation/{reading.id}"
        )
        self._on_queued()
        return corrected

    def recent(self, patient_id: PatientId, limit: int = 50) -> list[VitalReading]:
        self._access.require(Action.VIEW_VITALS, patient_id, audit_as=AccessAction.VIEW_VITALS)
        self._access.record(patient_id, AccessAction.VIEW_VITALS)
        return self._store.vitals.for_patient(patient_id, limit)
