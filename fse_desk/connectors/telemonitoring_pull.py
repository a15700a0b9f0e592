"""Pull the telemonitoring data of the practice's patients into the cache.

Each type is one more :class:`~fse_desk.connectors.sync_walk.Feed` read through the
sync's own walk (:func:`~fse_desk.connectors.sync_walk.walk_patients`): patient
scoped by id lists, cursor from the server's clock with ``ge`` and an overlap,
de-duplicated by id and ``versionId``, a patient new to the list read in full, and a
resource that cannot be mapped quarantined in the sync's quarantine (type, id,
version, reason) while the rest carry on.

Whose resources: Devices, CarePlans, vital-sign Observations and the team's alarm Tasks
of every patient of the practice who consents to consultation, never of anyone else. The
vital signs recorded elsewhere (a specialist's blood pressure, a home visit's weight) are
the patient's whether or not they are enrolled in telemonitoring.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass
from typing import Any

from fse_desk._types import PatientId
from fse_desk.connectors import telemonitoring_fhir as fhir
from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.connectors.sync_walk import (
    MAPPING_ERRORS,
    Feed,
    WalkReport,
    quarantine_reason,
    walk_patients,
)
from fse_desk.domain.patient import ConsentState
from fse_desk.domain.telemonitoring import Reading
from fse_desk.errors import InvalidRecord
from fse_desk.progress import CancelToken, Progress
from fse_desk.store import CacheStore

log = logging.getLogger(__name__)

LABEL = "Telemonitoring"


@dataclass(slots=True)
class TelemonitoringSummary:
    resources: int = 0
    unchanged: int = 0
    readings: int = 0
    quarantined: int = 0
    pages: int = 0


@dataclass(frozen=True, slots=True)
class _Record:
    """One mapped resource: what to save, whose, and the readings it carries."""

    resource: dict[str, Any]
    patient: PatientId
    readings: tuple[Reading, ...] | None = None  # an Observation's (None: not one)
    keep_json: bool = True
    counted: bool = True  # False: the diastolic half of a pair, kept by version only


class TelemonitoringPull:
    def __init__(self, store: CacheStore, client: FhirClient, *, page_size: int = 200) -> None:
        self._store = store
        self._client = client
        self._page_size = page_size

    def pull(
        self, cancel: CancelToken | None = None
    ) -> Generator[Progress, None, TelemonitoringSummary]:
        cancel = cancel or CancelToken()
        summary = TelemonitoringSummary()
        report = WalkReport()
        consenting = sorted(
            p for p, c in self._store.patients.consent_states().items() if c is ConsentState.GRANTED
        )
        # Devices before the plans that name them; Tasks are the team's actions on alarms.
        for resource_type in ("Device", "CarePlan"):
            yield from self._walk(self._feed(resource_type, summary), consenting, report, cancel)
        yield from self._definitions(summary)
        split = _LoneHalves()
        vitals = self._feed("Observation", summary, regroup=split.regroup)
        yield from self._walk(vitals, consenting, report, cancel)
        report.quarantined += self._pair_across_pages(split.halves, vitals)
        yield from self._walk(self._feed("Task", summary), consenting, report, cancel)
        summary.unchanged += report.skipped_known
        summary.quarantined = report.quarantined
        summary.pages += report.pages
        log.info(
            "telemonitoring pull: %d resources, %d unchanged, %d readings, %d quarantined",
            summary.resources,
            summary.unchanged,
            summary.readings,
            summary.quarantined,
        )
        return summary

    def _walk(
        self,
        feed: Feed[_Record | None],
        patients: list[PatientId],
        report: WalkReport,
        cancel: CancelToken,
    ) -> Generator[Progress, None, None]:
        yield from walk_patients(
            self._client,
            self._store,
            feed,
            patients,
            report=report,
            cancel=cancel,
            page_size=self._page_size,
        )

    def _pair_across_pages(self, halves: list[dict[str, Any]], feed: Feed[_Record | None]) -> int:
        """Pair the blood-pressure halves the pages left alone: the server's paging may put
        a systolic and its diastolic on two pages (or the same half in an overlap again).
        A half still alone is quarantined like any record that cannot be read. Returns
        how many were newly quarantined."""
        held = self._store.sync_records.quarantined_versions("Observation")
        records: list[_Record | None] = []
        bad: list[tuple[str, str, str]] = []
        for obs in fhir.pair_blood_pressure(_newest_versions(halves)):
            rid, version = str(obs.get("id", "")), _version(obs)
            if feed.known_version(rid) == version or held.get(rid) == version:
                continue  # cached (paired before), or already quarantined as it is
            try:
                records.append(_observation(obs))
            except MAPPING_ERRORS as exc:
                bad.append((rid, version, quarantine_reason(exc)))
        with self._store.transaction():
            feed.apply(records)
            for rid, version, reason in bad:
                self._store.sync_records.quarantine("Observation", rid, version, reason)
        for rid, version, reason in bad:
            log.warning("Observation/%s version %s quarantined: %s", rid, version, reason)
        return len(bad)

    def _feed(
        self,
        resource_type: str,
        summary: TelemonitoringSummary,
        regroup: Callable[[list[dict[str, Any]]], list[dict[str, Any]]] | None = None,
    ) -> Feed[_Record | None]:
        repo = self._store.telemonitoring
        versions = repo.versions_of_type(resource_type)

        def apply(records: list[_Record | None]) -> None:
            for record in records:
                if record is None:
                    continue
                if record.readings is not None:
                    repo.replace_readings(str(record.resource["id"]), record.readings)
                    summary.readings += len(record.readings)
                repo.save_resource(record.resource, record.patient, keep_json=record.keep_json)
                versions[str(record.resource["id"])] = _version(record.resource)
                if record.counted:
                    summary.resources += 1

        return Feed(
            resource_type,
            LABEL,
            _MAPPERS[resource_type],
            apply,
            known_version=versions.get,
            regroup=regroup,
        )

    def _definitions(self, summary: TelemonitoringSummary) -> Generator[Progress, None, None]:
        """The ActivityDefinitions the cached plans name, then their ObservationDefinitions."""
        repo = self._store.telemonitoring
        activity_ids = sorted(
            {a for plan in repo.resources("CarePlan") for a in fhir.plan_references(plan)[0]}
        )
        yield from self._by_id("ActivityDefinition", activity_ids, summary)
        definitions = repo.resources_by_id("ActivityDefinition", activity_ids).values()
        observation_ids = sorted(
            {o for d in definitions for o in fhir.observation_definition_ids(d)}
        )
        yield from self._by_id("ObservationDefinition", observation_ids, summary)

    def _by_id(
        self, resource_type: str, ids: Iterable[str], summary: TelemonitoringSummary
    ) -> Generator[Progress, None, None]:
        """Shared definitions (no patient data), by id: what changed is saved."""
        ids = list(ids)
        repo = self._store.telemonitoring
        for start in range(0, len(ids), 100):
            chunk = ids[start : start + 100]
            params = {"_id": ",".join(chunk), "_count": str(self._page_size)}
            for page in self._client.search_pages(resource_type, params):
                summary.pages += 1
                with self._store.transaction():
                    for entry in page.get("entry", []):
                        resource = entry.get("resource")
                        if not resource:
                            continue
                        cached = repo.versions(resource_type, [resource["id"]])
                        if cached.get(resource["id"]) == _version(resource):
                            summary.unchanged += 1
                            continue
                        repo.save_resource(resource, None)
                        summary.resources += 1
            yield Progress(min(start + 100, len(ids)), len(ids), LABEL)


class _LoneHalves:
    """Pairs each page's blood-pressure halves and holds back those left alone (their
    partner may be on another page) for :meth:`TelemonitoringPull._pair_across_pages`.
    Pages of different queries are prepared on several threads at once."""

    def __init__(self) -> None:
        self.halves: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def regroup(self, observations: list[dict[str, Any]]) -> list[dict[str, Any]]:
        grouped = fhir.pair_blood_pressure(observations)
        alone = [o for o in grouped if fhir.blood_pressure_half(o) is not None]
        with self._lock:
            self.halves.extend(alone)
        return [o for o in grouped if fhir.blood_pressure_half(o) is None]


def _newest_versions(resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One of each id, the last read: a query's pages run oldest first, and an overlap
    window may bring the same version twice."""
    return list({str(r.get("id", "")): r for r in resources}.values())


def _version(resource: dict[str, Any]) -> str:
    return str(resource.get("meta", {}).get("versionId", "1"))


def _patient(resource: dict[str, Any]) -> PatientId:
    patient = fhir.patient_of(resource)
    if patient is None:
        raise InvalidRecord(
            f"{resource.get('resourceType')}/{resource.get('id')}: no patient", field="subject"
        )
    return patient


def _observation(resource: dict[str, Any]) -> _Record:
    patient = _patient(resource)
    if resource.get("_paired"):
        # The diastolic half of a pair: its reading is the systolic's; its version is kept.
        bare = {k: v for k, v in resource.items() if k != "_paired"}
        return _Record(bare, patient, keep_json=False, counted=False)
    return _Record(resource, patient, tuple(fhir.readings_from(resource)), keep_json=False)


def _device(resource: dict[str, Any]) -> _Record:
    patient = _patient(resource)
    fhir.device_from(resource)  # a device without UDI is quarantined
    return _Record(resource, patient)


def _plan(resource: dict[str, Any]) -> _Record | None:
    patient = _patient(resource)
    # Another kind of care plan is not ours to keep.
    return _Record(resource, patient) if fhir.is_telemonitoring_plan(resource) else None


def _task(resource: dict[str, Any]) -> _Record | None:
    patient = _patient(resource)
    # Another kind of task is not ours to keep.
    return _Record(resource, patient) if fhir.is_alarm_action(resource) else None


_MAPPERS = {"Observation": _observation, "Device": _device, "CarePlan": _plan, "Task": _task}
