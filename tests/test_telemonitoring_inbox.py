"""The alert inbox: actions offline then pushed once; two workstations on one alarm."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from fse_desk.startup import open_workstation
from fse_desk.telemonitoring.actions import AlarmStatus, Outcome
from fse_desk.telemonitoring.rules import Rule, Severity
from fse_desk.workstation import Workstation
from fse_desk_sandbox import ResourceStore, SandboxServer
from tests.fixtures_region import region_config
from tests.telemonitoring_region import TmRegion, build_region


@pytest.fixture(scope="module")
def region() -> TmRegion:
    return build_region()


@pytest.fixture
def server(tmp_path: Path, region: TmRegion) -> Iterator[SandboxServer]:
    # Without the CGM patient: the inbox tests need weights and SpO2, not 26,000 glucose values.
    resources = [r for r in copy.deepcopy(region.resources) if "valueSampledData" not in r]
    store = ResourceStore(tmp_path / "region.sqlite")
    store.bulk_load(resources)
    server = SandboxServer(store).start()
    yield server
    server.stop()
    store.close()


def workstation(tmp_path: Path, server: SandboxServer, name: str) -> Workstation:
    profile = name.split()[-1].lower()
    config = region_config(tmp_path / profile, server.base_url)
    user = dataclasses.replace(config.user, profile=profile, display_name=name)
    ws = open_workstation(dataclasses.replace(config, user=user))
    ws.sync()
    return ws


@pytest.fixture
def nurse_a(tmp_path: Path, server: SandboxServer) -> Iterator[Workstation]:
    ws = workstation(tmp_path, server, "Inf. Anna Rossi")
    yield ws
    ws.close()


@pytest.fixture
def nurse_b(tmp_path: Path, server: SandboxServer) -> Iterator[Workstation]:
    ws = workstation(tmp_path, server, "Inf. Bruno Verdi")
    yield ws
    ws.close()


def tasks_on_server(server: SandboxServer) -> int:
    return server.store.count("Task")


def test_inbox_lists_every_enrolled_patients_alarms(nurse_a: Workstation, region: TmRegion) -> None:
    items = nurse_a.alarm_inbox.items()
    patients = {i.alarm.patient_id for i in items}
    # HF decompensation (patient 0) and COPD exacerbation (patient 1); the type I
    # hypertension plan (patient 2) raises nothing; patient 3 did not consent.
    assert patients == {region.patient(0), region.patient(1)}
    rules = {(i.alarm.patient_id, i.alarm.rule) for i in items}
    assert (region.patient(0), Rule.WEIGHT_GAIN) in rules
    assert (region.patient(1), Rule.BELOW_RANGE) in rules
    assert all(i.status is AlarmStatus.NEW for i in items)
    severities = [i.alarm.severity for i in items]
    assert severities == sorted(severities, reverse=True)
    assert severities[0] is Severity.HIGH


def test_actions_offline_then_pushed_once(nurse_a: Workstation, server: SandboxServer) -> None:
    alarm = nurse_a.alarm_inbox.items()[0].alarm
    port = server.port
    server.stop()
    nurse_a.alarm_inbox.take_charge(alarm)
    nurse_a.alarm_inbox.add_note(alarm, "Telefonato, riferisce dispnea")
    nurse_a.alarm_inbox.close(alarm, Outcome.BOOKED_VISIT, "Visita domani")
    item = nurse_a.alarm_inbox.item(alarm.key)
    assert item is not None and item.status is AlarmStatus.CLOSED and item.unsent == 3
    assert [a.author for a in item.actions] == ["Inf. Anna Rossi"] * 3
    assert nurse_a.status.outbox_pending == 3
    back = SandboxServer(server.store, port=port).start()
    try:
        nurse_a.sync()
        nurse_a.sync()  # a second round sends nothing again
    finally:
        back.stop()
    assert tasks_on_server(server) == 3
    item = nurse_a.alarm_inbox.item(alarm.key)
    assert item is not None and item.unsent == 0 and item.status is AlarmStatus.CLOSED
    assert item.actions[-1].outcome is Outcome.BOOKED_VISIT


def test_two_workstations_taking_the_same_alarm_see_a_conflict(
    nurse_a: Workstation, nurse_b: Workstation, server: SandboxServer
) -> None:
    alarm = nurse_a.alarm_inbox.items()[0].alarm
    nurse_a.alarm_inbox.take_charge(alarm)
    nurse_b.alarm_inbox.take_charge(alarm)  # B has not seen A's action
    nurse_a.sync()
    nurse_b.sync()
    nurse_a.sync()
    for ws in (nurse_a, nurse_b):
        item = ws.alarm_inbox.item(alarm.key)
        assert item is not None and len(item.conflicts) == 1
        assert {a.author for pair in item.conflicts for a in pair} == {
            "Inf. Anna Rossi",
            "Inf. Bruno Verdi",
        }
    assert tasks_on_server(server) == 2  # both kept, neither overwritten
    # A assigns it to B having seen both: the conflict is settled everywhere.
    nurse_a.alarm_inbox.assign(alarm, "Inf. Bruno Verdi")
    nurse_a.sync()
    nurse_b.sync()
    item = nurse_b.alarm_inbox.item(alarm.key)
    assert item is not None and item.conflicts == () and item.owner == "Inf. Bruno Verdi"
