"""The status area tells who is signed in with which role (and who vouches for it),
and warns in red when the audit trail was found altered at start."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fse_desk.config import AppConfig, DemoConfig
from fse_desk.domain.roles import Role
from fse_desk.security.audit_anchor import AuditAnchor
from fse_desk.security.profiles import Profile, ProfileRegistry
from fse_desk.startup import open_workstation
from fse_desk.workstation import Workstation
from fse_desk_ui.app import STYLE_SHEET
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.main_window import MainWindow

PASSPHRASE = "passphrase-lunga"


@pytest.fixture
def open_demo(tmp_path: Path) -> Iterator[Callable[[], Workstation]]:
    opened: list[Workstation] = []

    def _open() -> Workstation:
        config = AppConfig(
            user=None, region=None, demo=DemoConfig(seed=9, patients=10), data_dir=tmp_path
        )
        opened.append(open_workstation(config))
        return opened[-1]

    yield _open
    for workstation in opened:
        workstation.close()


def _window(qtbot: QtBot, qapp: QApplication, workstation: Workstation) -> MainWindow:
    install_translators(qapp, "it")
    window = MainWindow(workstation, auto_sync=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_cut_audit_trail_is_a_red_warning_in_the_status_area(
    qtbot: QtBot, qapp: QApplication, open_demo: Callable[[], Workstation]
) -> None:
    # The head kept in the keyring says record 5 was written; the new cache holds none.
    AuditAnchor("demo").save(5, "a" * 64)
    workstation = open_demo()
    assert workstation.audit_problem is not None
    previous = qapp.styleSheet()
    qapp.setStyleSheet(STYLE_SHEET.read_text(encoding="utf-8"))  # as fse_desk_ui/app.py does
    try:
        window = _window(qtbot, qapp, workstation)
        label = window.status_area.audit_label
        assert label.isVisible()
        assert label.text() == (
            "Il registro degli accessi di questa postazione è stato alterato o troncato."
        )
        assert "DPO" in label.toolTip()  # and what to do, in full
        corner = QColor(label.grab().toImage().pixel(1, 1))
        assert corner.red() > 150 and corner.green() < 80 and corner.blue() < 80
    finally:
        qapp.setStyleSheet(previous)


def test_a_sound_audit_trail_shows_no_warning_and_the_bare_role(
    qtbot: QtBot, qapp: QApplication, open_demo: Callable[[], Workstation]
) -> None:
    workstation = open_demo()
    assert workstation.audit_problem is None
    window = _window(qtbot, qapp, workstation)
    assert not window.status_area.audit_label.isVisible()
    # No profile on this workstation: the role is only what the configuration says.
    assert window.status_area.operator_label.text().endswith("· MMG")


@pytest.mark.parametrize(
    ("region_confirms", "shown"),
    [(True, "MMG (confermato dalla Regione)"), (False, "MMG (assegnato dall'amministratore)")],
)
def test_the_role_says_who_vouches_for_it(
    qtbot: QtBot,
    qapp: QApplication,
    open_demo: Callable[[], Workstation],
    tmp_path: Path,
    region_confirms: bool,
    shown: str,
) -> None:
    registry = ProfileRegistry(tmp_path)
    registry.create_first(
        Profile("demo", "Dott.ssa Elena Guidotti", "GDTLNE70A41A944T", Role.MMG, None),
        PASSPHRASE,
    )
    if region_confirms:
        registry.confirm_role("demo", Role.MMG)
    window = _window(qtbot, qapp, open_demo())
    assert window.status_area.operator_label.text().endswith(shown)
