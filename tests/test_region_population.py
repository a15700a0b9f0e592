"""The default 1,000-patient region: age pyramid, chronic share, consents, hiding.

Generated once (streamed, only counters are kept). How fast it seeds is measured by
``bench/region_seed_bench.py``, not here.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import pytest

from fse_desk.domain import DOCUMENT_TYPES
from fse_desk_sandbox.region import generate_region

TODAY = date(2026, 11, 1)
CHRONIC_EXEMPTIONS = ("013.250", "021.428", "024.518.81", "031.401")


@dataclass
class Summary:
    ages: list[int] = field(default_factory=list)
    codici_fiscali: list[str] = field(default_factory=list)
    denied: int = 0
    chronic: int = 0
    documents: int = 0
    hidden: int = 0
    pdfs: int = 0
    body_bytes: int = 0
    types: Counter[str] = field(default_factory=Counter)
    foreign: int = 0


def _age(birth: str) -> int:
    born = date.fromisoformat(birth)
    return TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))


@pytest.fixture(scope="module")
def summary() -> Summary:
    out = Summary()
    for batch in generate_region(2026, today=TODAY):
        exemptions = ""
        for r in batch:
            kind = r["resourceType"]
            if kind == "Patient":
                out.ages.append(_age(r["birthDate"]))
                out.codici_fiscali.append(r["identifier"][0]["value"])
                out.foreign += r["extension"][0]["valueAddress"]["country"] != "IT"
            elif kind == "Consent":
                out.denied += r["provision"]["type"] == "deny"
            elif kind == "DocumentReference":
                out.documents += 1
                out.hidden += "meta" in r
                attachment = r["content"][0]["attachment"]
                out.pdfs += attachment["contentType"] == "application/pdf"
                out.body_bytes += attachment["size"]
                code = r["type"]["coding"][0]["code"]
                out.types[code] += 1
                if code == "57827-8":
                    exemptions += r["description"]
        out.chronic += any(code in exemptions for code in CHRONIC_EXEMPTIONS)
    return out


def test_default_region_has_the_practice_list(summary: Summary) -> None:
    assert len(summary.ages) == 1000


def test_age_pyramid_of_an_mmg_list(summary: Summary) -> None:
    assert min(summary.ages) >= 14
    assert 40 <= statistics.median(summary.ages) <= 60
    assert sum(a > 85 for a in summary.ages) >= 10
    assert max(summary.ages) < 100


def test_codici_fiscali_are_unique(summary: Summary) -> None:
    assert len(set(summary.codici_fiscali)) == len(summary.codici_fiscali)


def test_about_one_patient_in_eight_is_chronic(summary: Summary) -> None:
    assert 0.09 <= summary.chronic / len(summary.ages) <= 0.16


def test_some_patients_deny_consent_and_some_documents_are_hidden(summary: Summary) -> None:
    assert 0.03 <= summary.denied / len(summary.ages) <= 0.07
    assert 0.015 <= summary.hidden / summary.documents <= 0.035


def test_years_of_history_of_every_kind(summary: Summary) -> None:
    assert 15 <= summary.documents / len(summary.ages) <= 45
    assert set(summary.types) <= set(DOCUMENT_TYPES)
    for code in (
        "60591-5",
        "11502-2",
        "11488-4",
        "68604-8",
        "59258-4",
        "34105-7",
        "57833-6",
        "57832-8",
        "87273-9",
        "57827-8",
        "108276-7",
        "101134-5",
        "103140-0",
        "75496-0",
    ):
        assert summary.types[code] > 0, code
    assert 0.10 <= summary.pdfs / summary.documents <= 0.15
    assert 0.03 <= summary.foreign / len(summary.ages) <= 0.2
