"""A PSS written by another vendor's software: "Nuova versione" loses nothing.

tests/data/vendor_pss/foreign_pss.xml was written for these tests from the HL7 Italia PSS
guide in another vendor's style (see its opening comment). The region holds it as the
patient's current PSS; the MMG makes a new version, removes one entry and edits another,
publishes it through the sandbox gateway over real HTTP and reads it back; the PSS tab
shows what the editor cannot hold, read-only."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from fse_desk._types import DocumentId
from fse_desk.domain.patient import Patient, Sex
from fse_desk.pss import read_cda, validate_cda_structure, write_cda
from fse_desk.pss.model import ENTRY_TYPES, Allergy
from fse_desk.workstation import Workstation
from fse_desk_sandbox import ResourceStore
from fse_desk_ui.i18n import install_translators
from fse_desk_ui.pss import PssTab
from tests.fixtures_region import LiveRegion
from tests.pss_publication_support import (
    consenting,
    mmg_fixture,  # noqa: F401  (fixture)
    on_server,
    open_mmg,
)
from tests.test_gateway_support import Operator as Certified
from tests.test_gateway_support import operator_fixture  # noqa: F401  (fixture)

FOREIGN = Path(__file__).parent / "data" / "vendor_pss" / "foreign_pss.xml"


SAMPLE = {
    "@@ID_ROOT@@": "2.16.840.1.113883.2.9.2.80.4.4",
    "@@ID@@": "ALFA.1",
    "@@CF@@": "BNCLRA60M41A944Q",
    "@@FAMILY@@": "Bianchi",
    "@@GIVEN@@": "Laura",
    "@@SEX@@": "F",
    "@@BIRTH@@": "19600801",
}


def filled(values: dict[str, str]) -> bytes:
    text = FOREIGN.read_text(encoding="utf-8")
    for token, value in values.items():
        text = text.replace(token, value)
    return text.encode("utf-8")


def foreign_pss(patient: Patient, id_root: str, extension: str) -> bytes:
    """The fixture about ``patient``, under the document id ``id_root``/``extension``."""
    return filled(
        {
            "@@ID_ROOT@@": id_root,
            "@@ID@@": extension,
            "@@CF@@": patient.codice_fiscale,
            "@@FAMILY@@": patient.family_name,
            "@@GIVEN@@": patient.given_name,
            "@@SEX@@": "F" if patient.sex is Sex.FEMALE else "M",
            "@@BIRTH@@": patient.birth_date.strftime("%Y%m%d"),
        }
    )


def install(store: ResourceStore, reference_id: str, body: bytes) -> None:
    """``body`` as the content of the region's DocumentReference ``reference_id``."""
    reference = store.read("DocumentReference", reference_id).resource()
    attachment = reference["content"][0]["attachment"]
    binary_id = attachment["url"].removeprefix("Binary/")
    binary = store.read("Binary", binary_id).resource()
    store.update("Binary", binary_id, dict(binary, data=base64.b64encode(body).decode("ascii")))
    attachment["size"] = len(body)
    attachment["hash"] = base64.b64encode(hashlib.sha1(body).digest()).decode("ascii")
    store.update("DocumentReference", reference_id, reference)


def test_the_foreign_pss_is_conformant_and_reads_with_what_the_editor_cannot_hold() -> None:
    xml = filled(SAMPLE)
    assert validate_cda_structure(xml) == []
    pss = read_cda(xml)
    entries = xml.count(b"<entry>")
    assert len(pss.kept_entries) == entries == 14  # every entry kept as written
    [uncoded] = pss.read_only("allergies")  # an agent with no code: no Allergy record
    assert uncoded.record is None and "Lattice" in uncoded.summary
    assert sum(len(pss.entries(k)) for k in ENTRY_TYPES) == entries - 1
    assert isinstance(pss.allergies[0], Allergy)
    again = read_cda(write_cda(pss))  # unchanged, it writes back as it was
    assert again.kept_entries == pss.kept_entries
    assert all(again.entries(k) == pss.entries(k) for k in ENTRY_TYPES)


def test_a_section_the_editor_does_not_know_is_kept_whole() -> None:
    section = (
        "<component><section>"
        '<code code="11348-0" codeSystem="2.16.840.1.113883.6.1"/>'
        "<title>Anamnesi patologica remota</title>"
        "<text><paragraph>Appendicectomia nel 1975.</paragraph></text>"
        "</section></component>"
    )
    xml = filled(SAMPLE).replace(b"</structuredBody>", section.encode() + b"</structuredBody>")
    pss = read_cda(xml)
    [kept] = pss.kept_sections
    assert kept.title == "Anamnesi patologica remota"
    written = write_cda(pss)
    assert b"Appendicectomia nel 1975." in written
    assert read_cda(written).kept_sections == pss.kept_sections


def test_a_new_version_of_another_vendors_pss_keeps_every_entry_the_doctor_did_not_remove(
    tmp_path: Path,
    live_region: LiveRegion,
    operator: Certified,
    mmg: Workstation,
    qtbot: QtBot,
    qapp: QApplication,
) -> None:
    patient = consenting(mmg, with_pss=True)
    current = next(v for v in mmg.pss.history(patient.id) if v.current)
    reference = live_region.store.read("DocumentReference", current.document_id).resource()
    root = reference["masterIdentifier"]["system"].removeprefix("urn:oid:")
    body = foreign_pss(patient, root, reference["masterIdentifier"]["value"])
    install(live_region.store, current.document_id, body)
    foreign = read_cda(body)

    # A workstation that syncs after the other vendor published (its cache never held
    # the region's own PSS for this patient).
    doctor = open_mmg(tmp_path / "doctor", live_region, operator.credentials)
    try:
        doctor.sync()
        assert doctor.pss.read(current.document_id) == foreign
        # The PSS tab shows what the editor cannot hold, read-only, in Italian.
        install_translators(qapp, "it")
        tab = PssTab(doctor.pss, doctor.operator)
        qtbot.addWidget(tab)
        tab.show()  # it reads when shown
        with qtbot.waitSignal(tab.shown, timeout=10_000) as shown:
            tab.show_patient(patient)
        assert shown.args[0] == foreign
        notes = [w.text() for w in tab.findChildren(QLabel, "pssKeptAsWritten")]
        assert notes == [
            "Scritte da un altro programma e conservate come sono (non modificabili qui):\n"
            "• Lattice (riferito dal paziente, agente non codificato)"
        ]
        draft = doctor.pss.start_draft(patient.id)
        removed, edited = foreign.therapies[1], foreign.problems[0]
        draft = replace(
            draft,
            therapies=tuple(t for t in draft.therapies if t != removed),
            problems=tuple(
                replace(p, note="In buon compenso") if p == edited else p for p in draft.problems
            ),
        )
        doctor.pss.queue_publication(patient.id, draft)
        assert doctor.sync().pushed.sent == 1
        [new] = on_server(live_region.server.base_url, draft.full_id)
        published = doctor.pss.read(DocumentId(new["id"]))
    finally:
        doctor.close()

    assert (published.version, published.replaced_id) == (2, foreign.document_id)
    for key in ENTRY_TYPES:  # entry by entry: all of them but the one removed
        expected = tuple(
            replace(e, note="In buon compenso") if e == edited else e
            for e in foreign.entries(key)
            if e != removed
        )
        assert published.entries(key) == expected, key
    # Every entry the doctor left alone went out exactly as the other vendor wrote it
    # (structured frequency, AIC with ATC, quantities, codes we do not know), the one he
    # could not edit too; the edited one is written by us now.
    untouched = [k for k in foreign.kept_entries if k.record not in (removed, edited)]
    assert sorted(k.xml for k in published.kept_entries) == sorted(k.xml for k in untouched)
    assert {k.narrative for k in published.kept_entries} == {k.narrative for k in untouched}
    assert published.read_only("allergies") == foreign.read_only("allergies")
