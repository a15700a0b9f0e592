"""The synthetic assistiti: valid codici fiscali, birthplaces, names, practice links."""

from __future__ import annotations

from datetime import date
from typing import Any

import codicefiscale
import pytest

from fse_desk_sandbox.region import DEMO_MMG_CF, DEMO_MMG_ID, generate_region
from fse_desk_sandbox.region.names import FOREIGN_ORIGINS
from fse_desk_sandbox.region.people import comune_on, pretty_comune

TODAY = date(2026, 11, 1)
CF_SYSTEM = "http://hl7.it/sid/codiceFiscale"
BIRTH_PLACE_URL = "http://hl7.org/fhir/StructureDefinition/patient-birthPlace"


@pytest.fixture(scope="module")
def patients() -> list[dict[str, Any]]:
    return [
        r
        for batch in generate_region(11, 150, TODAY)
        for r in batch
        if r["resourceType"] == "Patient"
    ]


def _birth_place(patient: dict[str, Any]) -> dict[str, Any]:
    [ext] = [e for e in patient["extension"] if e["url"] == BIRTH_PLACE_URL]
    return ext["valueAddress"]


def test_every_codice_fiscale_decodes_to_the_patient(patients: list[dict[str, Any]]) -> None:
    assert len(patients) == 150
    for patient in patients:
        identifier = patient["identifier"][0]
        assert identifier["system"] == CF_SYSTEM
        decoded = codicefiscale.decode(identifier["value"])
        assert decoded["birthdate"].date().isoformat() == patient["birthDate"], patient["id"]
        assert decoded["gender"] == {"male": "M", "female": "F"}[patient["gender"]]
        place = _birth_place(patient)
        if place["country"] == "IT":
            assert decoded["birthplace"]["name"].casefold() == place["city"].casefold()
            assert decoded["birthplace"]["province"] != "EE"
        else:
            assert decoded["birthplace"]["province"] == "EE"
            assert decoded["birthplace"]["code"] == FOREIGN_ORIGINS[place["country"]][1]


def test_codici_fiscali_are_unique_and_not_the_doctors(patients: list[dict[str, Any]]) -> None:
    codes = [p["identifier"][0]["value"] for p in patients]
    assert len(set(codes)) == len(codes)
    assert DEMO_MMG_CF not in codes


def test_most_are_born_in_emilia_romagna_some_elsewhere_some_abroad(
    patients: list[dict[str, Any]],
) -> None:
    places = [_birth_place(p) for p in patients]
    emilia = [
        p
        for p in places
        if p.get("district") in {"BO", "FE", "FC", "MO", "PR", "PC", "RA", "RE", "RN"}
    ]
    abroad = [p for p in places if p["country"] != "IT"]
    elsewhere = [p for p in places if p["country"] == "IT" and p not in emilia]
    assert len(emilia) > len(places) * 0.6
    assert abroad and elsewhere
    assert all(len(p["country"]) == 2 and p["city"] for p in abroad)


def test_patients_have_names_contacts_and_the_demo_mmg(patients: list[dict[str, Any]]) -> None:
    for patient in patients:
        name = patient["name"][0]
        assert name["family"] and name["given"] and all(name["given"])
        assert patient["gender"] in ("male", "female")
        assert patient["address"][0]["city"] and patient["address"][0]["postalCode"]
        assert patient["telecom"][0]["system"] == "phone"
        assert patient["generalPractitioner"][0]["reference"] == f"Practitioner/{DEMO_MMG_ID}"
        assert patient["generalPractitioner"][0]["display"]
    surnames = {p["name"][0]["family"] for p in patients}
    assert len(surnames) > 100  # a varied list, not a handful of repeated names


def test_demo_mmg_codice_fiscale_is_valid() -> None:
    decoded = codicefiscale.decode(DEMO_MMG_CF)
    assert decoded["gender"] == "F"
    assert decoded["birthplace"]["name"] == "Bologna"


def test_comuni_carry_the_name_they_had_on_the_birth_date() -> None:
    old = comune_on("Porretta Terme", "BO", date(1960, 5, 1))
    assert old is not None and old.city == "Porretta Terme"
    assert comune_on("Porretta Terme", "BO", date(2020, 5, 1)) is None  # now Alto Reno Terme
    renamed = comune_on("Grizzana Morandi", "BO", date(1950, 5, 1))
    assert renamed is not None and renamed.city == "Grizzana"
    rimini = comune_on("Rimini", "RN", date(1970, 1, 1))
    assert rimini is not None and rimini.district == "RN"


def test_comune_names_read_as_italians_write_them() -> None:
    assert pretty_comune("Castel D'Aiano") == "Castel d'Aiano"
    assert pretty_comune("Reggio Nell'Emilia") == "Reggio nell'Emilia"
    assert pretty_comune("San Lazzaro Di Savena") == "San Lazzaro di Savena"
    assert pretty_comune("Bologna") == "Bologna"
