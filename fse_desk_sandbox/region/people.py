"""The assistiti: age pyramid, names, birthplace, valid codice fiscale, address.

Birthplaces come from python-codicefiscale's bundled comuni table, so every CF
decodes back to the comune (or foreign country) the patient was born in, as that
comune was called on the birth date (Porretta Terme before 2016, Savigno before 2014).
"""

from __future__ import annotations

import functools
import random
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import codicefiscale
from codicefiscale.data import get_municipalities_data

from fse_desk_sandbox.region import names

EMILIA_ROMAGNA = frozenset({"BO", "FE", "FC", "MO", "PR", "PC", "RA", "RE", "RN"})
# Provinces a comune may have belonged to before today's (Rimini and Cesena were in Forlì
# until 1992; the Valmarecchia moved from Pesaro e Urbino in 2009).
_PROVINCE_ALIASES = {"FC": frozenset({"FC", "FO"}), "RN": frozenset({"RN", "FO", "PS"})}
# Comuni renamed within living memory: today's name -> the earlier one.
_FORMER_NAMES = {"Grizzana Morandi": "Grizzana"}

# (age band start, band end inclusive, relative weight): Italian population 14+ (ISTAT-like).
AGE_BANDS: tuple[tuple[int, int, float], ...] = (
    (14, 14, 0.59),
    (15, 19, 2.9),
    (20, 24, 2.95),
    (25, 29, 3.15),
    (30, 34, 3.3),
    (35, 39, 3.55),
    (40, 44, 4.0),
    (45, 49, 4.6),
    (50, 54, 4.8),
    (55, 59, 4.75),
    (60, 64, 4.2),
    (65, 69, 3.7),
    (70, 74, 3.4),
    (75, 79, 3.0),
    (80, 84, 2.2),
    (85, 89, 1.4),
    (90, 94, 0.6),
    (95, 97, 0.12),
)

# Births in Emilia-Romagna, weighted for a practice in the Bologna Appennino.
ER_BIRTHPLACES: tuple[tuple[str, str, int], ...] = (
    ("Bologna", "BO", 30),
    ("Vergato", "BO", 10),
    ("Porretta Terme", "BO", 8),
    ("Grizzana Morandi", "BO", 3),
    ("Castel d'Aiano", "BO", 2),
    ("Marzabotto", "BO", 3),
    ("Camugnano", "BO", 2),
    ("Castel di Casio", "BO", 2),
    ("Gaggio Montano", "BO", 2),
    ("Monzuno", "BO", 2),
    ("Sasso Marconi", "BO", 3),
    ("Casalecchio di Reno", "BO", 3),
    ("Lizzano in Belvedere", "BO", 1),
    ("Castiglione dei Pepoli", "BO", 2),
    ("Savigno", "BO", 1),
    ("Bazzano", "BO", 1),
    ("Imola", "BO", 2),
    ("Modena", "MO", 4),
    ("Pavullo nel Frignano", "MO", 1),
    ("Zocca", "MO", 1),
    ("Ferrara", "FE", 2),
    ("Reggio nell'Emilia", "RE", 2),
    ("Parma", "PR", 2),
    ("Piacenza", "PC", 1),
    ("Ravenna", "RA", 2),
    ("Forlì", "FC", 1),
    ("Cesena", "FC", 1),
    ("Rimini", "RN", 2),
)
OTHER_ITALY_BIRTHPLACES: tuple[tuple[str, str, int], ...] = (
    ("Napoli", "NA", 3),
    ("Palermo", "PA", 2),
    ("Roma", "RM", 2),
    ("Bari", "BA", 1),
    ("Foggia", "FG", 2),
    ("Reggio di Calabria", "RC", 2),
    ("Cosenza", "CS", 2),
    ("Catania", "CT", 1),
    ("Salerno", "SA", 1),
    ("Milano", "MI", 1),
    ("Firenze", "FI", 1),
    ("Pistoia", "PT", 1),
    ("Potenza", "PZ", 1),
    ("Lecce", "LE", 1),
    ("Agrigento", "AG", 1),
    ("Caserta", "CE", 1),
)
# Where the practice's assistiti live: (comune, CAP, weight).
RESIDENCES: tuple[tuple[str, str, int], ...] = (
    ("Vergato", "40038", 55),
    ("Grizzana Morandi", "40030", 10),
    ("Castel d'Aiano", "40034", 7),
    ("Marzabotto", "40043", 9),
    ("Camugnano", "40032", 5),
    ("Castel di Casio", "40030", 5),
    ("Gaggio Montano", "40041", 4),
    ("Monzuno", "40036", 5),
)
_PARTICLES = frozenset(
    (
        "di",
        "del",
        "della",
        "dell'",
        "dei",
        "degli",
        "delle",
        "d'",
        "e",
        "in",
        "nel",
        "nell'",
        "nella",
        "sul",
        "sulla",
        "al",
        "alla",
        "da",
    )
)


@dataclass(frozen=True, slots=True)
class Birthplace:
    city: str
    district: str  # province sigla, "" abroad
    country: str  # ISO 3166 alpha-2
    belfiore: str


@dataclass(frozen=True, slots=True)
class Person:
    """One assistito, before any clinical history."""

    index: int
    family: str
    given: str
    sex: str  # "M" or "F"
    birth_date: date
    birthplace: Birthplace
    cf: str
    street: str
    city: str
    postal_code: str
    phone: str
    email: str | None

    @property
    def patient_id(self) -> str:
        return f"pat-{self.index:06d}"

    @property
    def gender(self) -> str:
        return "male" if self.sex == "M" else "female"

    @property
    def full_name(self) -> str:
        return f"{self.given} {self.family}"

    @property
    def foreign_born(self) -> bool:
        return self.birthplace.country != "IT"

    def age_on(self, day: date) -> int:
        years = day.year - self.birth_date.year
        return years - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))


def pretty_comune(name: str) -> str:
    """``Castel D'Aiano`` -> ``Castel d'Aiano``: the library title-cases every word."""
    words = name.split(" ")
    out = [words[0]]
    for word in words[1:]:
        low = word.lower()
        head = low.split("'")[0] + "'" if "'" in low else low
        if head in _PARTICLES:
            out.append(low[: len(head)] + word[len(head) :])
        else:
            out.append(word)
    return " ".join(out)


def _key(name: str) -> str:
    return " ".join(name.lower().replace("'", " ").split())


@functools.lru_cache(maxsize=1)
def _comuni_by_name() -> dict[str, list[dict[str, Any]]]:
    index: dict[str, list[dict[str, Any]]] = {}
    for record in get_municipalities_data():
        index.setdefault(_key(record["name"]), []).append(record)
    return index


def _valid_on(record: dict[str, Any], day: date) -> bool:
    created = record["date_created"][:10] or "0001-01-01"
    deleted = record["date_deleted"][:10] or "9999-12-31"
    return created <= day.isoformat() <= deleted


def comune_on(name: str, province: str, day: date) -> Birthplace | None:
    """The comune ``name`` (of today's ``province``) as it existed on ``day``, under its
    name of the time; None if it did not exist then."""
    provinces = _PROVINCE_ALIASES.get(province, frozenset({province}))
    for record in _comuni_by_name().get(_key(name), []):
        if record["province"] in provinces and _valid_on(record, day):
            return Birthplace(pretty_comune(record["name"]), province, "IT", record["code"])
    if name in _FORMER_NAMES:
        return comune_on(_FORMER_NAMES[name], province, day)
    return None


def draw_age(rng: random.Random) -> int:
    band = rng.choices(AGE_BANDS, weights=[w for _, _, w in AGE_BANDS])[0]
    return rng.randint(band[0], band[1])


def female_share(age: int) -> float:
    """Women outlive men: the share of women grows in the older bands."""
    if age < 50:
        return 0.49
    if age < 70:
        return 0.51
    if age < 80:
        return 0.54
    if age < 90:
        return 0.60
    return 0.72


def _generation(birth: date) -> str:
    return "old" if birth.year < 1951 else "mid" if birth.year < 1980 else "young"


def _draw_birth_date(rng: random.Random, age: int, today: date) -> date:
    latest = date(today.year - age, today.month, min(today.day, 28))
    return latest - timedelta(days=rng.randrange(365))


def _draw_birthplace(rng: random.Random, age: int, birth: date) -> Birthplace:
    foreign_p = 0.14 if 18 <= age <= 60 else 0.03 if age > 60 else 0.08
    south_p = 0.16 if 45 <= age <= 85 else 0.06
    roll = rng.random()
    if roll < foreign_p:
        iso = rng.choices(list(names.FOREIGN_WEIGHTS), list(names.FOREIGN_WEIGHTS.values()))[0]
        origin = names.FOREIGN_ORIGINS[iso]
        return Birthplace(rng.choice(origin[2]), "", iso, origin[1])
    table = OTHER_ITALY_BIRTHPLACES if roll < foreign_p + south_p else ER_BIRTHPLACES
    for _ in range(10):
        name, province, _w = rng.choices(table, weights=[w for _, _, w in table])[0]
        found = comune_on(name, province, birth)
        if found is not None:
            return found
    fallback = comune_on("Bologna", "BO", birth)
    assert fallback is not None
    return fallback


def _draw_names(rng: random.Random, sex: str, birth: date, place: Birthplace) -> tuple[str, str]:
    if place.country != "IT":
        origin = names.FOREIGN_ORIGINS[place.country]
        given = rng.choice(origin[3] if sex == "M" else origin[4])
        family_pool = origin[6] if sex == "F" and origin[6] else origin[5]
        return rng.choice(family_pool), given
    pool = names.MALE_NAMES if sex == "M" else names.FEMALE_NAMES
    southern = place.district not in EMILIA_ROMAGNA and rng.random() < 0.75
    family = rng.choice(names.SOUTHERN_SURNAMES if southern else names.EMILIAN_SURNAMES)
    given = rng.choice(pool[_generation(birth)])
    if sex == "F" and birth.year < 1965 and rng.random() < 0.06:
        second = rng.choice(pool[_generation(birth)])
        given = "Maria Grazia" if second == "Maria" else f"Maria {second}"
    return family, given


def encode_cf(family: str, given: str, sex: str, birth: date, belfiore: str) -> str:
    """The library's CF for these data (about 2 ms: called once per person)."""
    return str(
        codicefiscale.encode(
            lastname=family,
            firstname=given,
            gender="M" if sex == "M" else "F",
            birthdate=datetime(birth.year, birth.month, birth.day),
            birthplace=belfiore,
        )
    )


def _contacts(rng: random.Random, given: str, family: str, age: int) -> tuple[str, str | None]:
    phone = f"+39 3{rng.choice('234789')}{rng.randrange(10)} {rng.randrange(1000000, 9999999)}"
    if age > 80 or rng.random() < 0.35:
        return phone, None
    plain = unicodedata.normalize("NFKD", f"{given}.{family}".lower())
    local = "".join(c for c in plain if c.isascii() and (c.isalnum() or c == "."))
    domain = rng.choice(
        ("gmail.com", "libero.it", "virgilio.it", "alice.it", "yahoo.it", "outlook.it")
    )
    suffix = str(rng.randrange(10, 99)) if rng.random() < 0.4 else ""
    return phone, f"{local}{suffix}@{domain}"


def make_person(index: int, rng: random.Random, today: date, taken: set[str]) -> Person:
    """Draw one assistito; ``taken`` holds the CFs already issued (no two patients share one)."""
    age = draw_age(rng)
    sex = "F" if rng.random() < female_share(age) else "M"
    birth = _draw_birth_date(rng, age, today)
    place = _draw_birthplace(rng, age, birth)
    family, given = _draw_names(rng, sex, birth, place)
    cf = encode_cf(family, given, sex, birth, place.belfiore)
    while cf in taken:  # same name, day and place: pick another given name
        family, given = _draw_names(rng, sex, birth, place)
        birth = birth - timedelta(days=1)
        cf = encode_cf(family, given, sex, birth, place.belfiore)
    taken.add(cf)
    city, cap, _w = rng.choices(RESIDENCES, weights=[w for _, _, w in RESIDENCES])[0]
    street = f"{rng.choice(names.STREETS)} {rng.randint(1, 120)}"
    phone, email = _contacts(rng, given.split()[0], family.replace(" ", "").replace("'", ""), age)
    return Person(index, family, given, sex, birth, place, cf, street, city, cap, phone, email)
