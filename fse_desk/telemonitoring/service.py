"""One place to read a patient's vitals and telemonitoring: plan, tracks, alarms.

Readings come from the platform's devices and the FSE (pulled into the cache) and
from this desk (vitals recorded here, maybe not yet sent). A desk reading travels
with its ``urn:uuid`` identifier and comes back from the FSE with it, so it is
merged by that key, never shown twice. Everything is read from the cache, so plans,
charts and alarms are the same offline.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from fse_desk._types import PatientId
from fse_desk.connectors import telemonitoring_fhir as fhir
from fse_desk.connectors.push import local_identifier
from fse_desk.domain.reading_track import Track
from fse_desk.domain.rome_clock import rome_date
from fse_desk.domain.telemonitoring import (
    Parameter,
    Plan,
    Reading,
    ReadingSource,
    parameter_for_loinc,
)
from fse_desk.domain.vitals import VitalReading
from fse_desk.errors import InvalidRecord
from fse_desk.store import CacheStore
from fse_desk.telemonitoring.cgm import CgmSummary, cgm_summary
from fse_desk.telemonitoring.home_bp import HomeBpResult, home_bp_protocol
from fse_desk.telemonitoring.plans import PlanState, current_plan, evaluate_plans, plan_state
from fse_desk.telemonitoring.rules import Alarm
from fse_desk.telemonitoring.summaries import (
    Marker,
    Spo2Status,
    WeightTrend,
    gap_seconds,
    gaps,
    spo2_status,
    timeline_markers,
    weight_trend,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PatientTelemonitoring:
    """Everything the Telemonitoraggio tab draws for one patient, computed off the GUI."""

    patient_id: PatientId
    plan: Plan | None
    tracks: dict[Parameter, Track]
    alarms: list[Alarm]
    markers: list[Marker]
    gaps: dict[Parameter, list[tuple[float, float]]]
    cgm: CgmSummary | None = None
    home_bp: HomeBpResult | None = None
    weight: WeightTrend | None = None
    spo2: Spo2Status | None = None
    plan_state: PlanState | None = None  # of ``plan`` today


DESK_READINGS_LIMIT = 10_000


def desk_reading(vital: VitalReading) -> Reading | None:
    """A vital recorded at this desk as a reading keyed like its Observation."""
    parameter = parameter_for_loinc(vital.vital.value.loinc)
    if parameter is None:
        return None
    return Reading(
        key=local_identifier(vital.id)["value"],
        patient_id=vital.patient_id,
        parameter=parameter,
        at=vital.effective_at,
        values=vital.values,
        source=ReadingSource.PROFESSIONAL,
        performer=vital.performer,
    )


class TelemonitoringService:
    def __init__(self, store: CacheStore) -> None:
        self._store = store

    def plans(self, patient_id: PatientId) -> list[Plan]:
        """Every readable plan of the patient in the cache, current or not (one entered
        in error is no plan at all)."""
        repo = self._store.telemonitoring
        plans = []
        for careplan in repo.resources("CarePlan", patient_id):
            if careplan.get("status") == "entered-in-error":
                continue
            activity_ids, device_ids = fhir.plan_references(careplan)
            activities = repo.resources_by_id("ActivityDefinition", activity_ids)
            od_ids = [o for a in activities.values() for o in fhir.observation_definition_ids(a)]
            try:
                plans.append(
                    fhir.plan_from(
                        careplan,
                        activities,
                        repo.resources_by_id("ObservationDefinition", od_ids),
                        repo.resources_by_id("Device", device_ids),
                    )
                )
            except InvalidRecord as exc:
                log.warning("cached plan not readable: %s", exc)
        return plans

    def plan(self, patient_id: PatientId) -> Plan | None:
        """The patient's current plan (the latest started, even if expired), or None."""
        return current_plan(self.plans(patient_id), rome_date(datetime.now(UTC)))

    def enrolled(self) -> list[PatientId]:
        return self._store.telemonitoring.enrolled_patients()

    def track(self, patient_id: PatientId, parameter: Parameter) -> Track:
        """Every reading of ``parameter``, whatever its source, each once, in time order."""
        cached = self._store.telemonitoring.track(patient_id, parameter)
        desk = [
            r
            for v in self._store.vitals.for_patient(patient_id, DESK_READINGS_LIMIT)
            if (r := desk_reading(v)) is not None and r.parameter is parameter
        ]
        if not desk:
            return cached
        known = set(cached.keys)
        extra = [r for r in desk if r.key not in known]
        if not extra:
            return cached
        return Track.of(patient_id, parameter, [*_records(cached), *extra])

    def tracks(self, patient_id: PatientId) -> dict[Parameter, Track]:
        return {p: t for p in Parameter if len(t := self.track(patient_id, p))}

    def recent_readings(self, patient_id: PatientId, limit: int = 200) -> list[Reading]:
        """The latest readings of every parameter, most recent first (the vitals table)."""
        readings = [
            track.reading(i)
            for track in self.tracks(patient_id).values()
            for i in range(max(0, len(track) - limit), len(track))
        ]
        return sorted(readings, key=lambda r: (r.at, r.key), reverse=True)[:limit]

    def waiting_keys(self, patient_id: PatientId) -> set[str]:
        """Keys of the patient's desk readings still waiting in the outbox."""
        return {
            local_identifier(e.resource_id)["value"]
            for e in self._store.outbox.entries()
            if e.patient_id == patient_id and e.resource_type == "Observation"
        }

    def alarms(self, patient_id: PatientId) -> list[Alarm]:
        """Each reading judged by the plan in force on its day (H-20)."""
        plans = self.plans(patient_id)
        parameters = {p for plan in plans for p in plan.parameters}
        return evaluate_plans(plans, {p: self.track(patient_id, p) for p in parameters})

    def patient_view(self, patient_id: PatientId) -> PatientTelemonitoring:
        plans = self.plans(patient_id)
        today = rome_date(datetime.now(UTC))
        plan = current_plan(plans, today)
        tracks = self.tracks(patient_id)
        for track in tracks.values():
            track.local_times()  # the charts' time axis, worked out here off the GUI thread
        alarms = evaluate_plans(plans, tracks)
        glucose = tracks.get(Parameter.GLUCOSE)
        bp = tracks.get(Parameter.BLOOD_PRESSURE)
        weight = tracks.get(Parameter.WEIGHT)
        spo2 = tracks.get(Parameter.SPO2)
        return PatientTelemonitoring(
            patient_id=patient_id,
            plan=plan,
            plan_state=plan_state(plan, plans, today) if plan else None,
            tracks=tracks,
            alarms=alarms,
            markers=timeline_markers(self._store.documents.list_for_patient(patient_id)),
            gaps={p: gaps(t, gap_seconds(plan, p)) for p, t in tracks.items()},
            cgm=cgm_summary(glucose) if glucose is not None and len(glucose) > 288 else None,
            home_bp=home_bp_protocol(bp) if bp is not None else None,
            weight=weight_trend(plan, weight) if plan and weight is not None else None,
            spo2=spo2_status(plan, spo2) if plan and spo2 is not None else None,
        )

    def all_alarms(self) -> list[Alarm]:
        """Alarms of every enrolled patient, computed from the cache (works offline)."""
        return [a for patient in self.enrolled() for a in self.alarms(patient)]


def _records(track: Track) -> list[Reading]:
    return [track.reading(i) for i in range(len(track))]
