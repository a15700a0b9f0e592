"""The status area and the patient workspace say how old the data is when it may not be current."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from fse_desk.workstation import Workstation
from fse_desk_ui.formatting import ROME
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.main_window import MainWindow
from tests.fixtures_region import LiveRegion


def _synced_window(qtbot: QtBot, qapp: object, workstation: Workstation) -> MainWindow:
    install_translators(qapp, "it")  # type: ignore[arg-type]
    window = MainWindow(workstation, auto_sync=False)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        window.sync.sync_now(manual=False)
    window.workspace.show_patient(workstation.search_patients("")[0])
    # Online and just synced: nothing to warn about.
    assert window.status_area.freshness_label.isHidden()
    assert window.workspace.freshness_label.isHidden()
    assert window.status_area.last_sync_label.isVisible()
    return window


def _as_of(workstation: Workstation) -> str:
    last = workstation.status.last_sync_at
    assert last is not None
    return last.astimezone(ROME).strftime("Dati al %d/%m ore %H:%M")


def test_offline_every_view_says_since_when_its_data_dates(
    qtbot: QtBot, qapp: object, region_workstation: Workstation, live_region: LiveRegion
) -> None:
    window = _synced_window(qtbot, qapp, region_workstation)
    live_region.server.stop()
    with qtbot.waitSignal(window.sync.finished, timeout=30_000) as finished:
        window.sync.sync_now(manual=False)
    assert finished.args == [None]

    as_of = _as_of(region_workstation)
    qtbot.waitUntil(lambda: window.status_area.freshness_label.isVisible(), timeout=5_000)
    assert window.status_area.freshness_label.text() == as_of
    # It takes the place of "last sync", which would say the same time again.
    assert window.status_area.last_sync_label.isHidden()
    assert window.workspace.freshness_label.isVisible()
    assert window.workspace.freshness_label.text() == f"Non in linea — {as_of}"
    # The team's views, beside the patient's, say it too.
    with qtbot.waitSignal(window.inbox.loaded, timeout=30_000):  # its load ends in the test
        inbox = window.show_inbox()
    assert inbox.freshness_label.isVisible()
    assert inbox.freshness_label.text() == f"Non in linea — {as_of}"
    agenda = window.show_agenda()
    qtbot.addWidget(agenda)
    qtbot.waitSignal(agenda.loaded, timeout=30_000).wait()
    assert agenda.freshness_label is not None and agenda.freshness_label.isVisible()
    assert agenda.freshness_label.text() == f"Non in linea — {as_of}"


def test_after_a_sync_that_did_not_complete_the_data_age_is_shown(
    qtbot: QtBot, qapp: object, region_workstation: Workstation
) -> None:
    window = _synced_window(qtbot, qapp, region_workstation)
    with qtbot.waitSignal(window.sync.finished, timeout=30_000) as finished:
        window.sync.sync_now(manual=False)
        window.sync.cancel()
    assert finished.args == [None]

    as_of = _as_of(region_workstation)
    qtbot.waitUntil(lambda: window.workspace.freshness_label.isVisible(), timeout=5_000)
    assert window.workspace.freshness_label.text() == (
        f"L'ultima sincronizzazione non è stata completata — {as_of}"
    )
    assert window.status_area.freshness_label.text() == as_of
    assert window.status_area.connection_label.text() == "In linea"

    # The next complete sync clears the warning everywhere.
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        window.sync.sync_now(manual=False)
    qtbot.waitUntil(lambda: window.workspace.freshness_label.isHidden(), timeout=5_000)
    assert window.status_area.freshness_label.isHidden()
    assert window.status_area.last_sync_label.isVisible()
