"""Switching patients while loads are in flight never shows one patient's data under another.

The main window on a live sandbox region: for each switch a document, a PSS version
and an imaging report are being read for the patient just left; the test then looks
at every text the workspace shows, at once and after every load has finished.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QAbstractButton, QLabel, QTextEdit, QTreeWidget
from pytestqt.qtbot import QtBot

from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.pss.model import Pss
from fse_desk.startup import open_workstation
from fse_desk.timeline import OpenedDocument
from fse_desk.workstation import Workstation
from fse_desk_ui.main_window import MainWindow
from tests.fixtures_region import LiveRegion, region_config


def _workspace_text(window: MainWindow) -> str:
    """Everything the patient workspace shows as text (the patient list is left out)."""
    root = window.workspace
    parts = [w.text() for w in root.findChildren(QLabel) if w.isVisibleTo(root)]
    parts += [w.text() for w in root.findChildren(QAbstractButton) if w.isVisibleTo(root)]
    parts += [w.toPlainText() for w in root.findChildren(QTextEdit) if w.isVisibleTo(root)]
    for tree in root.findChildren(QTreeWidget):
        for i in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(i)
            if item is not None:
                parts += [item.text(c) for c in range(item.columnCount())]
    model = window.timeline.model
    for row in range(model.rowCount()):
        parts += [str(model.index(row, c).data()) for c in range(model.columnCount())]
    return "\n".join(parts)


def _two_busy_patients(workstation: Workstation) -> tuple[Patient, Patient]:
    consenting = [p for p in workstation.search_patients("") if p.consent is ConsentState.GRANTED]
    with_reports = [p for p in consenting if workstation.imaging.radiology_reports(p.id)]
    ranked = sorted(with_reports or consenting, key=lambda p: -len(workstation.documents(p.id)))
    assert len(ranked) >= 2, "the region needs two consenting patients with documents"
    return ranked[0], ranked[1]


def _others_marks(patient: Patient, shown: Patient, workstation: Workstation) -> list[str]:
    """What would betray ``patient`` under ``shown``: name, CF, report titles only they have."""

    def titles(p: Patient) -> set[str]:
        return {r.title for r in workstation.imaging.radiology_reports(p.id)}

    return [patient.display_name, patient.codice_fiscale, *(titles(patient) - titles(shown))]


@pytest.mark.parametrize("online", [True, False], ids=["online", "offline"])
def test_rapid_patient_switches_never_show_the_previous_patient(
    qtbot: QtBot, tmp_path: Path, live_region: LiveRegion, online: bool
) -> None:
    workstation = open_workstation(region_config(tmp_path, live_region.server.base_url))
    try:
        workstation.sync()
        first, second = _two_busy_patients(workstation)
        if not online:
            live_region.server.stop()  # loads now fail or come from the cache
        window = MainWindow(workstation, auto_sync=False)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        context = workstation.patient_context
        wrong: list[str] = []

        def check_document(shown: object) -> None:
            current = context.patient
            if (
                isinstance(shown, OpenedDocument)
                and current is not None
                and shown.meta.patient_id != current.id
            ):
                wrong.append(f"document {shown.meta.title} under another patient")

        def check_pss(shown: object) -> None:
            current = context.patient
            if (
                isinstance(shown, Pss)
                and current is not None
                and shown.patient.cf != current.codice_fiscale
            ):
                wrong.append("PSS of another patient")

        window.timeline.document_shown.connect(check_document)
        window.pss_tab.shown.connect(check_pss)

        for switch, (leaving, coming) in enumerate([(first, second), (second, first)] * 3):
            window.patient_list.patient_selected.emit(leaving)
            entries = window.timeline.model
            row = entries.first_entry_row()
            if row >= 0:
                entry = entries.entry(row)
                assert entry is not None
                window.timeline.open_entry(entry)  # the document read starts
            window.pss_tab.select_version(0)  # the PSS read starts
            images = window.images_tab
            if images.study_tree.topLevelItemCount():
                images.study_tree.setCurrentItem(images.study_tree.topLevelItem(0))
            # ...and the doctor clicks the next patient while all of that is in flight.
            window.patient_list.patient_selected.emit(coming)
            text = _workspace_text(window)
            for mark in _others_marks(leaving, coming, workstation):
                assert mark not in text, f"switch {switch}: {mark!r} still on screen"
            assert "Opening the document" not in text and "Apertura del documento" not in text
            assert coming.display_name in text

        qtbot.waitUntil(
            lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=60_000
        )
        qtbot.waitUntil(lambda: not window.images_tab.status.text().startswith("Looking"))
        current = context.patient
        assert current == first
        text = _workspace_text(window)
        for mark in _others_marks(second, first, workstation):
            assert mark not in text, f"after the loads ended: {mark!r} on screen"
        assert wrong == []
    finally:
        workstation.close()
