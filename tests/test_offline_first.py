"""Offline first, end to end: record with the server down, restart, and the outbox drains by itself.

A nurse syncs in the morning, loses the signal, records vital signs, closes the
laptop, opens it again still offline and records more; when the server is back
the background sync sends everything, each reading exactly once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fse_desk.connectors.push import local_identifier
from fse_desk.domain.vitals import Vital, VitalReading
from fse_desk.errors import ServerUnavailable
from fse_desk.startup import open_workstation
from fse_desk.workstation import Workstation
from fse_desk_sandbox import SandboxServer
from fse_desk_ui.sync_controller import SyncController
from tests.fixtures_region import LiveRegion, region_config


def _home_visit(
    workstation: Workstation, patient_id: str, measurements: dict[Vital, tuple[float, ...]]
) -> list[VitalReading]:
    return workstation.vitals.record(
        patient_id,
        measurements,
        effective_at=datetime.now(UTC) - timedelta(minutes=10),
        performer=workstation.operator.display_name,
        note="visita domiciliare",
    )


def test_work_recorded_offline_across_a_restart_reaches_the_server_once(
    qtbot: QtBot, tmp_path: Path, live_region: LiveRegion
) -> None:
    config = region_config(tmp_path, live_region.server.base_url)
    port = live_region.server.port
    workstation = open_workstation(config)
    try:
        workstation.sync()  # in the morning, at the Casa della Salute
        first, second = (p.id for p in workstation.search_patients("")[:2])
        live_region.server.stop()  # on the road: no signal from here on
        readings = _home_visit(
            workstation,
            first,
            {Vital.BLOOD_PRESSURE: (150.0, 92.0), Vital.HEART_RATE: (88.0,), Vital.SPO2: (93.0,)},
        )
        readings += _home_visit(
            workstation, second, {Vital.BODY_WEIGHT: (84.2,), Vital.CAPILLARY_GLUCOSE: (162.0,)}
        )
        assert workstation.status.outbox_pending == 5
        with pytest.raises(ServerUnavailable):
            workstation.sync()
        assert workstation.status.online is False
        assert workstation.outbox.pending_count() == 5  # a failed sync loses nothing
    finally:
        workstation.close()

    workstation = open_workstation(config)  # the laptop is opened again, still offline
    controller = SyncController(workstation, online_interval_ms=300, offline_retry_ms=100)
    back: SandboxServer | None = None
    try:
        assert workstation.status.outbox_pending == 5
        assert {r.id for r in workstation.vitals.recent(first)} >= {r.id for r in readings[:3]}
        readings += _home_visit(
            workstation, first, {Vital.BODY_TEMPERATURE: (37.9,), Vital.RESPIRATORY_RATE: (22.0,)}
        )
        assert workstation.status.outbox_pending == 7

        with qtbot.waitSignal(controller.finished, timeout=20_000) as offline:
            controller.sync_now(manual=False)  # as the main window does at start-up
        assert offline.args == [None] and workstation.status.online is False
        assert workstation.outbox.pending_count() == 7

        back = SandboxServer(live_region.store, port=port).start()  # the signal returns
        # No click: the retry timer syncs, and later rounds send what was backing off.
        qtbot.waitUntil(lambda: workstation.status.online is True, timeout=20_000)
        qtbot.waitUntil(lambda: workstation.status.outbox_pending == 0, timeout=30_000)
        assert workstation.outbox.pending_count() == 0
    finally:
        controller.shutdown()
        qtbot.waitUntil(lambda: not controller.running, timeout=20_000)
        workstation.close()
    try:
        for reading in readings:
            ident = local_identifier(reading.id)
            copies = list(
                live_region.client.search(
                    "Observation", {"identifier": f"{ident['system']}|{ident['value']}"}
                )
            )
            assert len(copies) == 1, f"{reading.vital.name} is on the server {len(copies)} times"
            assert copies[0]["subject"]["reference"] == f"Patient/{reading.patient_id}"
    finally:
        if back is not None:
            back.stop()
