"""The version is written once (pyproject) and the About dialog lists the bundled components
with their licences as the installed distributions declare them."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from fse_desk.about import app_version, bundled_components
from fse_desk_ui.about_dialog import AboutDialog, add_help_menu
from fse_desk_ui.i18n import install_translators

ROOT = Path(__file__).resolve().parent.parent


def test_the_version_is_pyprojects_and_the_installed_one() -> None:
    written = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert app_version() == written["version"]
    assert metadata.version("fse-desk") == written["version"]


def test_components_are_the_runtime_dependencies_with_their_declared_licences() -> None:
    components = {c.name.casefold(): c for c in bundled_components()}
    qt = components["pyside6_essentials"]
    assert qt.version == metadata.version("PySide6_Essentials")
    assert "LGPL-3.0" in qt.licence
    assert components["httpx"].licence == "BSD-3-Clause"
    assert "uvicorn" in components  # the demo region travels with the bundle
    assert "shiboken6" in components  # indirect: PySide6's own dependency
    # Development tools are installed here but are no part of the product.
    for tool in ("pytest", "mypy", "ruff", "import-linter", "saxonche"):
        assert tool not in components
    assert "fse-desk" not in components


def test_help_menu_opens_the_about_dialog_in_italian(qtbot: QtBot, qapp: QApplication) -> None:
    install_translators(qapp, "it")
    window = QMainWindow()
    qtbot.addWidget(window)
    action = add_help_menu(window)
    assert [a.text() for a in window.menuBar().actions()] == ["&Aiuto"]
    assert action.text() == "Informazioni su FSE Desk"
    seen: list[AboutDialog] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AboutDialog)
        seen.append(dialog)
        dialog.reject()

    QTimer.singleShot(0, close_it)  # the dialog is modal: answer it once it is up
    action.trigger()
    assert len(seen) == 1
    dialog = seen[0]
    assert dialog.windowTitle() == "Informazioni su FSE Desk"
    rows = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 2).text()
        for r in range(dialog.table.rowCount())
    }
    assert len(rows) == len(bundled_components()) + 1  # and the Python interpreter
    assert "LGPL-3.0" in rows["PySide6_Essentials"]
    assert rows["Python"] == "PSF-2.0"
