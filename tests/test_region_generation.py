"""generate_region: the practice batch, determinism, identifiers, exported surface."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import codicefiscale

import fse_desk_sandbox.region as region
from fse_desk_sandbox.region import (
    DEMO_MMG_CF,
    DEMO_MMG_ID,
    DEMO_MMG_NAME,
    generate_region,
)

TODAY = date(2026, 11, 1)
URL_SAFE_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")


def _flat(seed: int, patients: int, today: date = TODAY) -> list[dict[str, Any]]:
    return [r for batch in generate_region(seed, patients, today) for r in batch]


def test_exported_names() -> None:
    assert set(region.__all__) == {
        "DEMO_MMG_CF",
        "DEMO_MMG_FAMILY",
        "DEMO_MMG_GIVEN",
        "DEMO_MMG_ID",
        "DEMO_MMG_NAME",
        "DEMO_MMG_ROLE_ID",
        "GENERATOR_VERSION",
        "PRACTICE_ID",
        "generate_region",
    }


def test_first_batch_is_the_practice_with_the_demo_mmg() -> None:
    practice = next(iter(generate_region(1, 3, TODAY)))
    kinds = {r["resourceType"] for r in practice}
    assert kinds == {"Organization", "Practitioner", "PractitionerRole"}
    [mmg] = [r for r in practice if r["id"] == DEMO_MMG_ID]
    assert mmg["resourceType"] == "Practitioner"
    assert mmg["identifier"][0] == {
        "system": "http://hl7.it/sid/codiceFiscale",
        "value": DEMO_MMG_CF,
    }
    assert DEMO_MMG_NAME.endswith(f"{mmg['name'][0]['given'][0]} {mmg['name'][0]['family']}")
    [role] = [r for r in practice if r["resourceType"] == "PractitionerRole"]
    assert role["practitioner"]["reference"] == f"Practitioner/{DEMO_MMG_ID}"
    assert role["code"][0]["coding"][0]["code"] == "MMG"
    names = " | ".join(r["name"] for r in practice if r["resourceType"] == "Organization")
    for expected in (
        "Ospedale Maggiore",
        "Sant'Orsola",
        "Ospedale di Porretta Terme",
        "Ospedale di Vergato",
        "Azienda USL di Bologna",
        "Casa della Salute",
    ):
        assert expected in names
    for practitioner in (r for r in practice if r["resourceType"] == "Practitioner"):
        assert codicefiscale.is_valid(practitioner["identifier"][0]["value"])


def test_same_seed_gives_identical_output_and_another_seed_does_not() -> None:
    first = json.dumps(_flat(3, 40), sort_keys=True)
    again = json.dumps(_flat(3, 40), sort_keys=True)
    other = json.dumps(_flat(4, 40), sort_keys=True)
    assert first == again
    assert first != other


def test_nothing_is_dated_after_today() -> None:
    earlier = date(2024, 1, 1)
    resources = _flat(3, 30, earlier)
    dates = [r["date"][:10] for r in resources if r["resourceType"] == "DocumentReference"]
    assert dates and max(dates) <= earlier.isoformat()
    births = [r["birthDate"] for r in resources if r["resourceType"] == "Patient"]
    assert max(births) <= "2010-01-01"  # assistiti of an MMG are 14 or older


def test_a_patient_does_not_depend_on_the_size_of_the_region() -> None:
    small = [b for b in generate_region(8, 15, TODAY)][1:]
    large = [b for b in generate_region(8, 30, TODAY)][1:16]
    assert json.dumps(small, sort_keys=True) == json.dumps(large, sort_keys=True)


def test_one_batch_per_patient_starting_with_patient_and_consent() -> None:
    batches = list(generate_region(2, 25, TODAY))
    assert len(batches) == 26
    for n, batch in enumerate(batches[1:], start=1):
        assert batch[0]["resourceType"] == "Patient"
        assert batch[0]["id"] == f"pat-{n:06d}"
        assert batch[1]["resourceType"] == "Consent"
        assert batch[1]["patient"]["reference"] == f"Patient/{batch[0]['id']}"
        assert {r["resourceType"] for r in batch[2:]} <= {
            "DocumentReference",
            "Binary",
            "Observation",
        }


def test_ids_are_unique_and_url_safe_across_the_region() -> None:
    resources = _flat(9, 120)
    keys = [(r["resourceType"], r["id"]) for r in resources]
    assert len(set(keys)) == len(keys)
    assert len({r["id"] for r in resources}) == len(resources)  # unique even across types
    assert all(URL_SAFE_ID.match(r["id"]) for r in resources)
    masters = [
        r["masterIdentifier"]["value"]
        for r in resources
        if r["resourceType"] == "DocumentReference"
    ]
    assert len(set(masters)) == len(masters)
    assert all("meta" not in r or r["resourceType"] == "DocumentReference" for r in resources)
