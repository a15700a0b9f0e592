"""Server text in labels is shown as text: a title holding markup loads nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from fse_desk.connectors.fhir_client import FhirClient
from fse_desk.domain.roles import Role
from fse_desk.store import CacheStore
from fse_desk.timeline import TimelineService
from fse_desk.workstation import Operator
from fse_desk_ui.plain_labels import install_plain_labels, rich_label
from fse_desk_ui.timeline import TimelineWidget
from tests.fixtures_store import RecordFactory

HOSTILE = '<img src="file:///etc/hostname"><b>Referto</b>'


def test_a_title_with_markup_is_shown_as_text(
    qtbot: QtBot, qapp: QApplication, cache_store: CacheStore, tmp_path: Path
) -> None:
    install_plain_labels(qapp)
    records = RecordFactory()
    patient = records.patient()
    doc = records.document(patient, title=HOSTILE, content_type="text/plain")
    cache_store.patients.upsert_many([patient])
    cache_store.documents.upsert_many([doc])
    cache_store.bodies.put(doc.id, "text/plain", b"testo")
    doctor = Operator("Dott. Test", "RSSMRA70A01A944X", Role.MMG, None, "test")
    widget = TimelineWidget(TimelineService(cache_store, FhirClient("http://127.0.0.1:9"), doctor))
    qtbot.addWidget(widget)
    widget.show()
    widget.show_patient(patient)
    widget.view.setCurrentIndex(widget.model.index(widget.model.row_of(doc.id), 0))
    with qtbot.waitSignal(widget.document_shown, timeout=10_000):
        qtbot.keyClick(widget.view, Qt.Key.Key_Return)
    title = widget.reader.title_label
    assert title.text() == HOSTILE
    assert title.textFormat() == Qt.TextFormat.PlainText
    # Every label of the widget is plain, so no other server field can carry markup either.
    labels = widget.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


def test_a_label_that_builds_its_own_markup_keeps_it(qtbot: QtBot, qapp: QApplication) -> None:
    install_plain_labels(qapp)
    label = rich_label(QLabel("<b>PSS</b>"))
    qtbot.addWidget(label)
    label.show()
    assert label.textFormat() == Qt.TextFormat.RichText
