"""Screen lock after inactivity: patient data hidden, same user's passphrase, drafts kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from fse_desk.config import AppConfig, DemoConfig, UserConfig, load_config
from fse_desk.domain.roles import Role
from fse_desk.errors import ConfigError, WrongPassphrase
from fse_desk.security.profiles import Profile, ProfileRegistry
from fse_desk.security.unlock import DEMO_PASSPHRASE, unlock_check
from fse_desk.startup import open_workstation
from fse_desk.workstation import Workstation
from fse_desk_ui.app import build_window
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.main_window import MainWindow
from fse_desk_ui.screen_lock import LockSettings

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


def _config_with_lock(tmp_path: Path, line: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        "[user]\n"
        'profile = "rossi"\n'
        'display_name = "Dott. Mario Rossi"\n'
        'codice_fiscale = "RSSMRA70A01A944G"\n'
        'role = "MMG"\n' + line,
        encoding="utf-8",
    )
    return path


def test_lock_minutes_are_ten_by_default_and_five_to_fifteen(tmp_path: Path) -> None:
    assert load_config(tmp_path / "none.toml", data_dir=tmp_path).lock_minutes == 10  # demo
    assert load_config(_config_with_lock(tmp_path, ""), data_dir=tmp_path).lock_minutes == 10
    for minutes in (5, 7, 15):
        path = _config_with_lock(tmp_path, f"lock_minutes = {minutes}\n")
        assert load_config(path, data_dir=tmp_path).lock_minutes == minutes
    for bad in ("4", "16", "0", '"dieci"', "7.5", "true"):
        path = _config_with_lock(tmp_path, f"lock_minutes = {bad}\n")
        with pytest.raises(ConfigError, match=r'lock_minutes" deve essere .* da 5 a 15'):
            load_config(path, data_dir=tmp_path)


def test_the_app_window_has_the_lock_armed_with_the_configured_minutes(
    qtbot: QtBot, qapp: QApplication, workstation: Workstation, tmp_path: Path
) -> None:
    install_translators(qapp, "it")
    user = UserConfig("rossi", "Dott. Mario Rossi", "RSSMRA70A01A944X", Role.MMG, lock_minutes=7)
    config = AppConfig(
        user=user, region=None, demo=DemoConfig(seed=9, patients=10), data_dir=tmp_path
    )
    window = build_window(config, workstation, auto_sync=False)  # as fse_desk_ui/app.py builds it
    qtbot.addWidget(window)
    window.show()
    assert window.lock_screen is not None
    assert window.inactivity.armed and window.inactivity.timeout_ms == 7 * 60_000

    with qtbot.waitSignal(window.locked, timeout=5_000):
        window.inactivity.restart(50)  # injected: nobody touches anything for 50 ms
    assert window.is_locked
    assert DEMO_PASSPHRASE in window.lock_screen.hint_label.text()  # demo: shown, synthetic data
    qtbot.keyClicks(window.lock_screen.passphrase, "sbagliata!")
    qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)
    assert window.is_locked
    qtbot.keyClicks(window.lock_screen.passphrase, DEMO_PASSPHRASE)
    qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)
    assert not window.is_locked
    assert window.inactivity.timeout_ms == 7 * 60_000  # unlocking re-arms the configured wait


def test_a_profile_unlocks_with_its_own_passphrase_not_the_demo_one(tmp_path: Path) -> None:
    assert unlock_check(tmp_path, "rossi", demo=False) is None  # no profile: nothing to check
    registry = ProfileRegistry(tmp_path)
    registry.create_first(
        Profile("demo", "Dott.ssa Elena Guidotti", "GDTLNE70A41A944T", Role.MMG, None),
        PASSPHRASE,
    )
    check = unlock_check(tmp_path, "demo", demo=True)
    assert check is not None
    check(PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        check(DEMO_PASSPHRASE)
