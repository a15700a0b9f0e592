"""Recording vital signs in the window, seeing them sent, and working the outbox panel."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from fse_desk.domain.outbox import OutboxState
from fse_desk.workstation import Workstation
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.main_window import MainWindow
from fse_desk_ui.outbox_panel import ConflictDialog
from tests.fixtures_region import LiveRegion


@pytest.fixture
def workstation(region_workstation: Workstation) -> Workstation:
    region_workstation.sync()
    return region_workstation


@pytest.fixture
def window(qtbot: QtBot, qapp: QApplication, workstation: Workstation) -> Iterator[MainWindow]:
    install_translators(qapp, "it")
    window = MainWindow(workstation, auto_sync=False)
    qtbot.addWidget(window)
    patient = workstation.search_patients("")[0]
    window.workspace.show_patient(patient)
    yield window
    # As the app does on quit: stop syncing, let a running one end, then close the cache.
    window.close()
    QThreadPool.globalInstance().waitForDone()


def _fill(dialog: object, **values: str) -> None:
    for key, text in values.items():
        dialog.fields[key].setText(text)


def test_the_form_explains_wrong_values_in_italian(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.vitals_tab.open_form()
    assert dialog is not None
    qtbot.addWidget(dialog)
    _fill(dialog, systolic="120", diastolic="130", spo2="140", body_temperature="trentasette")
    assert dialog.measurements() is None
    assert "inferiore alla sistolica" in dialog.errors["blood_pressure"].text()
    assert "50–100 %" in dialog.errors["spo2"].text()
    assert "numero" in dialog.errors["body_temperature"].text()
    _fill(dialog, systolic="", diastolic="", spo2="", body_temperature="")
    assert dialog.measurements() is None
    assert "almeno un valore" in dialog.errors["measurements"].text()


def test_recorded_readings_show_at_once_and_leave_by_themselves(
    qtbot: QtBot, window: MainWindow, workstation: Workstation, live_region: LiveRegion
) -> None:
    dialog = window.vitals_tab.open_form()
    assert dialog is not None
    _fill(dialog, systolic="135", diastolic="85", body_temperature="37,8")
    with qtbot.waitSignal(window.sync.finished, timeout=20_000):
        dialog._on_save()  # the Save button's slot
    assert len(dialog.saved) == 2
    model = window.vitals_tab.model
    texts = {model.index(r, 2).data() for r in range(model.rowCount())}
    assert {"135/85 mmHg", "37,8 °C"} <= texts
    # The save queued a push by itself; once it finished, nothing waits.
    qtbot.waitUntil(lambda: workstation.status.outbox_pending == 0, timeout=20_000)
    assert window.status_area.outbox_label.text() == "In uscita: 0 da inviare"
    states = {model.index(r, 4).data() for r in range(model.rowCount())}
    assert states == {"inviato"}


def test_discard_asks_first_and_is_recorded(
    qtbot: QtBot, window: MainWindow, workstation: Workstation, live_region: LiveRegion
) -> None:
    live_region.server.stop()
    patient = window.workspace.patient
    assert patient is not None
    from datetime import UTC, datetime

    from fse_desk.domain.vitals import Vital

    workstation.vitals.record(
        patient.id,
        {Vital.HEART_RATE: (71.0,)},
        effective_at=datetime.now(UTC),
        performer="Inf. Carla Neri",
    )
    assert "1 da inviare" in window.status_area.outbox_label.text()
    panel = window.show_outbox()
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 2).data() == "Frequenza cardiaca: 71 /min"
    panel.select_row(0)

    def confirm() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Discard).click()

    QTimer.singleShot(0, confirm)
    panel.discard_selected()
    assert panel.model.rowCount() == 0
    [entry] = workstation.outbox.entries(include_closed=True)
    assert entry.state is OutboxState.DISCARDED and entry.discarded_by == "Inf. Carla Neri"
    assert workstation.status.outbox_pending == 0


def test_a_conflict_is_resolved_from_the_panel(
    qtbot: QtBot, window: MainWindow, workstation: Workstation, live_region: LiveRegion
) -> None:
    patient = window.workspace.patient
    assert patient is not None
    from datetime import UTC, datetime

    from fse_desk.connectors.push import local_identifier
    from fse_desk.domain.vitals import Vital

    [reading] = workstation.vitals.record(
        patient.id,
        {Vital.BODY_WEIGHT: (82.0,)},
        effective_at=datetime.now(UTC),
        performer="Inf. Carla Neri",
    )
    workstation.sync()
    ident = local_identifier(reading.id)
    [theirs] = live_region.client.search(
        "Observation", {"identifier": f"{ident['system']}|{ident['value']}"}
    )
    theirs["valueQuantity"]["value"] = 80.0
    live_region.client.update(theirs)
    workstation.vitals.correct(reading, (82.5,), "bilancia di casa")
    workstation.sync()
    panel = window.show_outbox()
    assert panel.model.index(0, 3).data() == "conflitto"
    panel.select_row(0)
    assert panel.resolve_button.isEnabled()

    def keep_mine() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConflictDialog)
        dialog.keep_mine_button.click()

    QTimer.singleShot(0, keep_mine)
    panel.resolve_selected()
    workstation.sync()
    [final] = live_region.client.search(
        "Observation", {"identifier": f"{ident['system']}|{ident['value']}"}
    )
    assert final["valueQuantity"]["value"] == 82.5
    assert workstation.status.outbox_pending == 0


def test_the_form_time_is_rome_time(qtbot: QtBot, window: MainWindow) -> None:
    from datetime import UTC, datetime, timedelta

    dialog = window.vitals_tab.open_form()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert abs(dialog._effective_at() - datetime.now(UTC)) < timedelta(minutes=2)
