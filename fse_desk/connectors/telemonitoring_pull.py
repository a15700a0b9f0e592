"""Pull the telemonitoring data of the practice's patients into the cache.

Patient-scoped: every search names the patients (``patient=<id,id,…>``, a few dozen
at a time) whose consent to consultation is granted, so nothing of anyone else's
crosses the wire. Per resource type the cursor is the *server's* clock when the
type's pull began (the search Bundle's ``meta.lastUpdated``), minus an overlap,
used with ``_lastUpdated=ge`` next time: timestamps are not unique on every server,
so the overlap re-reads a few resources and de-duplication by id + versionId makes
that free. A patient new to the list is pulled in full. The cursor moves only once
the whole type is done; a cancelled or failed pull repeats its work, never skips it.

A resource that cannot be mapped is quarantined (by type, id and reason only) and
counted; the rest carry on.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from fse_desk._types import PatientId
from fse_desk.connectors import telemonitoring_fhir as fhir
from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.connectors.fhir_mapping import parse_instant
from fse_desk.domain.patient import ConsentState
from fse_desk.errors import InvalidRecord
from fse_desk.progress import CancelToken, Progress
from fse_desk.store import CacheStore

log = logging.getLogger(__name__)

PATIENTS_KEY = "telemonitoring_patients"
CURSOR_PREFIX = "telemonitoring:"
OVERLAP = timedelta(minutes=5)
PATIENTS_PER_SEARCH = 40
# Pulled per patient, in this order: devices before the plans that name them; Tasks are
# the team's actions on alarms (from every workstation).
PATIENT_TYPES = ("Device", "CarePlan", "Observation", "Task")


@dataclass(slots=True)
class TelemonitoringSummary:
    resources: int = 0
    unchanged: int = 0
    readings: int = 0
    quarantined: int = 0
    pages: int = 0
    reasons: list[str] = field(default_factory=list)


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
        patients = sorted(
            p for p, c in self._store.patients.consent_states().items() if c is ConsentState.GRANTED
        )
        known = set(json.loads(self._store.sync_state.get(PATIENTS_KEY) or "[]"))
        old = [p for p in patients if p in known]
        new = [p for p in patients if p not in known]
        for resource_type in PATIENT_TYPES:
            cursor = self._store.sync_state.cursor(CURSOR_PREFIX + resource_type)
            clock: list[str] = []
            apply = self._applier(resource_type, summary)
            groups = [(old, cursor), (new, None)] if cursor else [(patients, None)]
            for group, since in groups:
                for start in range(0, len(group), PATIENTS_PER_SEARCH):
                    chunk = group[start : start + PATIENTS_PER_SEARCH]
                    yield from self._search(resource_type, chunk, since, apply, clock, summary)
                    cancel.raise_if_cancelled()
            if resource_type == "CarePlan":
                yield from self._definitions(summary)
            if clock:
                moved = parse_instant(clock[0]) - OVERLAP
                self._store.sync_state.set_cursor(CURSOR_PREFIX + resource_type, moved.isoformat())
        self._store.sync_state.set(PATIENTS_KEY, json.dumps(patients))
        log.info(
            "telemonitoring pull: %d resources, %d unchanged, %d readings, %d quarantined",
            summary.resources,
            summary.unchanged,
            summary.readings,
            summary.quarantined,
        )
        return summary

    def _search(
        self,
        resource_type: str,
        patients: Sequence[PatientId],
        since: str | None,
        apply: Callable[[dict[str, Any]], None],
        clock: list[str],
        summary: TelemonitoringSummary,
    ) -> Generator[Progress, None, None]:
        params = {
            "patient": ",".join(patients),
            "_count": str(self._page_size),
            "_sort": "_lastUpdated",
        }
        if since:
            params["_lastUpdated"] = f"ge{since}"
        done = 0
        for page in self._client.search_pages(resource_type, params):
            # The server's clock when the search ran: the next pull starts from there.
            stamp = page.get("meta", {}).get("lastUpdated")
            if stamp and not clock:
                clock.append(str(stamp))
            resources = [
                e["resource"]
                for e in page.get("entry", [])
                if e.get("search", {}).get("mode", "match") == "match" and "resource" in e
            ]
            summary.pages += 1
            if resource_type == "Observation":
                resources = fhir.pair_blood_pressure(resources)
            with self._store.transaction():
                for resource in resources:
                    apply(resource)
            done += len(resources)
            yield Progress(done, int(page.get("total", done)), "Telemonitoring")

    def _applier(
        self, resource_type: str, summary: TelemonitoringSummary
    ) -> Callable[[dict[str, Any]], None]:
        repo = self._store.telemonitoring

        def apply(resource: dict[str, Any]) -> None:
            resource_id = str(resource.get("id", ""))
            version = str(resource.get("meta", {}).get("versionId", "1"))
            if repo.versions(resource_type, [resource_id]).get(resource_id) == version:
                summary.unchanged += 1
                return
            try:
                patient = fhir.patient_of(resource)
                if patient is None:
                    raise InvalidRecord(
                        f"{resource_type}/{resource_id}: no patient", field="subject"
                    )
                if resource.get("_paired"):
                    resource = {k: v for k, v in resource.items() if k != "_paired"}
                    repo.save_resource(resource, patient, keep_json=False)
                    return  # the diastolic half of a pair: its reading is the systolic's
                if resource_type == "Observation":
                    readings = fhir.readings_from(resource)
                    repo.replace_readings(resource_id, readings)
                    summary.readings += len(readings)
                elif resource_type == "Device":
                    fhir.device_from(resource)  # a device without UDI is quarantined
                elif resource_type == "Task":
                    if not fhir.is_alarm_action(resource):
                        return  # another kind of task: not ours to keep
                elif not fhir.is_telemonitoring_plan(resource):
                    return  # another kind of care plan: not ours to keep
                repo.save_resource(resource, patient, keep_json=resource_type != "Observation")
                summary.resources += 1
            except InvalidRecord as exc:
                self._quarantine(resource, exc, summary)

        return apply

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
                        version = str(resource.get("meta", {}).get("versionId", "1"))
                        cached = repo.versions(resource_type, [resource["id"]])
                        if cached.get(resource["id"]) == version:
                            summary.unchanged += 1
                            continue
                        repo.save_resource(resource, None)
                        summary.resources += 1
            yield Progress(min(start + 100, len(ids)), len(ids), "Telemonitoring")

    def _quarantine(
        self, resource: dict[str, Any], exc: InvalidRecord, summary: TelemonitoringSummary
    ) -> None:
        # The message names the resource and field only, never patient data.
        log.warning("telemonitoring resource quarantined: %s", exc)
        self._store.telemonitoring.quarantine(resource, str(exc))
        summary.quarantined += 1
        summary.reasons.append(str(exc))
