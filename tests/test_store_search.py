"""Instant search of assistiti and documents, as typed in the search box."""

from __future__ import annotations

import random
from datetime import date

import pytest

from fse_desk.store import CacheStore

PEOPLE = [
    ("Rossi", "Mario", "RSSMRA80A01H501U"),
    ("Rossini", "Maria", "RSSMRA85T41F205X"),
    ("Russo", "Marco", "RSSMRC90B12L219K"),
    ("D'Angelo", "Lucia", "DNGLCU70A41F839W"),
    ("De Luca", "Niccolò", "DLCNCL66C03G273Y"),
    ("Bianchi", "Anna Maria", "BNCNMR58D45A662T"),
    ("Ferrari", "Giulia", "FRRGLI92E50H501A"),
    ("ROSSO", "andrea", "RSSNDR77M10D969P"),
]


@pytest.fixture
def people(cache_store: CacheStore, records) -> dict[str, object]:
    made = {
        f"{family} {given}": records.patient(
            family_name=family, given_name=given, codice_fiscale=cf
        )
        for family, given, cf in PEOPLE
    }
    cache_store.patients.upsert_many(made.values())
    return made


def _names(patients) -> list[str]:
    return [f"{p.family_name} {p.given_name}" for p in patients]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ross mar", ["Rossi Mario", "Rossini Maria"]),
        ("mar ross", ["Rossi Mario", "Rossini Maria"]),
        ("ROSSI", ["Rossi Mario", "Rossini Maria"]),
        ("rossi mario", ["Rossi Mario"]),
        ("RSSMRA", ["Rossi Mario", "Rossini Maria"]),
        ("rssmra80a01h501u", ["Rossi Mario"]),
        ("niccolo", ["De Luca Niccolò"]),
        ("NICCOLÒ de", ["De Luca Niccolò"]),
        ("d'angelo", ["D'Angelo Lucia"]),
        ("dangelo", ["D'Angelo Lucia"]),
        ("deluca", ["De Luca Niccolò"]),
        ("anna maria", ["Bianchi Anna Maria"]),
        ("rosso", ["ROSSO andrea"]),
        ("  ferr\tgiu  ", ["Ferrari Giulia"]),
        ("verdi", []),
        ("ross luc", []),
    ],
)
def test_every_word_is_a_prefix_case_and_accents_ignored(cache_store, people, text, expected):
    assert _names(cache_store.patients.search(text)) == expected


def test_results_are_ordered_by_family_then_given_name(cache_store, people) -> None:
    assert _names(cache_store.patients.search("r")) == [
        "Rossi Mario",
        "Rossini Maria",
        "ROSSO andrea",
        "Russo Marco",
    ]


def test_empty_text_lists_the_first_patients_alphabetically(cache_store, people) -> None:
    assert _names(cache_store.patients.search("", limit=3)) == [
        "Bianchi Anna Maria",
        "D'Angelo Lucia",
        "De Luca Niccolò",
    ]
    assert len(cache_store.patients.search("   ")) == len(PEOPLE)


def test_limit(cache_store, people) -> None:
    assert _names(cache_store.patients.search("ma", limit=2)) == [
        "Bianchi Anna Maria",
        "Rossi Mario",
    ]


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '"ross',
        "ross*",
        "*",
        "-ross",
        "ross -mar",
        "AND",
        "ross AND",
        "OR mar",
        "NOT",
        "NEAR(ross mar)",
        "ross:mar",
        "family_name:ross",
        "(ross",
        "^ross",
        "ross + mar",
        "'; DROP TABLE patient; --",
        "\x00",
        "ross\u200bmar",
        "🙂",
        "_",
        "a" * 5000,
        " ".join(["ross"] * 200),
    ],
)
def test_hostile_input_never_raises(cache_store, people, text) -> None:
    found = cache_store.patients.search(text)
    assert isinstance(found, list)
    assert cache_store.patients.count() == len(PEOPLE)


def test_operators_in_input_are_searched_as_words(cache_store, people) -> None:
    assert _names(cache_store.patients.search('"ross" -mar*')) == ["Rossi Mario", "Rossini Maria"]
    # "AND" is a word here (a prefix of "andrea"), not the operator.
    assert _names(cache_store.patients.search("ross AND")) == ["ROSSO andrea"]
    assert _names(cache_store.patients.search("mar OR")) == []


def test_document_search(cache_store, records) -> None:
    anna, bruno = records.patient(), records.patient()
    cache_store.patients.upsert_many([anna, bruno])
    eco = records.document(
        anna, title="Ecografia addominale", author="Dr. Fabbri", facility="Policlinico Sant'Orsola"
    )
    rx = records.document(
        bruno,
        type_code="68604-8",
        title="RX torace",
        author="Dr.ssa Fabbri",
        facility="Ospedale di Cesena",
    )
    lab = records.document(
        anna, title="Emocromo", author="Laboratorio analisi", facility="AUSL Romagna"
    )
    cache_store.documents.upsert_many([eco, rx, lab])

    assert cache_store.documents.search("fabbri") == [rx, eco]  # newest first
    assert cache_store.documents.search("fabbri", patient_id=anna.id) == [eco]
    assert cache_store.documents.search("orsola eco") == [eco]
    assert cache_store.documents.search("", patient_id=anna.id) == [lab, eco]
    assert cache_store.documents.search('" ( - *', limit=1) == [lab]
    assert cache_store.documents.search("torace cesena") == [rx]


def test_a_prefix_matching_most_of_a_large_cache_keeps_the_order(cache_store, records) -> None:
    """Over 10,000 matches the search walks the name index instead of sorting."""
    rng = random.Random(1)
    crowd = [
        records.patient(
            family_name=rng.choice(["Rossi", "rosa", "Romano", "Ròta"]) + str(rng.randrange(50)),
            given_name=rng.choice(["Anna", "marco", "Zoe", "Èlia"]),
        )
        for _ in range(10_050)
    ]
    cache_store.patients.upsert_many(crowd)
    expected = sorted(crowd, key=lambda p: (p.family_name.lower(), p.given_name.lower(), p.id))

    assert cache_store.patients.search("ro", limit=300) == expected[:300]
    few = [p for p in expected if p.family_name == "Rossi7" and p.given_name == "Anna"]
    assert cache_store.patients.search("rossi7 ann") == few


@pytest.fixture
def born(cache_store: CacheStore, records) -> None:
    cache_store.patients.upsert_many(
        [
            records.patient(family_name="Rossi", given_name="Mario", birth_date=date(1952, 3, 12)),
            records.patient(family_name="Rossi", given_name="Luca", birth_date=date(1952, 11, 2)),
            records.patient(family_name="Verdi", given_name="Anna", birth_date=date(1952, 3, 30)),
            records.patient(family_name="Rossi", given_name="Ada", birth_date=date(1980, 3, 12)),
        ]
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1952", ["Rossi Luca", "Rossi Mario", "Verdi Anna"]),
        ("rossi 1952", ["Rossi Luca", "Rossi Mario"]),
        ("1952 rossi", ["Rossi Luca", "Rossi Mario"]),
        ("03/1952", ["Rossi Mario", "Verdi Anna"]),
        ("12/03/1952", ["Rossi Mario"]),
        ("12-03-1952", ["Rossi Mario"]),
        ("12.03.1952 ross", ["Rossi Mario"]),
        ("2/11/1952", ["Rossi Luca"]),
        ("1953", []),
        ("31/02/1952", []),  # not a date: searched as words, which match no name
        ("rossi 12/03", []),  # no year: words, not a birth date
    ],
)
def test_a_birth_year_month_or_date_narrows_the_search(cache_store, born, text, expected):
    assert _names(cache_store.patients.search(text)) == expected
