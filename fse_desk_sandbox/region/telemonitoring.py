"""Telemonitored patients of the demo region: signed plans, devices and their streams.

A chronic patient may be enrolled (``ENROL_SHARE``): one CarePlan (category 01
"Piano di Telemonitoraggio", at most a year) with, per parameter, an
ActivityDefinition (how often, morning/evening) and an ObservationDefinition whose
``qualifiedInterval`` carries the threshold and its rule text; one Device with a UDI
per instrument; and 90 days of readings. A CGM day is one Observation with
``valueSampledData`` (288 values, one every 5 minutes; ``E`` where the sensor sent
nothing), so 90 days are 90 resources rather than 26,000.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np

from fse_desk.domain import telemonitoring_codes as codes
from fse_desk.domain.telemonitoring import DIASTOLIC, SYSTOLIC, Parameter
from fse_desk_sandbox.region import telemonitoring_streams as streams
from fse_desk_sandbox.region.clock import fhir_instant
from fse_desk_sandbox.region.facilities import DEMO_MMG_NAME, DEMO_MMG_ROLE_ID
from fse_desk_sandbox.region.people import Person

ENROL_SHARE = 0.3  # of the chronic patients
STREAM_DAYS = 90
_CATEGORY = {
    "coding": [
        {
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "vital-signs",
        }
    ]
}
# Programme key (as in conditions.CHRONIC) → what the plan measures.
_PROGRAMMES = {
    "scompenso": ("428.0", (Parameter.WEIGHT, Parameter.BLOOD_PRESSURE, Parameter.HEART_RATE)),
    "bpco": ("496", (Parameter.SPO2, Parameter.HEART_RATE)),
    "diabete": ("250.00", (Parameter.GLUCOSE,)),
    "ipertensione": ("401.9", (Parameter.BLOOD_PRESSURE,)),
}
_DEVICES = {
    Parameter.WEIGHT: ("Bilancia connessa", "scale"),
    Parameter.BLOOD_PRESSURE: ("Sfigmomanometro automatico", "bp"),
    Parameter.HEART_RATE: ("Pulsossimetro", "oxi"),
    Parameter.SPO2: ("Pulsossimetro", "oxi"),
    Parameter.GLUCOSE: ("Sensore CGM", "cgm"),
}
_SCHEDULE = {  # times a day, and when
    Parameter.WEIGHT: (1, ("MORN",)),
    Parameter.BLOOD_PRESSURE: (4, ("MORN", "EVE")),
    Parameter.HEART_RATE: (2, ("MORN", "EVE")),
    Parameter.SPO2: (2, ("MORN", "EVE")),
    Parameter.GLUCOSE: (288, ()),
}
# The plan's thresholds: (component, low, high, condition).
_THRESHOLDS: dict[Parameter, tuple[tuple[str | None, float | None, float | None, str], ...]] = {
    Parameter.WEIGHT: ((None, None, None, "+2 kg in 3 giorni"),),
    Parameter.BLOOD_PRESSURE: (
        (SYSTOLIC, 90, 160, "Sistolica fuori 90-160 mmHg: contattare il paziente"),
        (DIASTOLIC, 50, 100, "Diastolica fuori 50-100 mmHg: contattare il paziente"),
    ),
    Parameter.HEART_RATE: ((None, 50, 110, "Frequenza fuori 50-110/min"),),
    Parameter.SPO2: ((None, 92, 100, "SpO2 sotto 92%: contattare il paziente"),),
    Parameter.GLUCOSE: ((None, 54, 300, "Glicemia sotto 54 o sopra 300 mg/dL"),),
}


def is_enrolled(rng: random.Random, chronic: Iterable[str]) -> bool:
    return bool(tuple(chronic)) and rng.random() < ENROL_SHARE


def telemonitoring_resources(
    rng: random.Random, person: Person, chronic: tuple[str, ...], today: date
) -> list[dict[str, Any]]:
    """Plan, definitions, devices and readings of an enrolled patient (programmes ``chronic``)."""
    programmes = [p for p in chronic if p in _PROGRAMMES]
    if not programmes:
        return []
    parameters = list(dict.fromkeys(p for key in programmes for p in _PROGRAMMES[key][1]))
    idx = f"{person.index:06d}"
    start = today - timedelta(days=rng.randint(STREAM_DAYS + 5, 300))
    resources: list[dict[str, Any]] = []
    devices: dict[str, str] = {}
    for parameter in parameters:
        name, kind = _DEVICES[parameter]
        if kind not in devices:
            devices[kind] = f"dev-{idx}-{kind}"
            resources.append(_device(devices[kind], person, name, rng, parameters, kind))
    activities = []
    for parameter in parameters:
        ad_id, od_id = f"ad-{idx}-{_slug(parameter)}", f"od-{idx}-{_slug(parameter)}"
        resources.append(_activity_definition(ad_id, od_id, parameter))
        resources += _observation_definitions(od_id, parameter)
        activities.append((parameter, ad_id, devices[_DEVICES[parameter][1]]))
    type_i = programmes == ["ipertensione"]  # reviewed periodically, no automatic alarms
    resources.insert(0, _careplan(person, idx, start, programmes, activities, type_i))
    gen = np.random.default_rng(rng.getrandbits(64))
    first = today - timedelta(days=STREAM_DAYS)
    resources += _readings(gen, person, idx, parameters, devices, first)
    return resources


def _device(
    device_id: str,
    person: Person,
    name: str,
    rng: random.Random,
    parameters: list[Parameter],
    kind: str,
) -> dict[str, Any]:
    gtin = f"0801234{rng.randrange(10**6):06d}"
    serial = f"{kind.upper()}{rng.randrange(10**7):07d}"
    measured = [p for p in parameters if _DEVICES[p][1] == kind]
    return {
        "resourceType": "Device",
        "id": device_id,
        "status": "active",
        "udiCarrier": [{"deviceIdentifier": gtin, "carrierHRF": f"(01){gtin}(21){serial}"}],
        "deviceName": [{"name": name, "type": "user-friendly-name"}],
        "serialNumber": serial,
        "patient": {"reference": f"Patient/{person.patient_id}"},
        "property": [
            {"type": {"coding": [{"system": codes.LOINC, "code": p.value}]}} for p in measured
        ],
    }


def _activity_definition(ad_id: str, od_id: str, parameter: Parameter) -> dict[str, Any]:
    per_day, when = _SCHEDULE[parameter]
    repeat: dict[str, Any] = {"frequency": per_day, "period": 1, "periodUnit": "d"}
    if when:
        repeat["when"] = list(when)
    return {
        "resourceType": "ActivityDefinition",
        "id": ad_id,
        "status": "active",
        "description": f"Rilevazione {parameter.name.lower().replace('_', ' ')}",
        "code": {"coding": [{"system": codes.LOINC, "code": parameter.value}]},
        "timingTiming": {"repeat": repeat},
        "observationRequirement": [
            {"reference": f"ObservationDefinition/{od_id}{suffix}"}
            for suffix in _od_suffixes(parameter)
        ],
    }


def _od_suffixes(parameter: Parameter) -> list[str]:
    return ["-sys", "-dia"] if parameter is Parameter.BLOOD_PRESSURE else [""]


def _observation_definitions(od_id: str, parameter: Parameter) -> list[dict[str, Any]]:
    definitions = []
    for suffix, (component, low, high, condition) in zip(
        _od_suffixes(parameter), _THRESHOLDS[parameter], strict=True
    ):
        coding = [{"system": codes.LOINC, "code": parameter.value}]
        if component:
            coding.append({"system": codes.LOINC, "code": component})
        interval: dict[str, Any] = {"category": "critical", "condition": condition}
        span = {}
        if low is not None:
            span["low"] = {"value": low, "unit": parameter.unit}
        if high is not None:
            span["high"] = {"value": high, "unit": parameter.unit}
        if span:
            interval["range"] = span
        definitions.append(
            {
                "resourceType": "ObservationDefinition",
                "id": od_id + suffix,
                "code": {"coding": coding},
                "permittedDataType": ["Quantity"],
                "qualifiedInterval": [interval],
            }
        )
    return definitions


def _careplan(
    person: Person,
    idx: str,
    start: date,
    programmes: list[str],
    activities: list[tuple[Parameter, str, str]],
    type_i: bool,
) -> dict[str, Any]:
    reasons = [
        {"coding": [{"system": codes.ICD9CM, "code": _PROGRAMMES[p][0]}]} for p in programmes
    ]
    kind = "I" if type_i else "II"
    return {
        "resourceType": "CarePlan",
        "id": f"cp-{idx}",
        "identifier": [{"system": "urn:oid:2.16.840.1.113883.2.9.2.80.4.7", "value": f"PTM-{idx}"}],
        "status": "active",
        "intent": "plan",
        "title": "Piano di telemonitoraggio",
        "category": [
            {
                "coding": [
                    {
                        "system": codes.PLAN_CATEGORY_SYSTEM,
                        "code": "01",
                        "display": "Piano di Telemonitoraggio",
                    }
                ]
            },
            {"coding": [{"system": codes.MONITORING_TYPE_SYSTEM, "code": kind}]},
        ],
        "subject": {"reference": f"Patient/{person.patient_id}"},
        "period": {"start": start.isoformat(), "end": (start + timedelta(days=364)).isoformat()},
        "created": fhir_instant(datetime.combine(start, datetime.min.time()).replace(hour=10)),
        "author": {"reference": f"PractitionerRole/{DEMO_MMG_ROLE_ID}", "display": DEMO_MMG_NAME},
        "activity": [
            {
                "detail": {
                    "code": {"coding": [{"system": codes.LOINC, "code": parameter.value}]},
                    "reasonCode": reasons,
                    "instantiatesCanonical": [f"ActivityDefinition/{ad_id}"],
                    "performer": [{"reference": f"Device/{device_id}"}],
                    "status": "in-progress",
                }
            }
            for parameter, ad_id, device_id in activities
        ],
    }


def _readings(
    gen: np.random.Generator,
    person: Person,
    idx: str,
    parameters: list[Parameter],
    devices: dict[str, str],
    first: date,
) -> list[dict[str, Any]]:
    days = STREAM_DAYS
    out: list[dict[str, Any]] = []

    def add(parameter: Parameter, stream: streams.Stream, column: int | None = None) -> None:
        device = devices[_DEVICES[parameter][1]]
        for n, (moment, row) in enumerate(zip(stream.times, stream.values, strict=True)):
            obs_id = f"tmo-{idx}-{_slug(parameter)}-{n:05d}"
            values = tuple(float(v) for v in (row if column is None else row[column : column + 1]))
            out.append(_observation(obs_id, person, parameter, moment, values, device))

    if Parameter.WEIGHT in parameters:
        add(Parameter.WEIGHT, streams.weight(gen, first, days, float(gen.uniform(65, 95))))
    if Parameter.BLOOD_PRESSURE in parameters:
        add(
            Parameter.BLOOD_PRESSURE,
            streams.blood_pressure(
                gen, first, days, float(gen.uniform(128, 146)), float(gen.uniform(78, 88))
            ),
        )
    if Parameter.SPO2 in parameters:
        oxi = streams.spo2_heart_rate(gen, first, days, float(gen.uniform(94, 97)))
        add(Parameter.SPO2, oxi, 0)
        add(Parameter.HEART_RATE, oxi, 1)
    elif Parameter.HEART_RATE in parameters:
        add(Parameter.HEART_RATE, streams.spo2_heart_rate(gen, first, days, 96.0), 1)
    if Parameter.GLUCOSE in parameters:
        out += _cgm_days(
            idx, person, streams.cgm(gen, first, days, float(gen.uniform(135, 175))), devices["cgm"]
        )
    return out


def _observation(
    obs_id: str,
    person: Person,
    parameter: Parameter,
    moment: float,
    values: tuple[float, ...],
    device_id: str,
) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": obs_id,
        "identifier": [{"system": "urn:oid:2.16.840.1.113883.2.9.2.80.4.8", "value": obs_id}],
        "status": "final",
        "category": [_CATEGORY],
        "code": {"coding": [{"system": codes.LOINC, "code": parameter.value}]},
        "subject": {"reference": f"Patient/{person.patient_id}"},
        "effectiveDateTime": _instant(moment),
        "device": {"reference": f"Device/{device_id}", "display": _DEVICES[parameter][0]},
    }
    if parameter is Parameter.BLOOD_PRESSURE:
        resource["component"] = [
            {
                "code": {"coding": [{"system": codes.LOINC, "code": code}]},
                "valueQuantity": _quantity(value, parameter.unit),
            }
            for code, value in zip((SYSTOLIC, DIASTOLIC), values, strict=True)
        ]
    else:
        resource["valueQuantity"] = _quantity(values[0], parameter.unit)
    return resource


def _cgm_days(
    idx: str, person: Person, stream: streams.Stream, device_id: str
) -> list[dict[str, Any]]:
    per_day = 288
    out = []
    for day in range(stream.times.size // per_day):
        values = stream.values[day * per_day : (day + 1) * per_day, 0]
        data = " ".join("E" if np.isnan(v) else str(int(v)) for v in values)
        obs_id = f"tmo-{idx}-cgm-{day:03d}"
        out.append(
            {
                "resourceType": "Observation",
                "id": obs_id,
                "identifier": [
                    {"system": "urn:oid:2.16.840.1.113883.2.9.2.80.4.8", "value": obs_id}
                ],
                "status": "final",
                "category": [_CATEGORY],
                "code": {"coding": [{"system": codes.LOINC, "code": Parameter.GLUCOSE.value}]},
                "subject": {"reference": f"Patient/{person.patient_id}"},
                "effectivePeriod": {
                    "start": _instant(float(stream.times[day * per_day])),
                    "end": _instant(float(stream.times[(day + 1) * per_day - 1])),
                },
                "device": {"reference": f"Device/{device_id}", "display": "Sensore CGM"},
                "valueSampledData": {
                    "origin": {"value": 0, "unit": "mg/dL", "system": codes.UCUM, "code": "mg/dL"},
                    "period": streams.CGM_INTERVAL_S * 1000,
                    "dimensions": 1,
                    "data": data,
                },
            }
        )
    return out


def _quantity(value: float, unit: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": codes.UCUM, "code": unit}


def _instant(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).astimezone(streams.ROME).isoformat(timespec="seconds")


def _slug(parameter: Parameter) -> str:
    """``BLOOD_PRESSURE`` → ``blood-pressure`` (FHIR ids take no underscore)."""
    return parameter.name.lower().replace("_", "-")
