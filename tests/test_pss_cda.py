"""PSS → CDA → PSS: every value survives; the output is a safe, readable CDA."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, datetime, timedelta
from xml.etree import ElementTree as ET

import pytest

from fse_desk.documents.cda import parse_cda
from fse_desk.errors import MalformedDocument, UnsafeDocument
from fse_desk.pss import codes
from fse_desk.pss.cda_reader import read_cda
from fse_desk.pss.cda_writer import write_cda
from fse_desk.pss.model import Pss, Therapy, new_version
from fse_desk.pss.validator import validate_cda_structure
from tests.test_pss_support import ROME, atc, full_pss, minimal_pss

NS = {"h": "urn:hl7-org:v3"}


def _diff(a: Pss, b: Pss) -> list[str]:
    return [f.name for f in dataclasses.fields(Pss) if getattr(a, f.name) != getattr(b, f.name)]


@pytest.mark.parametrize("build", [full_pss, minimal_pss])
def test_round_trip_keeps_every_value(build: object) -> None:
    original = build()
    back = read_cda(write_cda(original))
    assert _diff(original, back) == []
    assert back == original


def test_round_trip_of_a_replacement_version() -> None:
    second = new_version(
        full_pss(),
        document_id="PSS.2026.0002",
        effective_time=datetime(2026, 11, 1, 8, 30, tzinfo=ROME),
    )
    xml = write_cda(second)
    assert b'<relatedDocument typeCode="RPLC">' in xml
    assert b'<versionNumber value="2" />' in xml
    assert read_cda(xml) == second


def test_random_free_text_survives() -> None:
    rng = random.Random(5)
    alphabet = "aàèéìòù <>&\"' ;:/\\%#ß€漢\t"
    for _ in range(30):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))).strip() or "x"
        start = date(2000, 1, 1) + timedelta(days=rng.randint(0, 9000))
        therapy = Therapy(atc("A10BA02", text), None, text, text, start, text, text)
        pss = minimal_pss(therapies=(therapy,), no_current_therapy=False)
        assert read_cda(write_cda(pss)).therapies == (therapy,)


def test_writer_output_passes_the_structural_validator() -> None:
    for pss in (full_pss(), minimal_pss()):
        assert validate_cda_structure(write_cda(pss)) == []


def test_special_characters_are_escaped_and_the_viewer_reads_the_document() -> None:
    xml = write_cda(full_pss())
    assert b"Studio medico &lt;Rossi&gt; &amp; associati" in xml
    assert xml.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    shown = parse_cda(xml)
    assert shown.header.type_code == "60591-5"
    assert shown.header.patient_name == "Giovanni Dall'Olio"
    assert shown.header.version == "1"
    titles = [s.title for s in shown.sections]
    assert titles[0] == "Allergie e intolleranze" and len(titles) == 17
    allergies = shown.sections[0].blocks[0]
    assert allergies.header[0] == "Agente"
    assert allergies.rows[0][0] == "Penicilline (PEN)"


def test_explicit_none_is_written_as_a_coded_absence_entry_with_narrative() -> None:
    xml = write_cda(minimal_pss())
    for code in (b"no-known-allergies", b"no-known-medications", b"no-known-problems"):
        assert xml.count(code) == 1
    assert xml.count(b'negationInd="true"') == 1  # family history: no condition in the family
    assert b"Nessuna allergia nota" in xml
    assert read_cda(xml) == minimal_pss()


def test_optional_sections_with_nothing_to_say_are_left_out() -> None:
    # The national schematron (PSS v4.0) requires none of them; an empty devices or
    # procedures section with a "no information" entry is refused by it.
    xml = write_cda(minimal_pss())
    assert b"no-device-info" not in xml and b"no-procedure-info" not in xml
    for spec in codes.SECTIONS:
        assert (f'code="{spec.loinc}"'.encode() in xml) is spec.required, spec.title


def test_values_outside_the_national_catalogues_keep_our_code_as_translation() -> None:
    xml = write_cda(full_pss())
    root = ET.fromstring(xml)
    # a procedure coded under the ICD-9-CM procedure OID goes out under ICD-9-CM
    proc = root.find(".//h:procedure/h:code", NS)
    assert proc is not None and proc.get("codeSystem") == codes.ICD9CM
    assert proc.find("h:translation", NS).get("codeSystem") == codes.ICD9CM_PROCEDURES
    # a non-drug allergen of our own list: "no information" nationally, ours as translation
    agent = root.find(".//h:playingEntity/h:code", NS)
    assert agent is not None and agent.get("nullFlavor") == "NI"
    assert agent.find("h:translation", NS).get("code") == "PEN"
    assert read_cda(xml) == full_pss()


def test_entries_reference_their_narrative_rows() -> None:
    xml = write_cda(full_pss())
    assert b'<tr ID="pss04-1">' in xml and b'<reference value="#pss04-1" />' in xml


def test_reader_refuses_a_dtd() -> None:
    xml = write_cda(minimal_pss()).replace(
        b"<ClinicalDocument", b'<!DOCTYPE x [<!ENTITY e "boom">]><ClinicalDocument', 1
    )
    with pytest.raises(UnsafeDocument, match=r"DTD|entities"):
        read_cda(xml)


def test_reader_refuses_another_document_type() -> None:
    xml = write_cda(minimal_pss()).replace(b'code="60591-5"', b'code="11488-4"', 1)
    with pytest.raises(MalformedDocument, match="not a Profilo Sanitario Sintetico"):
        read_cda(xml)


def test_reader_reports_a_bad_value_as_malformed() -> None:
    xml = write_cda(full_pss()).replace(
        b'<versionNumber value="1" />', b'<versionNumber value="2" />'
    )
    with pytest.raises(MalformedDocument, match="replaced_id"):
        read_cda(xml)
