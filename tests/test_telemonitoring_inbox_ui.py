"""The alert inbox view: sort, filter, act, and open the patient's chart at the alarm."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from fse_desk.startup import open_workstation
from fse_desk.telemonitoring.actions import AlarmStatus
from fse_desk.workstation import Workstation
from fse_desk_sandbox import ResourceStore, SandboxServer
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.main_window import MainWindow
from tests.fixtures_region import region_config
from tests.telemonitoring_region import build_region


@pytest.fixture
def window(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> Iterator[MainWindow]:
    region = build_region()
    store = ResourceStore(tmp_path / "region.sqlite")
    store.bulk_load([r for r in copy.deepcopy(region.resources) if "valueSampledData" not in r])
    server = SandboxServer(store).start()
    ws: Workstation = open_workstation(region_config(tmp_path, server.base_url))
    ws.sync()
    install_translators(qapp, "it")
    window = MainWindow(ws, auto_sync=False)
    qtbot.addWidget(window)
    yield window
    window.close()
    QThreadPool.globalInstance().waitForDone()
    server.stop()
    store.close()


def test_inbox_sorts_filters_acts_and_opens_the_chart(
    qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester
) -> None:
    with qtbot.waitSignal(window.inbox.loaded, timeout=30_000):
        inbox = window.show_inbox()
    qtmodeltester.check(inbox.model)
    rows = inbox.proxy.rowCount()
    assert rows > 0
    first = inbox.proxy.index(0, 0).data()
    assert first == "Alta"  # most severe first, in Italian
    # Sort by time, newest first.
    inbox.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    times = [
        inbox.model.items[inbox.proxy.mapToSource(inbox.proxy.index(r, 0)).row()].alarm.reading.at
        for r in range(rows)
    ]
    assert times == sorted(times, reverse=True)
    # Filter by parameter text.
    inbox.search.setText("SpO2")
    assert 0 < inbox.proxy.rowCount() < rows
    assert {inbox.proxy.index(r, 2).data() for r in range(inbox.proxy.rowCount())} == {"SpO2"}
    # Take charge: the row says so, and one Task waits in the outbox.
    inbox.table.selectRow(0)
    key = inbox.selected().alarm.key  # type: ignore[union-attr]
    with qtbot.waitSignal(inbox.loaded, timeout=30_000):
        inbox.take_button.click()
    assert inbox.select(key)
    item = inbox.selected()
    assert item is not None and item.status is AlarmStatus.IN_CHARGE
    assert "in carico" in inbox.proxy.index(0, 6).data()
    assert window.workstation.status.outbox_pending == 1
    assert "Inf. Carla Neri" in inbox.history.text()
    # Filter on status: only the one in charge.
    inbox.search.clear()
    inbox.status_filter.setCurrentIndex(2)
    assert inbox.proxy.rowCount() == 1
    # Open the chart at the alarm.
    inbox.table.selectRow(0)
    with qtbot.waitSignal(window.telemonitoring_tab.loaded, timeout=30_000):
        inbox.open_button.click()
    assert window.workspace.tab_widget.currentWidget() is window.telemonitoring_tab
    assert window.workspace.patient is not None
    assert window.workspace.patient.id == item.alarm.patient_id


def test_inbox_opens_beside_the_patient_without_widening_a_1366_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    screen = QRect(0, 0, 1366, 768)
    window.resize(screen.size())
    window.show()
    patient = window.workstation.search_patients("")[0]
    with qtbot.waitSignal(window.telemonitoring_tab.loaded, timeout=30_000):
        window.workstation.patient_context.select(patient)
        window.workspace.tab_widget.setCurrentWidget(window.telemonitoring_tab)
    with qtbot.waitSignal(window.inbox.loaded, timeout=30_000):
        inbox = window.show_inbox()
    assert inbox.model.rowCount() > 0
    for _ in range(5):  # layout requests climb from child to parent a turn at a time
        QApplication.sendPostedEvents()
        QApplication.processEvents()
    window.grab()
    QApplication.processEvents()
    assert window.width() <= screen.width(), f"the window grew to {window.width()} px"
    # Docked in the window beside the patient's view, both readable.
    assert not window.inbox_dock.isFloating()
    assert window.workspace.isVisible() and inbox.isVisible()
    assert inbox.open_button.isVisible()
    right = inbox.open_button.mapTo(window, inbox.open_button.rect().topRight()).x()
    assert right <= window.width()
