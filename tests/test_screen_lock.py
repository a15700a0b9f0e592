"""Screen lock after inactivity: patient data hidden, same user's passphrase, drafts kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from fse_desk.config import AppConfig, DemoConfig
from fse_desk.domain.roles import Role
from fse_desk.security.profiles import Profile, ProfileRegistry
from fse_desk.startup import open_workstation
from fse_desk.workstation import Workstation
from ui.i18n import install_translators
from ui.main_window import MainWindow
from ui.screen_lock import LockSettings, lock_minutes

PASSPHRASE = "passphrase-lunga"


@pytest.fixture
def workstation(tmp_path: Path) -> Iterator[Workstation]:
    config = AppConfig(
        user=None, region=None, demo=DemoConfig(seed=9, patients=10), data_dir=tmp_path
    )
    opened = open_workstation(config)
    opened.sync()
    yield opened
    opened.close()


@pytest.fixture
def window(
    qtbot: QtBot, qapp: QApplication, workstation: Workstation, tmp_path: Path
) -> MainWindow:
    install_translators(qapp, "it")
    registry = ProfileRegistry(tmp_path)
    registry.create_first(
        Profile("guidotti", "Dott.ssa Elena Guidotti", "GDTLNE70A41A944T", Role.MMG, None),
        PASSPHRASE,
    )
    settings = LockSettings(
        "Dott.ssa Elena Guidotti",
        lambda text: registry.sign_in("guidotti", text),
        timeout_ms=60_000,  # the test shortens it once the window is ready
    )
    w = MainWindow(workstation, auto_sync=False, lock=settings)
    qtbot.addWidget(w)
    w.show()
    return w


def _visible_texts(qapp: QApplication) -> str:
    """Every label a passer-by can read, upper case (the banner writes the surname so)."""
    return " ".join(
        label.text()
        for widget in qapp.topLevelWidgets()
        if widget.isVisible()
        for label in widget.findChildren(QLabel)
        if label.isVisibleTo(widget) and label.isVisible()
    ).upper()


def test_locks_after_inactivity_hides_the_patient_and_keeps_the_draft(
    qtbot: QtBot, qapp: QApplication, window: MainWindow, workstation: Workstation
) -> None:
    patient = workstation.search_patients("")[0]
    qtbot.keyClicks(window.patient_list.search_box, patient.codice_fiscale)
    qtbot.keyClick(window.patient_list.search_box, Qt.Key.Key_Return)
    assert patient.family_name.upper() in _visible_texts(qapp)
    dialog = window.vitals_tab.open_form()
    assert dialog is not None
    dialog.note.setPlainText("dopo riposo, braccio sinistro")  # typed, not saved

    with qtbot.waitSignal(window.locked, timeout=5_000):
        window.inactivity.restart(50)  # injected: nobody touches anything for 50 ms
    assert window.is_locked
    assert not dialog.isVisible()
    shown = _visible_texts(qapp)
    assert patient.family_name.upper() not in shown and patient.codice_fiscale not in shown
    assert "POSTAZIONE BLOCCATA" in shown

    assert window.lock_screen is not None
    qtbot.keyClicks(window.lock_screen.passphrase, "sbagliata!")
    qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)
    assert window.is_locked and window.lock_screen.error_label.isVisible()

    qtbot.keyClicks(window.lock_screen.passphrase, PASSPHRASE)
    qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)
    assert not window.is_locked
    assert dialog.isVisible()
    assert dialog.note.toPlainText() == "dopo riposo, braccio sinistro"
    assert window.workspace.patient == patient


def test_another_user_is_offered_without_the_patient(
    qtbot: QtBot, qapp: QApplication, window: MainWindow
) -> None:
    window.lock()
    assert window.lock_screen is not None
    with qtbot.waitSignal(window.switch_user_requested, timeout=1_000):
        window.lock_screen.switch_button.click()


def test_the_configured_minutes_stay_within_five_and_fifteen() -> None:
    assert (lock_minutes(None), lock_minutes(1), lock_minutes(7), lock_minutes(60)) == (
        10,
        5,
        7,
        15,
    )
