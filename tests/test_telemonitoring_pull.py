"""Plans and device streams pulled from the sandbox over HTTP into the encrypted cache."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from fse_desk.connectors.telemonitoring_fhir import pair_blood_pressure, readings_from
from fse_desk.domain.telemonitoring import MonitoringType, Parameter, Programme
from fse_desk.store import CacheStore
from fse_desk.telemonitoring.service import TelemonitoringService
from fse_desk_sandbox import SandboxServer
from tests.telemonitoring_region import TmRegion, build_region, sync


@pytest.fixture(scope="module")
def region() -> TmRegion:
    return build_region()


def observations(region: TmRegion, n: int) -> list[dict[str, Any]]:
    pid = region.patient(n)
    return [
        r
        for r in region.resources
        if r["resourceType"] == "Observation" and r["subject"]["reference"] == f"Patient/{pid}"
    ]


def test_plans_and_streams_arrive_for_consenting_patients_only(
    sandbox: SandboxServer, cache: CacheStore, region: TmRegion
) -> None:
    sandbox.store.bulk_load(copy.deepcopy(region.resources))
    summary = sync(cache, sandbox)
    service = TelemonitoringService(cache)
    assert summary.quarantined == 0
    assert service.enrolled() == [region.patient(0), region.patient(1), region.patient(2)]

    plan = service.plan(region.patient(0))
    assert plan is not None
    assert set(plan.programmes) == {Programme.HEART_FAILURE, Programme.DIABETES}
    assert plan.monitoring_type is MonitoringType.TYPE_II
    assert (plan.end - plan.start).days <= 366
    assert {d.udi[:4] for d in plan.devices} == {"(01)"}
    weight_rule = [t for t in plan.thresholds if t.parameter is Parameter.WEIGHT]
    assert [(t.change, t.window_days) for t in weight_rule] == [(2.0, 3)]
    bp = {(t.component, t.low, t.high) for t in plan.thresholds_for(Parameter.BLOOD_PRESSURE)}
    assert bp == {("8480-6", 90, 160), ("8462-4", 50, 100)}
    assert plan.signed_by and plan.signed_at is not None
    hypertension = service.plan(region.patient(2))
    assert hypertension is not None and hypertension.monitoring_type is MonitoringType.TYPE_I

    # 90 days of CGM every 5 minutes, with its gaps: about 26,000 readings.
    glucose = service.track(region.patient(0), Parameter.GLUCOSE)
    sent = sum(
        len([v for v in o["valueSampledData"]["data"].split() if v != "E"])
        for o in observations(region, 0)
        if "valueSampledData" in o
    )
    assert len(glucose) == sent and 24_000 < sent <= 90 * 288
    weights = [o for o in observations(region, 0) if o["code"]["coding"][0]["code"] == "29463-7"]
    assert len(service.track(region.patient(0), Parameter.WEIGHT)) == len(weights)
    assert service.plan(region.patient(3)) is None  # no consent: nothing pulled
    assert cache.telemonitoring.count_readings(region.patient(3)) == 0


def test_second_pull_transfers_only_changes_and_dedups_overlap(
    sandbox: SandboxServer, cache: CacheStore, region: TmRegion
) -> None:
    sandbox.store.bulk_load(copy.deepcopy(region.resources))
    sync(cache, sandbox)
    before = cache.telemonitoring.count_readings()
    again = sync(cache, sandbox)
    assert again.resources == 0 and again.readings == 0
    # A corrected weight (new version) replaces the old reading, it does not add one.
    weight = next(o for o in observations(region, 0) if o["code"]["coding"][0]["code"] == "29463-7")
    stored = sandbox.store.read("Observation", weight["id"])
    changed = copy.deepcopy(weight)
    changed["valueQuantity"]["value"] = 99.9
    sandbox.store.update("Observation", weight["id"], changed, if_match=f'W/"{stored.version_id}"')
    third = sync(cache, sandbox)
    assert third.resources == 1 and cache.telemonitoring.count_readings() == before
    track = TelemonitoringService(cache).track(region.patient(0), Parameter.WEIGHT)
    assert 99.9 in track.values[:, 0]


def test_unmappable_resources_are_quarantined_and_do_not_block(
    sandbox: SandboxServer, cache: CacheStore, region: TmRegion
) -> None:
    resources = copy.deepcopy(region.resources)
    pid = region.patient(1)
    broken = {
        "resourceType": "Observation",
        "id": "bad-1",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "59408-5"}]},
        "subject": {"reference": f"Patient/{pid}"},
        "effectiveDateTime": "2026-11-01T08:00:00+01:00",
        "valueString": "not a number",
    }
    no_udi = {"resourceType": "Device", "id": "dev-bad", "patient": {"reference": f"Patient/{pid}"}}
    sandbox.store.bulk_load([*resources, broken, no_udi])
    summary = sync(cache, sandbox)
    assert summary.quarantined == 2
    held = cache.sync_records.quarantined()
    assert {(r.resource_type, r.resource_id) for r in held} == {
        ("Observation", "bad-1"),
        ("Device", "dev-bad"),
    }
    # The reason names the kind of fault, never patient data.
    assert all(region.people[1].family not in r.reason for r in held)
    assert len(TelemonitoringService(cache).track(pid, Parameter.SPO2)) > 100


def _half(pid: str, obs_id: str, code: str, value: float) -> dict[str, Any]:
    """One half of an office blood pressure, sent as its own Observation (as many FSEs do)."""
    return {
        "resourceType": "Observation",
        "id": obs_id,
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
        "subject": {"reference": f"Patient/{pid}"},
        "effectiveDateTime": "2026-11-02T10:30:00+01:00",
        "performer": [{"display": "Dott.ssa Elena Guidotti"}],
        "valueQuantity": {"value": value, "unit": "mm[Hg]"},
    }


def _office_readings(cache: CacheStore, pid: str) -> list[tuple[float, ...]]:
    track = TelemonitoringService(cache).track(pid, Parameter.BLOOD_PRESSURE)
    return [
        track.reading(i).values for i in range(len(track)) if track.keys[i].endswith("office-sys")
    ]


def test_systolic_and_diastolic_sent_apart_become_one_reading(
    sandbox: SandboxServer, cache: CacheStore, region: TmRegion
) -> None:
    pid = region.patient(2)
    resources = [r for r in copy.deepcopy(region.resources) if "valueSampledData" not in r]
    sandbox.store.bulk_load(
        [
            *resources,
            _half(pid, "office-sys", "8480-6", 148),
            _half(pid, "office-dia", "8462-4", 91),
        ]
    )
    summary = sync(cache, sandbox)
    assert summary.quarantined == 0
    assert _office_readings(cache, pid) == [(148.0, 91.0)]
    track = TelemonitoringService(cache).track(pid, Parameter.BLOOD_PRESSURE)
    [office] = [track.reading(i) for i in range(len(track)) if track.keys[i].endswith("office-sys")]
    assert office.performer == "Dott.ssa Elena Guidotti"


def test_a_pair_the_servers_paging_splits_is_still_one_reading(
    sandbox: SandboxServer, cache: CacheStore, region: TmRegion
) -> None:
    pid = region.patient(2)
    # Only three Observations, in this order: with pages of two, the systolic ends a page
    # and its diastolic starts the next.
    others = [r for r in copy.deepcopy(region.resources) if r["resourceType"] != "Observation"]
    weight = {
        **_half(pid, "office-weight", "29463-7", 0),
        "valueQuantity": {"value": 71.5, "unit": "kg"},
    }
    sys, dia = _half(pid, "office-sys", "8480-6", 152), _half(pid, "office-dia", "8462-4", 94)
    sandbox.store.bulk_load([*others, weight, sys, dia])
    summary = sync(cache, sandbox, page_size=2)
    assert summary.quarantined == 0 and cache.sync_records.quarantine_count() == 0
    assert _office_readings(cache, pid) == [(152.0, 94.0)]
    # The next sync (overlap window: the same pages again) neither duplicates nor quarantines.
    again = sync(cache, sandbox, page_size=2)
    assert again.quarantined == 0 and _office_readings(cache, pid) == [(152.0, 94.0)]
    # A half whose partner never comes is quarantined like any unreadable record.
    alone = {
        **_half(pid, "alone-sys", "8480-6", 160),
        "effectiveDateTime": "2026-11-03T09:00:00+01:00",
    }
    sandbox.store.bulk_load([alone])
    lone = sync(cache, sandbox, page_size=2)
    assert lone.quarantined == 1
    assert [(q.resource_type, q.resource_id) for q in cache.sync_records.quarantined()] == [
        ("Observation", "alone-sys")
    ]


def test_vital_signs_come_for_every_consenting_patient_and_once_when_they_enrol(
    sandbox: SandboxServer, cache: CacheStore, region: TmRegion
) -> None:
    pid = region.patient(2)
    plans = [
        r
        for r in region.resources
        if r["resourceType"] == "CarePlan" and r["subject"]["reference"] == f"Patient/{pid}"
    ]
    assert plans and observations(region, 2)
    sandbox.store.bulk_load([r for r in copy.deepcopy(region.resources) if r not in plans])
    sync(cache, sandbox)
    # Consenting but not enrolled: the vital signs recorded elsewhere are theirs all the same.
    sent = pair_blood_pressure(copy.deepcopy(observations(region, 2)))
    expected = sum(len(readings_from(o)) for o in sent if not o.get("_paired"))
    assert cache.telemonitoring.count_readings(pid) == expected
    assert cache.telemonitoring.count_readings(region.patient(1)) > 0
    sandbox.store.bulk_load(copy.deepcopy(plans))
    sync(cache, sandbox)
    # Enrolling adds the plan, not a second copy of any reading.
    assert cache.telemonitoring.count_readings(pid) == expected
