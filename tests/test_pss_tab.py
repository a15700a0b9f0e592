"""The "Profilo Sanitario Sintetico" tab on a cache synced from the live sandbox over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from fse_desk.connectors.sync import SyncEngine
from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.errors import ConsentMissing, MalformedDocument
from fse_desk.progress import drive
from fse_desk.pss import Pss, read_cda
from fse_desk.pss.service import PssService, PublisherLike
from fse_desk.store import CacheStore
from fse_desk_sandbox.region import DEMO_MMG_ID
from fse_desk_ui.formatting import format_date
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.messages import user_message
from fse_desk_ui.pss import PssTab
from fse_desk_ui.pss.section_table import SectionTable
from tests.fixtures_region import LiveRegion
from tests.pss_region_support import PssRegion
from tests.timeline_support import DOCTOR, NURSE, make_synced

OWN_GP = replace(DOCTOR, practitioner_id=DEMO_MMG_ID)  # the demo patients' MMG


@pytest.fixture
def region(live_region: LiveRegion, cache: CacheStore) -> PssRegion:
    synced = make_synced(live_region, cache)
    return PssRegion(synced, PssService(cache, synced.service))


def _tab(qtbot: QtBot, region: PssRegion, operator: PublisherLike) -> PssTab:
    tab = PssTab(region.service, operator)
    qtbot.addWidget(tab)
    tab.resize(1300, 900)
    tab.show()
    return tab


@pytest.fixture
def tab(qtbot: QtBot, qapp: QApplication, region: PssRegion) -> Iterator[PssTab]:
    install_translators(qapp, "it")
    yield _tab(qtbot, region, OWN_GP)


def _show(qtbot: QtBot, tab: PssTab, patient: Patient) -> object:
    with qtbot.waitSignal(tab.shown, timeout=10_000) as shown:
        tab.show_patient(patient)
    return shown.args[0]


def _table(tab: PssTab, key: str) -> list[list[str]]:
    widget = tab.section_widget(key)
    assert isinstance(widget, SectionTable), key
    return widget.texts()


def test_shows_the_current_pss_with_the_values_of_its_cda(
    qtbot: QtBot, tab: PssTab, region: PssRegion
) -> None:
    patient = region.with_versions(2)
    shown = _show(qtbot, tab, patient)
    current_id = region.pss_ids(patient)[0]
    expected = region.region_pss(current_id)
    assert shown == expected
    header = tab.header_label.text()
    day = format_date(expected.effective_time.date())
    assert f"versione {expected.version} del {day}" in header
    assert "Elena Guidotti" in header
    assert tab.superseded_label.isHidden() and tab.readonly_label.isHidden()
    assert tab.version_list.count() == len(region.pss_ids(patient))
    assert "(attuale)" in tab.version_list.item(0).text()
    assert "(sostituita)" in tab.version_list.item(1).text()
    assert [r[0] for r in _table(tab, "vital_signs")] == [
        v.code.display for v in expected.vital_signs
    ]
    values = [r[1] for r in _table(tab, "vital_signs")]
    assert values == [f"{v.value:g}".replace(".", ",") for v in expected.vital_signs]
    assert [r[1] for r in _table(tab, "problems")] == [p.code.code for p in expected.problems]
    if expected.no_current_therapy:
        assert tab.section_widget("therapies").text() == "Nessuna terapia in corso"
    else:
        assert [r[1] for r in _table(tab, "therapies")] == [t.drug.code for t in expected.therapies]
    if expected.no_known_allergies:
        allergies = tab.section_widget("allergies")
        assert isinstance(allergies, QLabel) and allergies.text() == "Nessuna allergia nota"
    else:
        assert [r[0] for r in _table(tab, "allergies")] == [
            a.agent.display for a in expected.allergies
        ]
    assert [r[1] for r in _table(tab, "vaccinations")] == [
        v.vaccine.display for v in expected.vaccinations
    ]


def test_an_earlier_version_is_viewable_and_marked_superseded(
    qtbot: QtBot, tab: PssTab, region: PssRegion
) -> None:
    patient = region.with_versions(2)
    _show(qtbot, tab, patient)
    earlier_id = region.pss_ids(patient)[1]
    with qtbot.waitSignal(tab.shown, timeout=10_000) as shown:
        tab.select_version(1)
    earlier: Pss = shown.args[0]
    assert earlier == region.region_pss(earlier_id)
    assert tab.superseded_label.isVisible()
    assert tab.superseded_label.text().startswith("Versione sostituita")
    assert f"versione {earlier.version} del" in tab.header_label.text()
    with qtbot.waitSignal(tab.shown, timeout=10_000):
        tab.select_version(0)
    qtbot.waitUntil(lambda: not tab.superseded_label.isVisible())


def test_a_nurse_reads_the_pss_with_the_reason_she_cannot_publish(
    qtbot: QtBot, qapp: QApplication, region: PssRegion
) -> None:
    install_translators(qapp, "it")
    tab = _tab(qtbot, region, NURSE)
    shown = _show(qtbot, tab, region.with_versions(1))
    assert isinstance(shown, Pss)
    assert tab.readonly_label.isVisible()
    assert tab.readonly_label.text().startswith("Sola lettura")
    assert "infermiere" in tab.readonly_label.text()


def test_another_mmg_reads_the_pss_with_the_reason_he_cannot_publish(
    qtbot: QtBot, qapp: QApplication, region: PssRegion
) -> None:
    install_translators(qapp, "it")
    tab = _tab(qtbot, region, replace(DOCTOR, practitioner_id="prac-mmg-other"))
    assert tab.readonly_label.isHidden()  # an MMG, no patient yet
    assert isinstance(_show(qtbot, tab, region.with_versions(1)), Pss)
    assert tab.readonly_label.isVisible()
    assert tab.readonly_label.text() == QCoreApplication.translate(
        "PssTab",
        (
            "Read only: only the patient's own GP (MMG) or family paediatrician (PLS) can "
            "publish this PSS, and the FSE does not name you as this patient's doctor."
        ),
    )
    tab.show_patient(None)
    assert tab.readonly_label.isHidden()


def test_when_the_newest_version_is_superseded_the_tab_opens_on_the_current_one(
    qtbot: QtBot, tab: PssTab, region: PssRegion
) -> None:
    patient = region.with_versions(2)
    newest, current_id = region.pss_ids(patient)[:2]
    client = region.synced.region.client
    client.update(dict(client.read("DocumentReference", newest), status="superseded"))
    client.update(dict(client.read("DocumentReference", current_id), status="current"))
    drive(SyncEngine(region.synced.cache, client).pull())
    assert _show(qtbot, tab, patient) == region.region_pss(current_id)
    assert "(attuale)" in tab.version_list.item(0).text()
    assert "(sostituita)" in tab.version_list.item(1).text()
    with qtbot.waitSignal(tab.shown, timeout=10_000):
        tab.select_version(1)
    current = tab.versions[0]
    assert tab.superseded_label.isVisible()
    assert f"versione {current.number} del" in tab.superseded_label.text()


def test_a_patient_without_consent_shows_nothing(
    qtbot: QtBot, tab: PssTab, region: PssRegion
) -> None:
    denied = region.synced.patients(ConsentState.DENIED)[0]
    assert _show(qtbot, tab, denied) is None
    assert tab.stack.currentWidget() is tab.message_label
    assert tab.message_label.text() == user_message(ConsentMissing("x"))
    assert tab.message_label.text().startswith("L'assistito non ha")
    assert tab.version_list.count() == 0 and tab.pss is None


def test_a_broken_pss_body_shows_the_error_card(
    qtbot: QtBot, tab: PssTab, region: PssRegion
) -> None:
    patient = region.with_versions(1)
    region.publish_broken_pss(patient)
    shown = _show(qtbot, tab, patient)
    assert isinstance(shown, MalformedDocument)
    assert tab.document_stack.currentWidget() is tab.error_card
    assert tab.error_card.text() == user_message(MalformedDocument("x"))
    assert "danneggiato" in tab.error_card.text()
    assert tab.version_list.count() == len(region.pss_ids(patient))


def test_a_patient_without_pss_gets_a_plain_sentence(
    qtbot: QtBot, tab: PssTab, region: PssRegion
) -> None:
    assert _show(qtbot, tab, region.without_pss()) is None
    assert tab.stack.currentWidget() is tab.message_label
    assert tab.message_label.text().startswith("Per questo assistito non è ancora stato")


def test_a_hidden_tab_reads_the_pss_only_when_shown(
    qtbot: QtBot, qapp: QApplication, region: PssRegion
) -> None:
    install_translators(qapp, "it")
    tab = PssTab(region.service, DOCTOR)
    qtbot.addWidget(tab)
    patient = region.with_versions(1)
    with qtbot.assertNotEmitted(tab.shown):
        tab.show_patient(patient)
    assert tab.version_list.count() == len(region.pss_ids(patient))
    assert tab.version_list.currentRow() == -1  # no reading started
    assert region.synced.service.access_log(patient.id) == []
    with qtbot.waitSignal(tab.shown, timeout=10_000) as shown:
        tab.show()
    assert isinstance(shown.args[0], Pss)
    assert [r.document_id for r in region.synced.service.access_log(patient.id)] == region.pss_ids(
        patient
    )[:1]


def test_the_shown_version_is_saved_as_a_pdf_copy_for_the_patient(
    qtbot: QtBot, tab: PssTab, region: PssRegion, tmp_path: Path
) -> None:
    patient = region.with_versions(1)
    shown = _show(qtbot, tab, patient)
    assert isinstance(shown, Pss) and tab.copy_button.isEnabled()
    assert tab.copy_button.suggested_name().endswith(f"v{shown.version}.pdf")
    path = tmp_path / "copia.pdf"
    with qtbot.waitSignal(tab.copy_button.saved):
        tab.copy_button.save_to(path)
    reader = PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert patient.codice_fiscale in text and shown.patient.family in text
    assert "Copia per l'assistito" in text and "Documento firmato digitalmente" not in text
    assert read_cda(reader.attachments["cda.xml"][0]) == shown  # the published values
    assert "/Sig" not in path.read_bytes().decode("latin-1")  # a copy: no signature field
    tab.show_patient(region.synced.patients(ConsentState.DENIED)[0])
    assert not tab.copy_button.isEnabled()
