"""Sign-in in the real app: the first profile at first run, a wrong then a right passphrase,
and switching user without restarting (no patient of the first user left on screen, their
unsaved PSS draft kept in their own cache). Real SQLCipher caches in tmp_path, the
in-memory keyring of the conftest, the sandbox region over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fse_desk.config import DEMO_PROFILE, AppConfig, DemoConfig
from fse_desk.domain.roles import Role
from fse_desk.pss import codes
from fse_desk.pss.model import Coded
from fse_desk.security.profiles import Profile, ProfileRegistry, RoleSource
from fse_desk.security.unlock import DEMO_PASSPHRASE
from fse_desk.store.paths import cache_path
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.main_window import MainWindow
from fse_desk_ui.signin import FirstRunDialog, Session, SignInDialog
from tests.fixtures_region import LiveRegion, region_config
from tests.pss_publication_support import consenting
from tests.signin_support import visible_text
from tests.test_pss_editor_support import enter_value, retype

NERI_CF = "NRECRL80A41A944V"
BIANCHI_CF = "BNCLCU75C12A944R"
NERI_PASS = "passphrase-di-carla"
BIANCHI_PASS = "passphrase-di-luca"


@pytest.fixture
def italian(qapp: QApplication) -> QApplication:
    install_translators(qapp, "it")
    return qapp


@contextmanager
def _session(config: AppConfig) -> Iterator[Session]:
    session = Session(config, auto_sync=False)
    try:
        yield session
    finally:
        session.close()


@pytest.fixture
def region_session(tmp_path: Path, live_region: LiveRegion) -> Iterator[Session]:
    """A configured workstation (its [user] is the nurse Carla Neri) on the live region."""
    with _session(region_config(tmp_path, live_region.server.base_url)) as session:
        yield session


def _ask(qtbot: QtBot, session: Session, start: object) -> object:
    with qtbot.waitSignal(session.asking, timeout=30_000) as asked:
        start()  # type: ignore[operator]
    return asked.args[0]


def _submit_and_open(qtbot: QtBot, session: Session, dialog: object) -> MainWindow:
    with qtbot.waitSignal(session.opened, timeout=120_000) as opened:
        dialog.ok_button.click()  # type: ignore[attr-defined]
    window: MainWindow = opened.args[0]
    return window


def _type(qtbot: QtBot, box: object, text: str) -> None:
    box.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(box, text)


def test_first_run_creates_the_first_profile_and_opens(
    qtbot: QtBot, italian: QApplication, region_session: Session, tmp_path: Path
) -> None:
    dialog = _ask(qtbot, region_session, region_session.start)
    assert isinstance(dialog, FirstRunDialog) and dialog.isVisible()
    # Filled in from the configuration's [user], whose codice fiscale has a wrong check letter.
    assert dialog.name_box.text() == "Inf. Carla Neri"
    assert dialog.role_box.currentData() is Role.NURSE
    _type(qtbot, dialog.passphrase, NERI_PASS)
    _type(qtbot, dialog.repeated, NERI_PASS)
    dialog.ok_button.click()
    assert "Il codice fiscale non è valido" in dialog.error_label.text()
    assert ProfileRegistry(tmp_path).first_run and region_session.window is None

    _type(qtbot, dialog.cf_box, NERI_CF.lower())
    _type(qtbot, dialog.repeated, NERI_PASS + "!")
    dialog.ok_button.click()
    assert dialog.error_label.text().startswith("Le due passphrase sono diverse")
    assert ProfileRegistry(tmp_path).first_run and region_session.window is None

    _type(qtbot, dialog.practitioner_box, "PR-NERI-1")
    _type(qtbot, dialog.repeated, NERI_PASS)
    window = _submit_and_open(qtbot, region_session, dialog)

    (profile,) = ProfileRegistry(tmp_path).profiles()
    assert (profile.name, profile.codice_fiscale, profile.role) == (
        "carla-neri",
        NERI_CF,
        Role.NURSE,
    )
    assert profile.administrator and profile.practitioner_id == "PR-NERI-1"
    assert window.isVisible() and window.workstation.operator.profile == "carla-neri"
    assert cache_path("carla-neri", tmp_path).exists()  # the profile's own cache
    assert "Inf. Carla Neri · INFERMIERE" in window.status_area.operator_label.text()
    # The screen lock of this window takes the new profile's passphrase.
    assert window.lock_screen is not None
    window.lock()
    _type(qtbot, window.lock_screen.passphrase, NERI_PASS)
    qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)
    assert not window.is_locked


def test_sign_in_with_a_wrong_then_the_right_passphrase(
    qtbot: QtBot, italian: QApplication, region_session: Session, tmp_path: Path
) -> None:
    registry = ProfileRegistry(tmp_path)
    admin = registry.create_first(
        Profile("carla-neri", "Inf. Carla Neri", NERI_CF, Role.NURSE, None), NERI_PASS
    )
    registry.add(
        admin,
        Profile("luca-bianchi", "Dott. Luca Bianchi", BIANCHI_CF, Role.MMG, None),
        BIANCHI_PASS,
    )
    dialog = _ask(qtbot, region_session, region_session.start)
    assert isinstance(dialog, SignInDialog)
    offered = [dialog.profile_box.itemText(i) for i in range(dialog.profile_box.count())]
    assert offered == [
        "Inf. Carla Neri · infermiere",
        "Dott. Luca Bianchi · medico di medicina generale (MMG)",
    ]
    dialog.choose("luca-bianchi")
    _type(qtbot, dialog.passphrase, NERI_PASS)  # a colleague's passphrase is not his
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert dialog.error_label.text().startswith("La passphrase non è corretta.")
    assert dialog.passphrase.text() == ""
    assert region_session.workstation is None
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]
    assert not cache_path("luca-bianchi", tmp_path).exists()  # nothing was opened

    _type(qtbot, dialog.passphrase, BIANCHI_PASS)
    window = _submit_and_open(qtbot, region_session, dialog)
    operator = window.workstation.operator
    assert (operator.profile, operator.role, operator.role_source) == (
        "luca-bianchi",
        Role.MMG,
        RoleSource.ADMINISTRATOR,
    )
    assert window.status_area.operator_label.text() == (
        "Dott. Luca Bianchi · MMG (assegnato dall'amministratore)"
    )


def test_switch_user_shows_nothing_of_the_first_user_and_keeps_their_draft(
    qtbot: QtBot, italian: QApplication, tmp_path: Path
) -> None:
    config = AppConfig(
        user=None, region=None, demo=DemoConfig(seed=9, patients=10), data_dir=tmp_path
    )
    with _session(config) as session:
        # The demo opens with no question, as its MMG.
        with qtbot.waitSignal(session.opened, timeout=120_000) as opened:
            session.start()
        first: MainWindow = opened.args[0]
        assert first.workstation.operator.profile == DEMO_PROFILE
        first.workstation.sync()
        patient = consenting(first.workstation, with_pss=True)
        first.workspace.tab_widget.setCurrentWidget(first.pss_tab)
        with qtbot.waitSignal(first.pss_tab.shown, timeout=20_000):
            qtbot.keyClicks(first.patient_list.search_box, patient.codice_fiscale)
            qtbot.keyClick(first.patient_list.search_box, Qt.Key.Key_Return)
        assert patient.codice_fiscale in visible_text(italian)
        with qtbot.waitSignal(first.pss_tab.editor_opened, timeout=20_000) as edited:
            qtbot.mouseClick(first.pss_tab.launcher.edit_button, Qt.MouseButton.LeftButton)
        editor = edited.args[0]
        before = editor.draft
        editor.section_list.select("problems")
        panel = editor.current_panel()
        if panel.none_box is not None and panel.none_box.isChecked():
            qtbot.mouseClick(panel.none_box, Qt.MouseButton.LeftButton)
        panel.add_entry()
        enter_value(qtbot, panel.form, "code", Coded("250.00", codes.ICD9CM, ""))
        retype(qtbot, panel.form.widgets["note"], "rivalutare a marzo")
        typed = editor.draft  # not saved yet: the autosave waits for a pause
        assert typed != before and first.workstation.pss.draft(patient.id, typed.author.cf) is None

        # "Cambia utente": the demo has no profile yet, so the colleague makes hers.
        dialog = _ask(qtbot, session, first.switch_user_action.trigger)
        assert isinstance(dialog, FirstRunDialog)
        assert session.workstation is None and not first.isVisible()
        shown = visible_text(italian)
        for datum in (patient.family_name, patient.given_name, patient.codice_fiscale):
            assert datum.upper() not in shown
        _type(qtbot, dialog.name_box, "Inf. Carla Neri")
        _type(qtbot, dialog.cf_box, NERI_CF)
        dialog.role_box.setCurrentIndex(dialog.role_box.findData(Role.NURSE))
        _type(qtbot, dialog.passphrase, NERI_PASS)
        _type(qtbot, dialog.repeated, NERI_PASS)
        second = _submit_and_open(qtbot, session, dialog)
        assert second is not first and second.workstation.operator.profile == "carla-neri"
        assert cache_path("carla-neri", tmp_path) != cache_path(DEMO_PROFILE, tmp_path)
        shown = visible_text(italian)
        assert "INF. CARLA NERI" in shown
        for datum in (patient.family_name, patient.given_name, patient.codice_fiscale):
            assert datum.upper() not in shown

        # Back to the demo MMG, from the lock screen's "another user": the draft is there.
        assert second.lock_screen is not None
        second.lock()
        dialog = _ask(qtbot, session, second.lock_screen.switch_button.click)
        assert isinstance(dialog, SignInDialog)
        dialog.choose(DEMO_PROFILE)
        _type(qtbot, dialog.passphrase, DEMO_PASSPHRASE)
        third = _submit_and_open(qtbot, session, dialog)
        operator = third.workstation.operator
        assert operator.profile == DEMO_PROFILE
        kept = third.workstation.pss.draft(patient.id, operator.codice_fiscale)
        assert kept is not None
        # The problem typed just before switching, code and note.
        assert [(p.code.code, p.note) for p in kept[0].problems] == [
            ("250.00", "rivalutare a marzo")
        ]
        assert kept[0].problems == typed.problems
