"""One place to read a patient's vitals: device, FSE and desk readings, each once."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fse_desk.domain.telemonitoring import Parameter, ReadingSource
from fse_desk.domain.vitals import Vital
from fse_desk.startup import open_workstation
from fse_desk.workstation import Workstation
from fse_desk_sandbox import ResourceStore, SandboxServer
from tests.fixtures_region import region_config
from tests.telemonitoring_region import TmRegion, build_region


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[Workstation, SandboxServer, TmRegion]]:
    region = build_region()
    store = ResourceStore(tmp_path / "region.sqlite")
    store.bulk_load([r for r in copy.deepcopy(region.resources) if "valueSampledData" not in r])
    server = SandboxServer(store).start()
    ws = open_workstation(region_config(tmp_path, server.base_url))
    ws.sync()
    yield ws, server, region
    ws.close()
    server.stop()
    store.close()


def test_desk_reading_merges_with_its_fse_copy_and_the_device_stream(
    setup: tuple[Workstation, SandboxServer, TmRegion],
) -> None:
    ws, server, region = setup
    patient = region.patient(1)  # COPD: SpO2 and heart rate from the oximeter
    device = len(ws.telemonitoring.track(patient, Parameter.SPO2))
    at = datetime.now(UTC) - timedelta(hours=1)
    (desk,) = ws.vitals.record(
        patient, {Vital.SPO2: (91.0,)}, effective_at=at, performer="Inf. Carla Neri"
    )
    track = ws.telemonitoring.track(patient, Parameter.SPO2)
    assert len(track) == device + 1  # shown at once, before it is sent
    assert ws.telemonitoring.waiting_keys(patient) == {f"urn:uuid:{desk.id}"}
    ws.sync()  # pushed, then pulled back from the FSE with its identifier
    assert server.store.count("Observation") > 0
    track = ws.telemonitoring.track(patient, Parameter.SPO2)
    assert len(track) == device + 1, "the FSE copy of the desk reading is not a second one"
    recent = ws.telemonitoring.recent_readings(patient, limit=5)
    mine = [r for r in recent if r.key == f"urn:uuid:{desk.id}"]
    assert len(mine) == 1 and mine[0].source is ReadingSource.PROFESSIONAL
    assert {r.source for r in ws.telemonitoring.recent_readings(patient, 50)} == {
        ReadingSource.PROFESSIONAL,
        ReadingSource.DEVICE,
    }
    assert ws.telemonitoring.waiting_keys(patient) == set()
