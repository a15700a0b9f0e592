"""The main window on the sandbox: sync, search a patient by codice fiscale, open them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from fse_desk.config import AppConfig, DemoConfig
from fse_desk.startup import open_workstation
from fse_desk.workstation import Workstation
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.main_window import MainWindow


@pytest.fixture
def workstation(tmp_path: Path) -> Iterator[Workstation]:
    config = AppConfig(
        user=None, region=None, demo=DemoConfig(seed=9, patients=30), data_dir=tmp_path
    )
    opened = open_workstation(config)
    yield opened
    opened.close()


def test_sync_search_by_codice_fiscale_and_open(
    qtbot: QtBot, qapp: object, workstation: Workstation
) -> None:
    install_translators(qapp, "it")
    window = MainWindow(workstation, auto_sync=False)
    qtbot.addWidget(window)
    window.show()
    assert window.status_area.demo_badge.isVisible()
    assert window.sync_action.text() == "Sincronizza ora"

    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        window.sync_action.trigger()
    assert window.status_area.connection_label.text() == "In linea"
    assert window.status_area.last_sync_label.text().startswith("Ultima sincronizzazione:")
    assert window.patient_list.model.rowCount() == 30

    target = workstation.search_patients("")[12]
    qtbot.keyClicks(window.patient_list.search_box, target.codice_fiscale.lower())
    assert window.patient_list.model.rowCount() == 1
    qtbot.keyClick(window.patient_list.search_box, Qt.Key.Key_Return)
    assert window.workspace.patient == target
    assert window.workspace.banner.name_label.text() == target.display_name
    assert target.codice_fiscale in window.workspace.banner.details_label.text()


def test_patient_model_is_a_well_behaved_qt_model(qtbot: QtBot, workstation: Workstation) -> None:
    workstation.sync()
    window = MainWindow(workstation, auto_sync=False)
    qtbot.addWidget(window)
    tester = ModelTester(None)
    tester.check(window.patient_list.model)
    qtbot.keyClicks(window.patient_list.search_box, "a")
    tester.check(window.patient_list.model)


def test_sync_can_be_cancelled_and_reports_it(qtbot: QtBot, workstation: Workstation) -> None:
    window = MainWindow(workstation, auto_sync=False)
    qtbot.addWidget(window)
    # Cancelled right after it starts, the sync stops at its first safe point.
    with qtbot.waitSignal(window.sync.finished, timeout=30_000) as finished:
        window.sync.sync_now()
        window.sync.cancel()
    assert finished.args == [None]
    assert window.sync_action.isEnabled()
    assert not window.status_area.progress_bar.isVisible()


def test_patient_list_shows_birth_date_and_age_compactly(
    qtbot: QtBot, qapp: object, workstation: Workstation
) -> None:
    install_translators(qapp, "it")
    workstation.sync()
    window = MainWindow(workstation, auto_sync=False)
    qtbot.addWidget(window)
    model = window.patient_list.model
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Nascita (età)"
    patient = model.record_at(0)
    assert patient is not None
    assert model.index(0, 2).data().endswith(f"({patient.age_on(date.today())})")
