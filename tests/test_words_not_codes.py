"""Words, not codes: UCUM units in their printed form, pages numbered "N di M" in the PDF."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from xml.etree import ElementTree as ET

import pytest

from fse_desk.documents import inspect_pdf, pdf_text
from fse_desk.domain.units import unit_display
from fse_desk.pss import codes
from fse_desk.pss.cda_reader import read_cda
from fse_desk.pss.cda_writer import write_cda
from fse_desk.pss.model import Coded, Organization, Pss, Therapy, VitalSign
from fse_desk.pss.printout import patient_copy
from tests.test_pss_support import full_pss, loinc, minimal_pss

_ATC = re.compile(r"\b[A-Z]\d{2}[A-Z]{2}\d{2}\b")  # A10AE04
_LOINC = re.compile(r"\b\d{3,5}-\d\b")  # 8480-6


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("10*3/uL", "×10³/µL"),
        ("mL/min/{1.73_m2}", "mL/min/1,73 m²"),
        ("[pH]", ""),
        ("mm[Hg]", "mmHg"),
        ("Cel", "°C"),
        ("mg/dL", "mg/dL"),  # reads the same in print
        ("{copies}/mL", "/mL"),  # an annotation nobody prints
        (None, ""),
    ],
)
def test_units_read_in_their_printed_form(code: str | None, shown: str) -> None:
    assert unit_display(code) == shown


def test_the_patient_pdf_prints_units_not_ucum_codes() -> None:
    vital = VitalSign(loinc("8480-6", "Pressione sistolica"), 135.0, "mm[Hg]", date(2026, 11, 2))
    pss = minimal_pss(vital_signs=(vital,))
    text = pdf_text(patient_copy(pss))
    assert "mmHg" in text
    assert "mm[Hg]" not in text


def test_the_patient_pdf_numbers_its_pages_out_of_the_total() -> None:
    vitals = tuple(
        VitalSign(loinc("8480-6", "Pressione sistolica"), 120.0 + n, "mm[Hg]", date(2026, 1, 1))
        for n in range(80)
    )  # long enough for more than one page
    data = patient_copy(minimal_pss(vital_signs=vitals))
    pages = inspect_pdf(data).page_count
    assert pages > 1
    text = pdf_text(data)
    for n in range(1, pages + 1):
        assert f"Pagina {n} di {pages}" in text


def test_the_patient_pdf_says_how_to_reach_the_practice() -> None:
    text = " ".join(pdf_text(patient_copy(minimal_pss())).split())
    assert "Studio medico <Rossi> & associati" in text
    assert "Tel. +39 0516543210" in text
    assert "E-mail mario.rossi@example.it" in text


def test_the_patient_pdf_prints_strength_and_dose_in_their_own_columns() -> None:
    insulin = Therapy(
        Coded("A10AE04", codes.ATC, "Insulina glargine"),
        dose="12 U",
        frequency="1 volta al giorno, la sera",
        strength="100 U/ml",
    )
    pss = minimal_pss(therapies=(insulin,), no_current_therapy=False)
    lines = [" ".join(line.split()) for line in pdf_text(patient_copy(pss)).splitlines()]
    header = next(line for line in lines if line.startswith("Farmaco"))
    assert header.index("Dosaggio") < header.index("Dose") < header.index("Frequenza")
    assert any(line.startswith("Insulina glargine") for line in lines)
    row = next(line for line in lines if "100 U/ml" in line)
    assert row.index("100 U/ml") < row.index("12 U") < row.index("1 volta al giorno")


def _codes(pss: Pss) -> set[str]:
    """Every code of every entry of ``pss``."""
    entries = [
        entry
        for f in dataclasses.fields(pss)
        if isinstance(value := getattr(pss, f.name), tuple)
        for entry in value
        if dataclasses.is_dataclass(entry)
    ]
    return {
        value.code
        for entry in entries
        for f in dataclasses.fields(entry)
        if isinstance(value := getattr(entry, f.name), Coded)
    }


def test_the_patient_pdf_prints_names_not_codes() -> None:
    insulin = Therapy(
        Coded("A10AE04", codes.ATC, "Insulina glargine"), dose="12 U", strength="100 U/ml"
    )
    pss = full_pss()
    pss = dataclasses.replace(pss, therapies=(*pss.therapies, insulin))
    text = " ".join(pdf_text(patient_copy(pss)).split())
    assert "Insulina glargine" in text and "Metformina" in text and "Polmonite" in text
    assert "Diabete mellito tipo 2" in text and "PA sistolica" in text and "HbA1c" in text
    assert _ATC.search(text) is None, _ATC.search(text)
    assert _LOINC.search(text) is None, _LOINC.search(text)
    codes_in_pss = _codes(pss)
    assert {"A10AE04", "034218062", "250.00", "8480-6", "51.23"} <= codes_in_pss
    printed = {c for c in codes_in_pss if re.search(rf"(?<![\w.]){re.escape(c)}(?![\w.])", text)}
    assert printed == set()
    assert "(ATC)" not in text  # the editor's column label names the code system


def test_a_problem_is_headed_by_what_it_is() -> None:
    lines = [" ".join(line.split()) for line in pdf_text(patient_copy(full_pss())).splitlines()]
    assert any(line.startswith("Problema") for line in lines)


def test_the_patient_pdf_prints_the_practice_address_under_its_name() -> None:
    pss = minimal_pss(
        custodian=Organization(
            "080105-MMG", "Studio medico Rossi", address="Via Roma 1, 40038 Vergato (BO)"
        )
    )
    cda = write_cda(pss)
    # In its parts, as the national schematron asks of the custodian (country, city, street).
    addr = ET.fromstring(cda).find(
        "{urn:hl7-org:v3}custodian/{urn:hl7-org:v3}assignedCustodian/"
        "{urn:hl7-org:v3}representedCustodianOrganization/{urn:hl7-org:v3}addr"
    )
    assert addr is not None
    assert {child.tag.split("}")[1]: child.text for child in addr} == {
        "country": "IT",
        "county": "BO",
        "city": "Vergato",
        "postalCode": "40038",
        "streetAddressLine": "Via Roma 1",
    }
    back = read_cda(cda)  # the address travels in the CDA, as the FSE returns it
    assert back.custodian.address == "Via Roma 1, 40038 Vergato (BO)"
    lines = [" ".join(line.split()) for line in pdf_text(patient_copy(back)).splitlines()]
    name = next(i for i, line in enumerate(lines) if line.startswith("Studio medico Rossi"))
    assert lines[name + 1] == "Via Roma 1, 40038 Vergato (BO)"
    assert lines[name + 2].startswith("Tel. +39")


def test_a_practice_without_an_address_prints_no_empty_line() -> None:
    lines = [" ".join(line.split()) for line in pdf_text(patient_copy(minimal_pss())).splitlines()]
    name = next(i for i, line in enumerate(lines) if line.startswith("Studio medico"))
    assert lines[name + 1].startswith("Tel. +39")
