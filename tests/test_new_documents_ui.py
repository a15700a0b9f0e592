"""New documents in the main window: counts in the patient list, one document marked seen
(menu or reading it), everything marked reviewed, undo, and a sync bringing a new one."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fse_desk.domain.patient import Patient
from fse_desk.domain.timeline import TimelineEntry
from fse_desk.workstation import Workstation
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.main_window import MainWindow
from fse_desk_ui.models.patient_list_model import PatientListModel
from tests.fixtures_region import LiveRegion


def _listed(window: MainWindow, patient: Patient) -> str:
    """The "New" cell of ``patient``'s row in the patient list."""
    model = window.patient_list.model
    row = next(r for r, p in enumerate(model.records) if p.id == patient.id)
    return str(model.index(row, PatientListModel.NEW).data())


def _entry(window: MainWindow, document_id: str) -> TimelineEntry:
    model = window.timeline.model
    entry = model.entry(model.row_of(document_id))
    assert entry is not None
    return entry


def _sync(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        window.sync.sync_now(manual=False)


def test_new_documents_counted_per_patient_marked_one_or_all_and_undone(
    qtbot: QtBot, qapp: object, region_workstation: Workstation, live_region: LiveRegion
) -> None:
    install_translators(qapp, "it")  # type: ignore[arg-type]
    workstation = region_workstation
    window = MainWindow(workstation, auto_sync=False)
    qtbot.addWidget(window)
    window.show()
    _sync(qtbot, window)

    patients = window.patient_list.model.records
    expected = {p.id: workstation.timeline.view(p.id).new_count for p in patients}
    assert any(expected.values())
    for patient in patients:
        count = expected[patient.id]
        assert _listed(window, patient) == (str(count) if count else "")
    patient = max(patients, key=lambda p: expected[p.id])
    total = expected[patient.id]
    window.workspace.show_patient(patient)
    timeline = window.timeline
    first, second = [e for e in timeline.view_state.entries if e.new][:2]  # type: ignore[union-attr]

    # One document from the row's menu, then undone.
    [action] = timeline.row_menu(first).actions()
    assert action.text() == "Segna come visto" and action.isEnabled()
    action.trigger()
    assert not _entry(window, first.id).new
    assert _listed(window, patient) == str(total - 1)
    assert timeline.undo_bar.isVisible() and first.title in timeline.undo_bar.label.text()
    assert not timeline.row_menu(_entry(window, first.id)).actions()[0].isEnabled()
    qtbot.mouseClick(timeline.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert _entry(window, first.id).new and _listed(window, patient) == str(total)
    assert timeline.undo_bar.isHidden()

    # Reading a document counts as seeing it.
    timeline.view.setCurrentIndex(timeline.model.index(timeline.model.row_of(second.id), 0))
    with qtbot.waitSignal(timeline.document_shown, timeout=10_000):
        qtbot.keyClick(timeline.view, Qt.Key.Key_Return)
    assert not _entry(window, second.id).new
    assert _listed(window, patient) == str(total - 1)

    # Everything, then undone: the single mark above survives both.
    qtbot.mouseClick(timeline.mark_reviewed_button, Qt.MouseButton.LeftButton)
    assert _listed(window, patient) == ""
    assert timeline.undo_bar.label.text() == f"{total - 1} documenti segnati come visti."
    qtbot.mouseClick(timeline.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert _listed(window, patient) == str(total - 1)
    assert not _entry(window, second.id).new and _entry(window, first.id).new

    # A document arriving at the next sync is new, in the list and the timeline.
    qtbot.mouseClick(timeline.mark_reviewed_button, Qt.MouseButton.LeftButton)
    old = live_region.client.read("DocumentReference", first.id)
    arrival = {k: v for k, v in old.items() if k not in ("id", "meta", "masterIdentifier")}
    arrival["date"] = datetime.now(UTC).isoformat()
    new_id = live_region.client.create(arrival)["id"]
    _sync(qtbot, window)
    assert _listed(window, patient) == "1"
    assert [e.id for e in timeline.view_state.entries if e.new] == [new_id]  # type: ignore[union-attr]
