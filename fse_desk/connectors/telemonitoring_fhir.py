"""FHIR R4 resources of the telemonitoring guide → records (plan, readings).

Mapping raises :class:`InvalidRecord` on anything it cannot read, naming the
resource and field, never patient data; the pull quarantines that resource.
A CGM day may come as one Observation with ``valueSampledData`` (288 values every
5 minutes); each value becomes a reading keyed by the Observation and its position.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from fse_desk._types import PatientId
from fse_desk.connectors.fhir_mapping import parse_instant
from fse_desk.domain import telemonitoring_codes as codes
from fse_desk.domain.rome_clock import rome_date
from fse_desk.domain.telemonitoring import (
    DIASTOLIC,
    SYSTOLIC,
    Activity,
    Device,
    MonitoringType,
    Parameter,
    Plan,
    Programme,
    Reading,
    ReadingSource,
    Threshold,
    parameter_for_loinc,
)
from fse_desk.errors import InvalidRecord

_PROGRAMMES = {code: programme for programme, code in codes.PROGRAMME_CODES.items()}
_TYPES = {code: kind for kind, code in codes.MONITORING_TYPE_CODES.items()}


def _fail(resource: Mapping[str, Any], field: str, why: str) -> InvalidRecord:
    name = f"{resource.get('resourceType', '?')}/{resource.get('id', '?')}"
    return InvalidRecord(f"{name}: {why}", field=field)


def _reference_id(reference: Mapping[str, Any] | None, kind: str) -> str | None:
    text = (reference or {}).get("reference", "")
    prefix = f"{kind}/"
    return text[len(prefix) :] if isinstance(text, str) and text.startswith(prefix) else None


def patient_of(resource: Mapping[str, Any]) -> PatientId | None:
    """The patient a resource is about (subject or patient), if any."""
    for field in ("subject", "patient", "for"):
        found = _reference_id(resource.get(field), "Patient")
        if found:
            return PatientId(found)
    return None


def _codes(concept: Mapping[str, Any] | None, system: str | None = None) -> list[str]:
    return [
        str(c.get("code"))
        for c in (concept or {}).get("coding", [])
        if system is None or c.get("system") == system
    ]


def parameter_of(concept: Mapping[str, Any] | None) -> Parameter | None:
    for code in _codes(concept, codes.LOINC):
        found = parameter_for_loinc(code)
        if found is not None:
            return found
    return None


# -- the plan ---------------------------------------------------------------------
def is_telemonitoring_plan(careplan: Mapping[str, Any]) -> bool:
    return any(
        codes.PLAN_CATEGORY_TELEMONITORING in _codes(c, codes.PLAN_CATEGORY_SYSTEM)
        for c in careplan.get("category", [])
    )


def canonical_id(canonical: str, kind: str) -> str | None:
    """``ActivityDefinition/ad-1`` (or an absolute URL ending so) → ``ad-1``."""
    marker = f"{kind}/"
    return canonical.rsplit(marker, 1)[1].split("|")[0] if marker in canonical else None


def plan_references(careplan: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """The ActivityDefinition and Device ids the plan's activities point to."""
    activities, devices = [], []
    for activity in careplan.get("activity", []):
        detail = activity.get("detail", {})
        for canonical in detail.get("instantiatesCanonical", []):
            found = canonical_id(str(canonical), "ActivityDefinition")
            if found:
                activities.append(found)
        for performer in detail.get("performer", []):
            found = _reference_id(performer, "Device")
            if found:
                devices.append(found)
    # Two activities may share an instrument (SpO2 and heart rate on one oximeter).
    return list(dict.fromkeys(activities)), list(dict.fromkeys(devices))


def observation_definition_ids(activity_definition: Mapping[str, Any]) -> list[str]:
    return [
        found
        for ref in activity_definition.get("observationRequirement", [])
        if (found := _reference_id(ref, "ObservationDefinition"))
    ]


def thresholds_from(definition: Mapping[str, Any]) -> list[Threshold]:
    """An ObservationDefinition's ``qualifiedInterval`` entries as thresholds.

    ``range`` is the alarm range; a ``condition`` such as "+2 kg in 3 giorni" is a change
    rule, read from the text (the guide carries the window of days only there).
    """
    parameter = parameter_of(definition.get("code"))
    if parameter is None:
        raise _fail(definition, "code", "no known LOINC parameter")
    component_codes = _codes(definition.get("code"), codes.LOINC)
    component = next((c for c in component_codes if c in (SYSTOLIC, DIASTOLIC)), None)
    thresholds = []
    for interval in definition.get("qualifiedInterval", []):
        condition = str(interval.get("condition", ""))
        span = interval.get("range", {})
        low = span.get("low", {}).get("value")
        high = span.get("high", {}).get("value")
        change = _change_rule(condition)
        if change is not None:
            thresholds.append(
                Threshold(parameter, change=change[0], window_days=change[1], condition=condition)
            )
        elif low is not None or high is not None:
            thresholds.append(
                Threshold(
                    parameter,
                    None if low is None else float(low),
                    None if high is None else float(high),
                    component=component,
                    condition=condition,
                )
            )
    return thresholds


def _change_rule(condition: str) -> tuple[float, int] | None:
    """``"+2 kg in 3 giorni"`` → (2.0, 3); None for any other text."""
    words = condition.replace(",", ".").split()
    try:
        if len(words) >= 5 and words[0].startswith("+") and words[2] == "in":
            return float(words[0][1:]), int(words[3])
    except ValueError:
        return None
    return None


def activity_from(definition: Mapping[str, Any], parameters: list[Parameter]) -> list[Activity]:
    repeat = definition.get("timingTiming", {}).get("repeat", {})
    frequency = int(repeat.get("frequency", 1))
    period_days = {"d": 1, "wk": 7}.get(str(repeat.get("periodUnit", "d")), 1) * float(
        repeat.get("period", 1)
    )
    per_day = max(1, round(frequency / period_days)) if period_days else frequency
    when = tuple(codes.TIMES_OF_DAY.get(str(w), str(w)) for w in repeat.get("when", []))
    return [Activity(p, per_day, when, str(definition.get("description", ""))) for p in parameters]


def device_from(resource: Mapping[str, Any]) -> Device:
    carriers = resource.get("udiCarrier", [])
    udi = next((str(c.get("carrierHRF") or c.get("deviceIdentifier") or "") for c in carriers), "")
    if not udi:
        raise _fail(resource, "udiCarrier", "a telemonitoring device without a UDI")
    names = resource.get("deviceName", [])
    name = str(names[0].get("name", "")) if names else str(resource.get("type", {}).get("text", ""))
    parameters = tuple(
        p for t in resource.get("property", []) if (p := parameter_of(t.get("type")))
    )
    return Device(udi=udi, name=name, parameters=parameters)


_STOPPED = frozenset({"revoked", "completed"})  # CarePlan statuses ending a plan early


def plan_from(
    careplan: Mapping[str, Any],
    activity_definitions: Mapping[str, Mapping[str, Any]],
    observation_definitions: Mapping[str, Mapping[str, Any]],
    devices: Mapping[str, Mapping[str, Any]],
) -> Plan:
    """A plan from its CarePlan and the resources it points to (by id)."""
    patient = patient_of(careplan)
    if patient is None:
        raise _fail(careplan, "subject", "no patient")
    period = careplan.get("period", {})
    try:
        start = date.fromisoformat(str(period["start"])[:10])
        end = date.fromisoformat(str(period["end"])[:10])
    except (KeyError, ValueError) as exc:
        raise _fail(careplan, "period", "start and end dates are required") from exc
    kind = MonitoringType.TYPE_II
    programmes: list[Programme] = []
    for category in careplan.get("category", []):
        for code in _codes(category, codes.MONITORING_TYPE_SYSTEM):
            kind = _TYPES.get(code, kind)
    activity_ids, device_ids = plan_references(careplan)
    activities: list[Activity] = []
    thresholds: list[Threshold] = []
    for activity in careplan.get("activity", []):
        for reason in activity.get("detail", {}).get("reasonCode", []):
            for code in _codes(reason, codes.ICD9CM):
                if code in _PROGRAMMES and _PROGRAMMES[code] not in programmes:
                    programmes.append(_PROGRAMMES[code])
    for activity_id in activity_ids:
        definition = activity_definitions.get(activity_id)
        if definition is None:
            raise _fail(careplan, "activity", f"ActivityDefinition/{activity_id} is missing")
        parameters: list[Parameter] = []
        for od_id in observation_definition_ids(definition):
            od = observation_definitions.get(od_id)
            if od is None:
                raise _fail(definition, "observationRequirement", f"{od_id} is missing")
            found = thresholds_from(od)
            thresholds += found
            parameter = parameter_of(od.get("code"))
            if parameter is not None and parameter not in parameters:
                parameters.append(parameter)
        activities += activity_from(definition, parameters)
    authors = careplan.get("author")
    signed_by = str(authors.get("display", "")) if isinstance(authors, Mapping) else ""
    created = careplan.get("created")
    stopped_on = None
    updated = careplan.get("meta", {}).get("lastUpdated")
    if careplan.get("status") in _STOPPED and updated:
        # FHIR keeps no "stopped at" on a CarePlan: the change of status is its last update.
        stopped_on = rome_date(parse_instant(str(updated)))
    try:
        return Plan(
            id=str(careplan.get("id", "")),
            patient_id=patient,
            title=str(careplan.get("title", "")),
            start=start,
            end=end,
            monitoring_type=kind,
            programmes=tuple(programmes),
            activities=tuple(activities),
            thresholds=tuple(thresholds),
            devices=tuple(device_from(devices[d]) for d in device_ids if d in devices),
            signed_by=signed_by,
            signed_at=parse_instant(str(created)) if created else None,
            version_id=str(careplan.get("meta", {}).get("versionId", "1")),
            stopped_on=stopped_on,
        )
    except InvalidRecord as exc:
        raise _fail(careplan, exc.field or "CarePlan", str(exc)) from exc


def is_alarm_action(task: Mapping[str, Any]) -> bool:
    return bool(_codes(task.get("code"), codes.ALARM_ACTION_SYSTEM))


# -- readings ---------------------------------------------------------------------
def reading_key(observation: Mapping[str, Any]) -> str:
    """What identifies the reading whatever the route it came by: its first identifier
    (a desk reading travels with its urn:uuid), else the Observation's id."""
    for identifier in observation.get("identifier", []):
        if identifier.get("value"):
            return str(identifier["value"])
    return f"Observation/{observation.get('id', '')}"


def pair_blood_pressure(observations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Systolic and diastolic sent as two Observations (as many FSEs do) become one
    85354-9 panel, paired by patient and time; the pair keeps the systolic's id and
    identifier. The diastolic is returned as an empty marker (``_paired``) so its version
    is still recorded. Anything unpaired is left as it is (and will not map)."""
    halves: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    for obs in observations:
        found = blood_pressure_half(obs)
        if found is not None:
            key = (str(patient_of(obs)), str(obs.get("effectiveDateTime")))
            halves.setdefault(key, {})[found] = obs
    out: list[dict[str, Any]] = []
    paired: dict[int, dict[str, Any]] = {}
    for pair in halves.values():
        if SYSTOLIC in pair and DIASTOLIC in pair:
            systolic, diastolic = pair[SYSTOLIC], pair[DIASTOLIC]
            panel = {
                **systolic,
                "code": {
                    "coding": [{"system": codes.LOINC, "code": Parameter.BLOOD_PRESSURE.value}]
                },
                "component": [
                    {"code": systolic["code"], "valueQuantity": systolic["valueQuantity"]},
                    {"code": diastolic["code"], "valueQuantity": diastolic["valueQuantity"]},
                ],
            }
            panel.pop("valueQuantity", None)
            paired[id(systolic)] = panel
            paired[id(diastolic)] = {**diastolic, "_paired": True}
    for obs in observations:
        out.append(paired.get(id(obs), obs))
    return out


def blood_pressure_half(obs: Mapping[str, Any]) -> str | None:
    """``SYSTOLIC`` or ``DIASTOLIC`` for an Observation that carries only that half of a
    blood pressure (not a panel, not yet paired); None for anything else."""
    if obs.get("_paired") or "valueQuantity" not in obs:
        return None
    found = set(_codes(obs.get("code"), codes.LOINC))
    if Parameter.BLOOD_PRESSURE.value in found:
        return None
    return next((c for c in (SYSTOLIC, DIASTOLIC) if c in found), None)


def readings_from(observation: Mapping[str, Any]) -> list[Reading]:
    """The readings of a vital-signs Observation (one, or a SampledData series)."""
    parameter = parameter_of(observation.get("code"))
    if parameter is None:
        raise _fail(observation, "code", "not a telemonitoring parameter")
    patient = patient_of(observation)
    if patient is None:
        raise _fail(observation, "subject", "no patient")
    when = observation.get("effectiveDateTime") or observation.get("effectivePeriod", {}).get(
        "start"
    )
    try:
        at = parse_instant(str(when))
    except ValueError as exc:
        raise _fail(observation, "effective", "no readable time") from exc
    source = ReadingSource.DEVICE if observation.get("device") else ReadingSource.PROFESSIONAL
    performers = observation.get("performer", [])
    performer = str(performers[0].get("display", "")) if performers else ""
    if source is ReadingSource.DEVICE:
        performer = str(observation["device"].get("display", performer))
    key = reading_key(observation)

    def reading(k: str, moment: datetime, values: tuple[float, ...]) -> Reading:
        for value in values:
            if not math.isfinite(value):
                raise _fail(observation, "value", "not a number")
        return Reading(k, patient, parameter, moment, values, source, performer)

    try:
        if "valueSampledData" in observation:
            return _sampled(observation["valueSampledData"], key, at, reading)
        if parameter is Parameter.BLOOD_PRESSURE:
            by_code = {
                code: c.get("valueQuantity", {}).get("value")
                for c in observation.get("component", [])
                for code in _codes(c.get("code"), codes.LOINC)
            }
            values = (float(by_code[SYSTOLIC]), float(by_code[DIASTOLIC]))
            return [reading(key, at, values)]
        return [reading(key, at, (float(observation["valueQuantity"]["value"]),))]
    except (KeyError, TypeError, ValueError) as exc:
        raise _fail(observation, "value", "no readable value") from exc


def _sampled(data: Mapping[str, Any], key: str, start: datetime, make: Any) -> list[Reading]:
    """SampledData: origin + factor × each value, one every ``period`` ms; ``E`` (error),
    ``L``/``U`` (out of the device's limits) are gaps."""
    origin = float(data.get("origin", {}).get("value", 0))
    factor = float(data.get("factor", 1))
    period = timedelta(milliseconds=float(data["period"]))
    readings = []
    for n, token in enumerate(str(data.get("data", "")).split()):
        if token in ("E", "L", "U"):
            continue
        readings.append(make(f"{key}#{n}", start + n * period, (origin + factor * float(token),)))
    return readings
