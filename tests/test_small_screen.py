"""The window fits an office laptop (1,366 × 768): every tab, a CT, the PSS editor with its
suggestions and the outbox, in Italian (the longer texts), without the window growing and
with every button inside the screen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from fse_desk.config import AppConfig, DemoConfig
from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.startup import open_workstation
from fse_desk.workstation import Workstation
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.imaging.viewer import ImageViewer
from fse_desk_ui.main_window import MainWindow
from tests.imaging_files import ct_series

# In logical pixels: at 125 % (QT_SCALE_FACTOR=1.25, as Windows sets laptops by default) the
# same screen holds 1,093 × 614 of them.
_SCALE = float(os.environ.get("QT_SCALE_FACTOR") or 1)
SCREEN = QRect(0, 0, int(1366 / _SCALE), int(768 / _SCALE))


@pytest.fixture
def workstation(tmp_path: Path) -> Iterator[Workstation]:
    opened = open_workstation(
        AppConfig(user=None, region=None, demo=DemoConfig(seed=9, patients=30), data_dir=tmp_path)
    )
    opened.sync()
    yield opened
    opened.close()


def _busiest(workstation: Workstation) -> Patient:
    consenting = [p for p in workstation.search_patients("") if p.consent is ConsentState.GRANTED]
    return max(consenting, key=lambda p: len(workstation.documents(p.id)))


def _assert_fits(window: QWidget, what: str) -> None:
    # Layout requests cascade from child to parent one event-loop turn at a time.
    for _ in range(5):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
    window.grab()  # lays out and paints everything, as the screen would
    QApplication.processEvents()
    assert window.width() <= SCREEN.width(), f"{what}: the window grew to {window.width()} px"
    assert window.height() <= SCREEN.height(), f"{what}: the window grew to {window.height()} px"
    frame = window.rect()
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or not button.isVisible():
            continue
        top_left = button.mapTo(window, button.rect().topLeft())
        shown = QRect(top_left, button.size())
        assert frame.contains(shown), f"{what}: {button.text()!r} is outside the window"


def _assert_overlay_whole(viewer: ImageViewer, what: str) -> None:
    """The patient's name, codice fiscale and birth date, and the image counter, on the image
    whole: a study description may wrap, these may not be cut."""
    for corner in ("tl", "bl"):
        label = viewer.overlay_labels[corner]
        assert label.text(), f"{what}: the {corner} overlay is empty"
        assert label.width() >= label.sizeHint().width(), (
            f"{what}: {label.text()!r} is cut at {label.width()} px of {label.sizeHint().width()}"
        )


def test_every_view_fits_a_1366_by_768_screen(
    qtbot: QtBot, qapp: QApplication, workstation: Workstation, tmp_path: Path
) -> None:
    install_translators(qapp, "it")
    window = MainWindow(workstation, auto_sync=False)
    qtbot.addWidget(window)
    window.resize(SCREEN.size())
    window.show()
    workstation.patient_context.select(_busiest(workstation))
    tabs = window.workspace.tab_widget
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        _assert_fits(window, tabs.tabText(index))
    # The document list shows a screenful of rows, not three above an empty reader.
    tabs.setCurrentWidget(window.timeline)
    view = window.timeline.view
    assert view.viewport().height() >= 8 * view.sizeHintForRow(1)

    # A study with its report from the FSE (the report panel holds long titles).
    tabs.setCurrentWidget(window.images_tab)
    images = window.images_tab
    qtbot.waitUntil(lambda: images.study_tree.topLevelItemCount() > 0, timeout=20_000)
    with qtbot.waitSignal(images.report_shown, timeout=20_000):
        images.study_tree.setCurrentItem(images.study_tree.topLevelItem(0))
    qtbot.waitUntil(lambda: images.active.count > 0, timeout=30_000)  # its images on screen
    _assert_fits(window, "study with its report")
    _assert_overlay_whole(images.active, "study with its report")

    # A CT opened from local files (the viewer, its series strip and its report panel).
    for n, raw in enumerate(ct_series(12)):
        (tmp_path / f"ct{n}.dcm").write_bytes(raw)
    with qtbot.waitSignal(images.series_list.model().rowsInserted, timeout=20_000):
        images.open_paths([tmp_path])
    qtbot.waitUntil(lambda: images.active.count == 12, timeout=20_000)
    _assert_fits(window, "CT")
    _assert_overlay_whole(images.active, "CT")

    # The PSS editor, with the suggestions from the FSE shown.
    tabs.setCurrentWidget(window.pss_tab)
    launcher = window.pss_tab.launcher
    assert launcher.edit_button.isVisible()  # the demo doctor is this patient's MMG
    with qtbot.waitSignal(window.pss_tab.editor_opened, timeout=30_000) as opened:
        launcher.open_editor()
    editor = opened.args[0]
    with qtbot.waitSignal(editor.suggestions_shown, timeout=30_000):
        editor.refresh_from_fse()
    _assert_fits(window, "PSS editor with suggestions")
    # While the documents download, the bar shows the progress and a Stop button too: the
    # window grew by 17 px at 125 % when they sat beside the actions, as long as they showed.
    editor.bar.set_busy("downloading", stoppable=True)
    _assert_fits(window, "PSS editor while its documents download")
    editor.bar.set_busy(None)

    panel = window.show_outbox()
    qtbot.addWidget(panel)
    _assert_fits(window, "outbox open")
    assert panel.width() <= SCREEN.width() and panel.height() <= SCREEN.height()
    assert panel.close_button.isVisible()
    panel.close_button.click()
    assert not panel.isVisible()
