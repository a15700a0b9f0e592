"""Synthetic, Italian-looking assistiti and documents for the store benchmarks."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from fse_desk._types import CodiceFiscale, DocumentId, PatientId
from fse_desk.domain import DOCUMENT_TYPES, ConsentState, DocumentMeta, Patient, Sex

ROOTS = [
    "Ross",
    "Bianc",
    "Ferr",
    "Russ",
    "Espos",
    "Roman",
    "Colomb",
    "Ricc",
    "Marin",
    "Grec",
    "Brun",
    "Gall",
    "Cont",
    "Mancin",
    "Costa",
    "Giordan",
    "Rizz",
    "Lombard",
    "Moretti",
    "Barbier",
    "Fontan",
    "Santor",
    "Mariani",
    "Rinald",
    "Carus",
    "Ferrar",
    "Gall",
    "Martin",
    "Leon",
    "Longh",
    "Gentil",
    "Martinell",
    "Vitale",
    "Lombardi",
    "Serr",
    "Cocc",
    "Mazz",
    "Pellegrin",
    "Palumb",
    "Sanna",
    "Farin",
    "Rizzi",
    "Monti",
    "Cattan",
    "Morell",
    "Amat",
    "Silvestr",
    "Mattei",
    "Fabbr",
    "Orland",
    "Bellin",
]
ENDINGS = ("i", "o", "ini", "etti", "ello", "one", "ucci", "elli", "a", "uzzi")
MALE = [
    "Mario",
    "Giuseppe",
    "Luca",
    "Marco",
    "Francesco",
    "Alessandro",
    "Andrea",
    "Giovanni",
    "Roberto",
    "Stefano",
    "Paolo",
    "Antonio",
    "Matteo",
    "Lorenzo",
    "Davide",
    "Simone",
    "Federico",
    "Riccardo",
    "Niccolò",
    "Gennaro",
    "Salvatore",
]
FEMALE = [
    "Maria",
    "Anna",
    "Giulia",
    "Francesca",
    "Sara",
    "Laura",
    "Chiara",
    "Valentina",
    "Alessandra",
    "Elena",
    "Silvia",
    "Paola",
    "Martina",
    "Lucia",
    "Giovanna",
    "Rosa",
    "Angela",
    "Ilaria",
    "Federica",
    "Lucrezia",
    "Carmela",
]
PLACES = [
    "Bologna",
    "Modena",
    "Parma",
    "Reggio",
    "Piacenza",
    "Ferrara",
    "Ravenna",
    "Forlì",
    "Rimini",
    "Cesena",
    "Imola",
]
MONTHS = "ABCDEHLMPRST"


def _consonants(text: str) -> str:
    letters = [c for c in text.upper() if c.isalpha()]
    cons = [c for c in letters if c not in "AEIOUÀÈÉÌÒÙ"]
    vows = [c for c in letters if c in "AEIOU"]
    return ("".join(cons + vows) + "XXX")[:3]


SURNAMES = [root + ending for root in dict.fromkeys(ROOTS) for ending in ENDINGS]
# Zipf-like: a few surnames are common (the first about 2.5%), most are rare.
_WEIGHTS = [1 / (rank + 10) for rank in range(len(SURNAMES))]


def surname(rng: random.Random) -> str:
    return rng.choices(SURNAMES, _WEIGHTS)[0]


def patients(n: int, seed: int = 7) -> list[Patient]:
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[Patient] = []
    while len(out) < n:
        sex = Sex.MALE if rng.random() < 0.5 else Sex.FEMALE
        family = surname(rng)
        given = rng.choice(MALE if sex is Sex.MALE else FEMALE)
        born = date(1925, 1, 1) + timedelta(days=rng.randrange(36000))
        day = born.day + (40 if sex is Sex.FEMALE else 0)
        cf = (
            f"{_consonants(family)}{_consonants(given)}{born.year % 100:02d}"
            f"{MONTHS[born.month - 1]}{day:02d}{rng.choice('ABCDEFGHLM')}{rng.randrange(1000):03d}"
            f"{rng.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}"
        )
        if cf in seen:
            continue
        seen.add(cf)
        out.append(
            Patient(
                id=PatientId(f"pat-{len(out)}"),
                codice_fiscale=CodiceFiscale(cf),
                family_name=family,
                given_name=given,
                sex=sex,
                birth_date=born,
                birth_place=rng.choice(PLACES),
                consent=ConsentState.GRANTED,
                version_id="1",
                last_updated=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(seconds=len(out)),
            )
        )
    return out


def documents(owners: list[Patient], n: int, seed: int = 11) -> list[DocumentMeta]:
    rng = random.Random(seed)
    types = list(DOCUMENT_TYPES.values())
    out = []
    for i in range(n):
        kind = rng.choice(types)
        out.append(
            DocumentMeta(
                id=DocumentId(f"doc-{i}"),
                patient_id=rng.choice(owners).id,
                type_code=kind.loinc,
                title=f"{kind.title} {rng.choice(PLACES)}",
                date=datetime(2015, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(5_000_000)),
                author=f"Dott. {surname(rng)} {rng.choice(MALE + FEMALE)}",
                facility=f"Ospedale di {rng.choice(PLACES)}",
                content_type="application/pdf",
                body_url=f"https://fse.example/Binary/{i}",
                master_identifier=f"2.16.840.1.113883.2.9.2.80.4.4^{i}",
                version_id="1",
                last_updated=datetime(2025, 1, 1, tzinfo=UTC),
            )
        )
    return out
