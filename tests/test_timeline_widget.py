"""The Timeline tab and its reader on a cache synced from the sandbox over HTTP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from fse_desk.documents import LAB_REPORT_LOINC, RADIOLOGY_REPORT_LOINC
from fse_desk.domain.patient import ConsentState
from fse_desk.domain.timeline import TimelineEntry
from fse_desk.errors import BodyNotAvailableOffline, UnsafeDocument
from fse_desk.store import CacheStore
from fse_desk.timeline import OpenedDocument
from fse_desk_ui.formatting import ROME, format_date
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.messages import user_message
from fse_desk_ui.timeline import TimelineWidget
from fse_desk_ui.timeline.lab_chart import LabChartDialog, month_ticks
from tests.fixtures_region import LiveRegion
from tests.timeline_support import SyncedRegion, make_synced


@pytest.fixture
def synced(live_region: LiveRegion, cache: CacheStore) -> SyncedRegion:
    return make_synced(live_region, cache)


@pytest.fixture
def widget(qtbot: QtBot, qapp: QApplication, synced: SyncedRegion) -> Iterator[TimelineWidget]:
    install_translators(qapp, "it")
    w = TimelineWidget(synced.service)
    qtbot.addWidget(w)
    w.resize(1400, 800)
    w.show()
    yield w
    w.cancel_download()


def _open(qtbot: QtBot, w: TimelineWidget, entry: TimelineEntry) -> object:
    w.view.setCurrentIndex(w.model.index(w.model.row_of(entry.id), 0))
    with qtbot.waitSignal(w.document_shown, timeout=10_000) as shown:
        qtbot.keyClick(w.view, Qt.Key.Key_Return)
    return shown.args[0]


def test_timeline_model_is_a_well_behaved_qt_model(
    widget: TimelineWidget, synced: SyncedRegion
) -> None:
    tester = ModelTester(None)
    tester.check(widget.model)
    widget.show_patient(synced.busiest())
    tester.check(widget.model)
    widget.search_box.setText("emocromo")
    tester.check(widget.model)


def test_shows_the_patient_grouped_by_month_and_logs_the_view(
    widget: TimelineWidget, synced: SyncedRegion
) -> None:
    patient = synced.busiest()
    widget.show_patient(patient)
    entries = synced.service.view(patient.id).entries
    model = widget.model
    assert model.entry_count == len(entries)
    headers = model.header_rows()
    assert headers[0] == 0 and len(headers) + len(entries) == model.rowCount()
    first = entries[0].date.astimezone(ROME)
    assert model.index(0, 1).data().endswith(str(first.year))
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable
    assert model.index(1, 1).data() == entries[0].title
    assert model.index(1, 0).data() == first.strftime("%d/%m/%Y")
    assert widget.class_box.itemText(0) == f"Tutte le classi ({len(entries)})"
    assert widget.counts_label.text().startswith(f"{len(entries)} documenti")
    actions = [r.action.value for r in synced.service.access_log(patient.id)]
    assert actions == ["view_timeline"]


def test_taccuino_documents_are_marked_as_patient_provided(
    widget: TimelineWidget, synced: SyncedRegion
) -> None:
    patient = next(
        p
        for p in synced.patients()
        if any(e.patient_provided for e in synced.service.view(p.id).entries)
    )
    widget.show_patient(patient)
    row = next(
        r
        for r in range(widget.model.rowCount())
        if (e := widget.model.entry(r)) is not None and e.patient_provided
    )
    assert widget.model.index(row, 3).data() == "Caricato dall'assistito"
    assert "taccuino" in widget.model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)


def test_keyboard_arrows_skip_month_headers_enter_opens_ctrl_f_searches(
    qtbot: QtBot, widget: TimelineWidget, synced: SyncedRegion
) -> None:
    widget.show_patient(synced.busiest())
    widget.view.setFocus()
    header = widget.model.header_rows()[1]
    widget.view.setCurrentIndex(widget.model.index(header - 1, 0))
    qtbot.keyClick(widget.view, Qt.Key.Key_Down)
    assert widget.view.currentIndex().row() == header + 1  # the month header is stepped over
    qtbot.keyClick(widget.view, Qt.Key.Key_Up)
    assert widget.view.currentIndex().row() == header - 1
    for _ in range(6):
        qtbot.keyClick(widget.view, Qt.Key.Key_Down)
        assert widget.selected_entry() is not None  # never lands on a header row
    entry = widget.selected_entry()
    assert entry is not None
    with qtbot.waitSignal(widget.document_shown, timeout=10_000) as shown:
        qtbot.keyClick(widget.view, Qt.Key.Key_Return)
    assert isinstance(shown.args[0], OpenedDocument) and shown.args[0].meta.id == entry.id
    assert widget.reader.title_label.text() == entry.title

    widget.activateWindow()
    qtbot.keyClick(widget.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert widget.search_box.hasFocus() or QApplication.focusWidget() is widget.search_box
    qtbot.keyClicks(widget.search_box, "emocromo")
    assert widget.model.entry_count > 0
    assert all(
        "emocromo" in widget.model.entry(r).title.lower()
        for r in range(widget.model.rowCount())
        if widget.model.entry(r) is not None
    )


def test_filters_and_only_new_drive_the_list(
    qtbot: QtBot, widget: TimelineWidget, synced: SyncedRegion
) -> None:
    patient = synced.busiest()
    widget.show_patient(patient)
    total = widget.model.entry_count
    widget.class_box.setCurrentIndex(widget.class_box.findData("REF"))
    reports = widget.model.entry_count
    assert 0 < reports < total
    widget.period_box.setCurrentIndex(widget.period_box.findText("Ultimo anno"))
    assert widget.model.entry_count < reports
    widget.period_box.setCurrentIndex(0)
    widget.class_box.setCurrentIndex(0)
    replaced = sum(e.superseded for e in synced.service.view(patient.id).entries)
    assert widget.only_new.text() == f"Solo nuovi ({total - replaced})"
    qtbot.mouseClick(widget.mark_reviewed_button, Qt.MouseButton.LeftButton)
    assert widget.only_new.text() == "Solo nuovi (0)"
    widget.only_new.setChecked(True)
    assert widget.model.entry_count == 0


def test_patient_without_consent_sees_nothing_and_is_told_why(
    widget: TimelineWidget, synced: SyncedRegion
) -> None:
    widget.show_patient(synced.busiest())
    denied = synced.patients(ConsentState.DENIED)[0]
    widget.show_patient(denied)
    assert widget.model.rowCount() == 0
    assert widget.stack.currentWidget() is widget.consent_label
    assert "non ha dato il consenso" in widget.consent_label.text()
    assert not widget.download_button.isEnabled()
    assert synced.service.access_log(denied.id) == []


def test_lab_report_shows_results_and_charts_an_analyte(
    qtbot: QtBot, widget: TimelineWidget, synced: SyncedRegion
) -> None:
    patient = synced.busiest()
    widget.show_patient(patient)
    lab = next(
        e for e in synced.service.view(patient.id).entries if e.type_code == LAB_REPORT_LOINC
    )
    opened = _open(qtbot, widget, lab)
    assert isinstance(opened, OpenedDocument) and opened.cda is not None
    reader = widget.reader
    assert [reader.tabs.tabText(i) for i in range(reader.tabs.count())] == [
        "Documento",
        "Risultati",
    ]
    html = reader.cda_view.toHtml()
    assert opened.cda.header.patient_name in html and "Custode" in html
    table = reader.results_table
    assert table.rowCount() == len(opened.cda.lab_results)
    assert [table.horizontalHeaderItem(c).text() for c in range(5)] == [
        "Analita",
        "Valore",
        "Unità",
        "Intervallo di riferimento",
        "Segnalazione",
    ]
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "Creatinina")
    assert "," in table.item(row, 1).text() or table.item(row, 1).text().isdigit()
    table.selectRow(row)
    with qtbot.waitSignal(widget.chart_shown, timeout=10_000) as shown:
        qtbot.mouseClick(reader.chart_button, Qt.MouseButton.LeftButton)
    chart = shown.args[0]
    assert isinstance(chart, LabChartDialog)
    assert chart.series.loinc == "2160-0" and len(chart.series.points) > 3
    assert chart.values.rowCount() == len(chart.series.points)
    # The lab's own reference range as a band, and ticks a doctor reads.
    assert chart.series.reference_range is not None and chart.band is not None
    assert chart.band.getRegion() == pytest.approx(chart.series.reference_range)
    axis = chart.plot.getPlotItem().getAxis("bottom")
    xs = [p.when.timestamp() for p in chart.series.points]
    [(_spacing, ticks)] = axis.tickValues(min(xs), max(xs), 600)
    labels = axis.tickStrings(ticks, 1.0, _spacing)
    assert 1 <= len(ticks) <= 7
    assert all(re.fullmatch(r"(\d\d/)?\d{4}", label) for label in labels), labels
    chart.close()


def test_date_ticks_fall_on_month_or_year_starts() -> None:
    first = datetime(2021, 3, 17, 10, 0, tzinfo=ROME).timestamp()
    last = datetime(2025, 11, 2, 8, 30, tzinfo=ROME).timestamp()
    ticks = month_ticks(first, last)
    assert ticks is not None
    step, values = ticks
    assert step == 12  # nearly five years: one tick a year
    assert [datetime.fromtimestamp(v, ROME).strftime("%d/%m/%Y") for v in values] == [
        "01/01/2022",
        "01/01/2023",
        "01/01/2024",
        "01/01/2025",
    ]


def test_radiology_report_offers_its_study_to_the_image_viewer(
    qtbot: QtBot, widget: TimelineWidget, synced: SyncedRegion
) -> None:
    reference = next(
        r
        for r in synced.region.of_type("DocumentReference")
        if r["type"]["coding"][0]["code"] == RADIOLOGY_REPORT_LOINC
        and synced.cache.documents.get(r["id"]) is not None
    )
    patient = synced.cache.patients.get(reference["subject"]["reference"].split("/")[1])
    widget.show_patient(patient)
    entry = next(e for e in widget.view_state.entries if e.id == reference["id"])
    _open(qtbot, widget, entry)
    uid = reference["context"]["related"][0]["identifier"]["value"].removeprefix("urn:oid:")
    assert widget.reader.study_bar.isVisible()
    assert uid in widget.reader.study_label.text()
    with qtbot.waitSignal(widget.open_study_requested, timeout=2000) as requested:
        qtbot.mouseClick(widget.reader.open_study_button, Qt.MouseButton.LeftButton)
    assert requested.args == [uid]


def test_pdf_is_shown_page_by_page(
    qtbot: QtBot, widget: TimelineWidget, synced: SyncedRegion
) -> None:
    patient = synced.busiest()
    widget.show_patient(patient)
    pdf = next(e for e in widget.view_state.entries if "pdf" in e.content_type)
    with qtbot.waitSignal(widget.reader.pages_rendered, timeout=10_000) as rendered:
        _open(qtbot, widget, pdf)
    assert rendered.args == [1]
    assert widget.reader.tabs.tabText(0) == "PDF"
    page = widget.reader.pdf_area.widget().findChildren(QLabel)[0]
    assert page.pixmap().height() > 1000 and page.height() == page.pixmap().height()


def test_hostile_body_shows_an_error_card(
    qtbot: QtBot, widget: TimelineWidget, synced: SyncedRegion
) -> None:
    patient = synced.busiest()
    widget.show_patient(patient)
    entry = next(e for e in widget.view_state.entries if "xml" in e.content_type)
    synced.cache.bodies.put(
        entry.id,
        "application/x-hl7-cda+xml",
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>',
    )
    error = _open(qtbot, widget, entry)
    assert isinstance(error, UnsafeDocument)
    assert widget.reader.stack.currentWidget() is widget.reader.error_card
    card = widget.reader.error_card.text()
    assert card.startswith(user_message(error)) and "sicurezza" in card
    # The document exists: the card says what it is and who issued it, so the doctor
    # knows whom to ask for a copy.
    assert f"Documento: {entry.title}" in card
    assert format_date(entry.date.astimezone(ROME)) in card
    assert f"Emesso da: {entry.facility}" in card


def test_offline_unfetched_document_says_so_plainly(
    qtbot: QtBot, widget: TimelineWidget, synced: SyncedRegion
) -> None:
    widget.show_patient(synced.busiest())
    synced.region.server.stop()
    error = _open(qtbot, widget, widget.view_state.entries[0])
    assert isinstance(error, BodyNotAvailableOffline)
    assert "non è ancora stato scaricato" in widget.reader.error_card.text()


def test_download_for_offline_use_with_progress(
    qtbot: QtBot, widget: TimelineWidget, synced: SyncedRegion
) -> None:
    patient = synced.busiest()
    widget.show_patient(patient)
    assert widget.download_button.text() == "Scarica per uso offline"
    with qtbot.waitSignal(widget.prefetch_finished, timeout=30_000):
        qtbot.mouseClick(widget.download_button, Qt.MouseButton.LeftButton)
        assert widget.progress_bar.isVisible() and widget.cancel_button.isVisible()
    assert not widget.progress_bar.isVisible()
    assert all(e.offline for e in widget.view_state.entries)
    assert "disponibili offline" in widget.status_label.text()
    synced.region.server.stop()
    opened = _open(qtbot, widget, widget.view_state.entries[-1])
    assert isinstance(opened, OpenedDocument)


def test_text_search_says_what_it_does_not_cover_and_fetches_it(
    qtbot: QtBot, widget: TimelineWidget, synced: SyncedRegion
) -> None:
    patient = synced.busiest()
    widget.show_patient(patient)
    assert not widget.coverage_label.isVisible()  # no search, nothing to say
    with qtbot.waitSignal(widget.refreshed, timeout=5000):
        widget.search_box.setText("referto")
    missing = len(synced.cache.timeline.missing_bodies(patient.id))
    assert missing > 0 and widget.view_state is not None
    assert widget.view_state.not_searchable == missing
    assert widget.coverage_label.isVisible() and widget.fetch_missing_button.isVisible()
    assert str(missing) in widget.coverage_label.text()
    before = widget.model.entry_count
    with qtbot.waitSignal(widget.prefetch_finished, timeout=60_000):
        qtbot.mouseClick(widget.fetch_missing_button, Qt.MouseButton.LeftButton)
    assert synced.cache.timeline.missing_bodies(patient.id) == []
    assert not widget.coverage_label.isVisible()
    assert widget.model.entry_count >= before  # the bodies now searched as well
