"""Vital-sign rules and the all-or-nothing write of readings with their outbox entries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fse_desk.domain import ConsentState
from fse_desk.domain.outbox import OutboxMethod
from fse_desk.domain.vitals import Vital, check_values
from fse_desk.errors import InvalidRecord
from fse_desk.store import CacheStore
from fse_desk.vitals import VitalsService, reading_from_observation, to_observation
from tests.timeline_support import clinician_access

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("vital", "values", "field", "match"),
    [
        (Vital.BLOOD_PRESSURE, (120.0, 125.0), "diastolic", "not below systolic"),
        (Vital.BLOOD_PRESSURE, (400.0, 80.0), "blood_pressure", "outside"),
        (Vital.BLOOD_PRESSURE, (120.0,), "blood_pressure", "takes 2 value"),
        (Vital.SPO2, (101.0,), "spo2", "outside"),
        (Vital.BODY_TEMPERATURE, (29.9,), "body_temperature", "outside"),
        (Vital.HEART_RATE, (float("nan"),), "heart_rate", "outside"),
        (Vital.CAPILLARY_GLUCOSE, (5.0,), "capillary_glucose", "outside"),
    ],
)
def test_implausible_values_are_refused_naming_the_field(
    vital: Vital, values: tuple[float, ...], field: str, match: str
) -> None:
    with pytest.raises(InvalidRecord, match=match) as info:
        check_values(vital, values)
    assert info.value.field == field


def test_plausible_values_pass() -> None:
    check_values(Vital.BLOOD_PRESSURE, (135.0, 85.0))
    check_values(Vital.BODY_WEIGHT, (81.5,))


def test_record_is_all_or_nothing(cache_store: CacheStore, records: object) -> None:
    patient = records.patient(consent=ConsentState.GRANTED)
    cache_store.patients.upsert_many([patient])
    service = VitalsService(cache_store, clinician_access(cache_store))
    with pytest.raises(InvalidRecord, match="outside"):
        service.record(
            patient.id,
            {Vital.HEART_RATE: (72.0,), Vital.SPO2: (140.0,)},
            effective_at=NOW,
            performer="Inf. Carla Neri",
        )
    assert cache_store.vitals.count() == 0 and cache_store.outbox.count_pending() == 0
    with pytest.raises(InvalidRecord, match="future") as info:
        service.record(
            patient.id,
            {Vital.HEART_RATE: (72.0,)},
            effective_at=datetime.now(UTC) + timedelta(hours=1),
            performer="X",
        )
    assert info.value.field == "effective_at"
    with pytest.raises(InvalidRecord, match="not in the cache"):
        service.record("nobody", {Vital.HEART_RATE: (72.0,)}, effective_at=NOW, performer="X")

    saved = service.record(
        patient.id,
        {Vital.HEART_RATE: (72.0,), Vital.SPO2: (96.0,)},
        effective_at=NOW,
        performer="Inf. Carla Neri",
        note="a riposo",
    )
    assert cache_store.vitals.for_patient(patient.id) == sorted(saved, key=lambda r: r.id)
    entries = cache_store.outbox.sendable()
    assert [(e.resource_id, e.method) for e in entries] == [
        (r.id, OutboxMethod.CREATE) for r in saved
    ]
    assert entries[0].payload == to_observation(saved[0])


def test_blood_pressure_is_a_panel_with_two_components(
    cache_store: CacheStore, records: object
) -> None:
    patient = records.patient()
    cache_store.patients.upsert_many([patient])
    [reading] = VitalsService(cache_store, clinician_access(cache_store)).record(
        patient.id,
        {Vital.BLOOD_PRESSURE: (135.0, 85.0)},
        effective_at=NOW,
        performer="Dott.ssa Elena Guidotti",
        performer_id="prac-mmg-demo",
    )
    observation = to_observation(reading)
    assert observation["code"]["coding"][0] == {"system": "http://loinc.org", "code": "85354-9"}
    assert "valueQuantity" not in observation
    assert [c["code"]["coding"][0]["code"] for c in observation["component"]] == [
        "8480-6",
        "8462-4",
    ]
    assert observation["performer"][0]["reference"] == "Practitioner/prac-mmg-demo"
    changed = {
        **observation,
        "component": [
            {**observation["component"][0], "valueQuantity": {"value": 140.0}},
            {**observation["component"][1], "valueQuantity": {"value": 90.0}},
        ],
    }
    assert reading_from_observation(changed, reading).values == (140.0, 90.0)
