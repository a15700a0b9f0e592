"""Background sync: it resumes by itself when the server returns, and stops with the window."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from fse_desk.workstation import Workstation
from fse_desk_sandbox import SandboxServer
from fse_desk_ui.sync_controller import SyncController
from tests.fixtures_region import LiveRegion


def test_sync_resumes_by_itself_when_the_server_returns(
    qtbot: QtBot, region_workstation: Workstation, live_region: LiveRegion
) -> None:
    port = live_region.server.port
    live_region.server.stop()
    controller = SyncController(region_workstation, online_interval_ms=60_000, offline_retry_ms=200)
    with qtbot.waitSignal(controller.finished, timeout=20_000) as first:
        controller.sync_now(manual=False)
    assert first.args == [None]
    assert region_workstation.status.online is False
    assert region_workstation.patient_count() == 0

    back = SandboxServer(live_region.store, port=port)
    back.start()
    try:
        # No click: the offline retry timer brings the sync back.
        # Generous waits: on a machine loaded several times over a pull takes seconds.
        qtbot.waitUntil(lambda: region_workstation.status.online is True, timeout=60_000)
        qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
        assert region_workstation.patient_count() == len(live_region.of_type("Patient"))
    finally:
        controller.shutdown()
        back.stop()


def test_shutdown_stops_the_automatic_syncs(qtbot: QtBot, region_workstation: Workstation) -> None:
    controller = SyncController(region_workstation, online_interval_ms=100, offline_retry_ms=100)
    with qtbot.waitSignal(controller.finished, timeout=20_000):
        controller.sync_now(manual=False)
    with qtbot.waitSignal(controller.started, timeout=5_000):
        pass  # the online interval starts the next sync by itself
    qtbot.waitUntil(lambda: not controller.running, timeout=20_000)
    controller.shutdown()
    with qtbot.assertNotEmitted(controller.started, wait=500):
        pass
