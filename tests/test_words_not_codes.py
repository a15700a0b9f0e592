"""Words, not codes: UCUM units in their printed form, pages numbered "N di M" in the PDF."""

from __future__ import annotations

from datetime import date

import pytest

from fse_desk.documents import inspect_pdf, pdf_text
from fse_desk.domain.units import unit_display
from fse_desk.pss import codes
from fse_desk.pss.model import Coded, Therapy, VitalSign
from fse_desk.pss.printout import patient_copy
from tests.test_pss_support import loinc, minimal_pss


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
    header = next(line for line in lines if "Farmaco (ATC)" in line)
    assert header.index("Dosaggio") < header.index("Dose") < header.index("Frequenza")
    assert any(line.startswith("Insulina glargine") for line in lines)
    row = next(line for line in lines if "100 U/ml" in line)  # the name wraps above
    assert row.index("100 U/ml") < row.index("12 U") < row.index("1 volta al giorno")
