"""Clinical profile of an assistito: chronic programme, minor problems, therapy, exemptions.

About one patient in eight is enrolled in the chronic-care programme (diabetes, heart
failure, COPD, hypertension; some with two). Enrolment is drawn by systematic
sampling on an age-dependent probability, so the share stays near 12.5 % even on a
small list while older patients remain more likely to be chronic.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta

from fse_desk_sandbox.region.people import Person

CHRONIC = ("diabete", "scompenso", "bpco", "ipertensione")
CHRONIC_LABEL = {
    "diabete": "Diabete mellito tipo 2",
    "scompenso": "Scompenso cardiaco cronico",
    "bpco": "Broncopneumopatia cronica ostruttiva (BPCO)",
    "ipertensione": "Ipertensione arteriosa",
}
CHRONIC_ICD9 = {"diabete": "250.00", "scompenso": "428.0", "bpco": "496", "ipertensione": "401.9"}
# condition -> (exemption code, wording on the certificate)
CHRONIC_EXEMPTION = {
    "diabete": ("013.250", "Diabete mellito"),
    "scompenso": ("021.428", "Insufficienza cardiaca (NYHA classe III e IV)"),
    "bpco": ("024.518.81", "Insufficienza respiratoria cronica"),
    "ipertensione": ("031.401", "Ipertensione arteriosa con danno d'organo"),
}
CHRONIC_SPECIALTY = {
    "diabete": "diabetologia",
    "scompenso": "cardiologia",
    "bpco": "pneumologia",
    "ipertensione": "cardiologia",
}

# minor problem key -> (label, ICD-9-CM, specialty that follows it, min age, sex or "")
MINOR: dict[str, tuple[str, str, str, int, str]] = {
    "gonartrosi": ("Gonartrosi bilaterale", "715.16", "ortopedia", 50, ""),
    "lombalgia": ("Lombalgia cronica", "724.2", "ortopedia", 30, ""),
    "dislipidemia": ("Ipercolesterolemia pura", "272.0", "cardiologia", 40, ""),
    "ipotiroidismo": ("Ipotiroidismo", "244.9", "endocrinologia", 25, "F"),
    "reflusso": ("Malattia da reflusso gastroesofageo", "530.81", "gastroenterologia", 30, ""),
    "ipb": ("Ipertrofia prostatica benigna", "600.00", "urologia", 55, "M"),
    "osteoporosi": ("Osteoporosi postmenopausale", "733.01", "endocrinologia", 58, "F"),
    "depressione": ("Disturbo depressivo", "311", "psichiatria", 20, ""),
    "nevi": ("Nevi melanocitici multipli", "216.5", "dermatologia", 18, ""),
    "cataratta": ("Cataratta senile", "366.10", "oculistica", 65, ""),
    "ipoacusia": ("Ipoacusia neurosensoriale", "389.10", "otorino", 68, ""),
    "emicrania": ("Emicrania senza aura", "346.10", "neurologia", 16, ""),
    "oncologico": ("Pregressa neoplasia (in follow-up)", "V10.3", "gastroenterologia", 50, ""),
}

ALLERGIES = (
    ("Penicilline", "orticaria generalizzata"),
    ("Acido acetilsalicilico", "broncospasmo"),
    ("FANS", "angioedema"),
    ("Sulfamidici", "esantema cutaneo"),
    ("Mezzo di contrasto iodato", "orticaria"),
    ("Pollini di graminacee", "rinocongiuntivite stagionale"),
    ("Nichel", "dermatite da contatto"),
    ("Lattice", "orticaria da contatto"),
)


_STRENGTH = re.compile(
    r"\d[\d.,/]*\s*(?:mg|microgrammi|U/ml|UI)(?:/\d[\d,]*\s*(?:mg|microgrammi))?"
)


@dataclass(frozen=True, slots=True)
class Drug:
    name: str
    atc: str
    aic: str
    posology: str

    @property
    def strength(self) -> str:
        """``Ramipril 5 mg compresse`` → ``5 mg``: the dose of one unit, from the name."""
        found = _STRENGTH.search(self.name)
        return found.group(0) if found else ""

    @property
    def dose(self) -> str:
        """``14 UI sottocute alle ore 22`` → ``14 UI``: what is taken each time (every
        posology here starts with a count and its unit)."""
        return " ".join(self.posology.split(" ", 2)[:2])

    @property
    def timing(self) -> str:
        """``14 UI sottocute alle ore 22`` → ``sottocute alle ore 22``: the posology after
        the dose."""
        return self.posology.split(" ", 2)[2]


DRUGS: dict[str, Drug] = {
    d.name.split()[0].lower(): d
    for d in (
        Drug(
            "Metformina 1000 mg compresse rivestite, 60 cpr",
            "A10BA02",
            "034218062",
            "1 compressa dopo colazione e dopo cena",
        ),
        Drug(
            "Gliclazide 30 mg compresse a rilascio modificato, 60 cpr",
            "A10BB09",
            "035761084",
            "2 compresse a colazione",
        ),
        Drug(
            "Sitagliptin 100 mg compresse rivestite, 28 cpr",
            "A10BH01",
            "037941029",
            "1 compressa al giorno",
        ),
        Drug(
            "Empagliflozin 10 mg compresse rivestite, 30 cpr",
            "A10BK03",
            "043123017",
            "1 compressa al mattino",
        ),
        Drug(
            "Insulina glargine 100 U/ml, 5 penne preriempite 3 ml",
            "A10AE04",
            "035382041",
            "14 UI sottocute alle ore 22",
        ),
        Drug("Ramipril 5 mg compresse, 28 cpr", "C09AA05", "029115072", "1 compressa al mattino"),
        Drug("Amlodipina 5 mg compresse, 28 cpr", "C08CA01", "027431039", "1 compressa al mattino"),
        Drug(
            "Olmesartan medoxomil 20 mg compresse, 28 cpr",
            "C09CA08",
            "035850018",
            "1 compressa al mattino",
        ),
        Drug(
            "Bisoprololo 2,5 mg compresse, 28 cpr", "C07AB07", "036312024", "1 compressa al mattino"
        ),
        Drug(
            "Furosemide 25 mg compresse, 30 cpr",
            "C03CA01",
            "022814026",
            "1 compressa al mattino, 2 se aumento ponderale > 1 kg",
        ),
        Drug(
            "Spironolattone 25 mg compresse, 20 cpr",
            "C03DA01",
            "021027014",
            "1 compressa al giorno",
        ),
        Drug(
            "Sacubitril/valsartan 49 mg/51 mg compresse rivestite, 56 cpr",
            "C09DX04",
            "044815012",
            "1 compressa due volte al giorno",
        ),
        Drug(
            "Apixaban 5 mg compresse rivestite, 60 cpr",
            "B01AF02",
            "040354064",
            "1 compressa due volte al giorno",
        ),
        Drug(
            "Atorvastatina 20 mg compresse rivestite, 30 cpr",
            "C10AA05",
            "036722013",
            "1 compressa la sera",
        ),
        Drug(
            "Acido acetilsalicilico 100 mg compresse gastroresistenti, 30 cpr",
            "B01AC06",
            "024840074",
            "1 compressa a pranzo",
        ),
        Drug(
            "Tiotropio 2,5 microgrammi soluzione per inalazione, 60 erogazioni",
            "R03BB04",
            "036062016",
            "2 inalazioni al mattino",
        ),
        Drug(
            "Beclometasone/formoterolo 100/6 microgrammi spray, 120 erogazioni",
            "R03AK08",
            "036742015",
            "2 inalazioni due volte al giorno",
        ),
        Drug(
            "Salbutamolo 100 microgrammi spray, 200 erogazioni",
            "R03AC02",
            "023451027",
            "2 spruzzi al bisogno",
        ),
        Drug(
            "Pantoprazolo 20 mg compresse gastroresistenti, 28 cpr",
            "A02BC02",
            "033114018",
            "1 compressa a digiuno",
        ),
        Drug(
            "Levotiroxina 75 microgrammi compresse, 50 cpr",
            "H03AA01",
            "032011027",
            "1 compressa a digiuno",
        ),
        Drug(
            "Colecalciferolo 25.000 UI soluzione orale, 2 flaconcini",
            "A11CC05",
            "035659013",
            "1 flaconcino ogni 15 giorni",
        ),
        Drug(
            "Tamsulosina 0,4 mg capsule a rilascio modificato, 30 cps",
            "G04CA02",
            "033659041",
            "1 capsula la sera",
        ),
        Drug(
            "Alendronato 70 mg compresse, 4 cpr",
            "M05BA04",
            "034560036",
            "1 compressa alla settimana a digiuno",
        ),
        Drug(
            "Sertralina 50 mg compresse rivestite, 30 cpr",
            "N06AB06",
            "036180013",
            "1 compressa al mattino",
        ),
        Drug(
            "Allopurinolo 300 mg compresse, 30 cpr", "M04AA01", "021840054", "1 compressa al giorno"
        ),
        Drug(
            "Amoxicillina/acido clavulanico 875/125 mg compresse, 12 cpr",
            "J01CR02",
            "026089094",
            "1 compressa ogni 12 ore per 6 giorni",
        ),
        Drug(
            "Azitromicina 500 mg compresse, 3 cpr",
            "J01FA10",
            "027860025",
            "1 compressa al giorno per 3 giorni",
        ),
        Drug(
            "Prednisone 25 mg compresse, 10 cpr",
            "H02AB07",
            "020391035",
            "1 compressa al mattino per 5 giorni",
        ),
        Drug(
            "Ketoprofene sale di lisina 80 mg bustine, 30 bst",
            "M01AE03",
            "025367071",
            "1 bustina al bisogno dopo i pasti, max 2 al giorno",
        ),
        Drug(
            "Paracetamolo 1000 mg compresse, 16 cpr",
            "N02BE01",
            "012745168",
            "1 compressa al bisogno, max 3 al giorno",
        ),
    )
}


@dataclass(frozen=True, slots=True)
class Profile:
    """What the history generator needs to know about a patient's health."""

    person: Person
    chronic: tuple[str, ...]
    onset: dict[str, date]
    minor: tuple[str, ...]
    allergies: tuple[tuple[str, str], ...]
    smoker: str  # "mai", "ex", "attuale"
    therapy: tuple[str, ...]  # keys of DRUGS taken long-term
    vaccinates_flu: bool
    set_points: dict[str, float]  # individual z-scores per analyte LOINC
    fse_start: date

    def has(self, condition: str) -> bool:
        return condition in self.chronic

    def age_on(self, day: date) -> int:
        return self.person.age_on(day)


def chronic_probability(age: int) -> float:
    """Chance of enrolment in the chronic programme at ``age`` (mean about 0.125 on a list)."""
    if age < 35:
        return 0.0
    if age < 50:
        return 0.04
    if age < 65:
        return 0.12
    if age < 80:
        return 0.27
    return 0.33


def _draw_conditions(rng: random.Random, age: int) -> tuple[str, ...]:
    weights = [0.36, 0.14 if age >= 60 else 0.04, 0.16 if age >= 50 else 0.04, 0.34]
    first = rng.choices(CHRONIC, weights=weights)[0]
    if rng.random() < 0.28:
        second = rng.choices(CHRONIC, weights=weights)[0]
        if second != first:
            return tuple(sorted((first, second), key=CHRONIC.index))
    return (first,)


def _therapy(
    rng: random.Random,
    person: Person,
    chronic: tuple[str, ...],
    minor: tuple[str, ...],
    today: date,
) -> tuple[str, ...]:
    age = person.age_on(today)
    picks: list[str] = []
    if "diabete" in chronic:
        picks += ["metformina", rng.choice(["gliclazide", "sitagliptin", "empagliflozin"])]
        picks += ["atorvastatina"] + (["insulina"] if rng.random() < 0.2 else [])
    if "scompenso" in chronic:
        picks += ["furosemide", "bisoprololo", "spironolattone"]
        picks += ["sacubitril/valsartan" if rng.random() < 0.4 else "ramipril"]
        picks += ["apixaban"] if rng.random() < 0.4 else ["acido"]
    if "bpco" in chronic:
        picks += ["tiotropio", "salbutamolo"] + (
            ["beclometasone/formoterolo"] if rng.random() < 0.5 else []
        )
    if "ipertensione" in chronic:
        picks += [rng.choice(["ramipril", "olmesartan"])] + (
            ["amlodipina"] if rng.random() < 0.5 else []
        )
    extras = {
        "dislipidemia": "atorvastatina",
        "reflusso": "pantoprazolo",
        "ipotiroidismo": "levotiroxina",
        "ipb": "tamsulosina",
        "osteoporosi": "alendronato",
        "depressione": "sertralina",
    }
    picks += [extras[m] for m in minor if m in extras]
    if age >= 65 and person.sex == "F" and rng.random() < 0.4:
        picks.append("colecalciferolo")
    if age >= 70 and rng.random() < 0.06:
        picks.append("allopurinolo")
    return tuple(dict.fromkeys(k for k in picks if k in DRUGS))


def _first_fse_day(rng: random.Random, age: int, chronic: bool) -> date:
    """When the FSE began to hold this patient's documents: chronic and older patients
    have the longest record (from 2015), younger healthy ones started later."""
    if chronic or age >= 65:
        return date(2015, 1, 1)
    latest = date(2018, 12, 31) if age >= 40 else date(2021, 12, 31)
    return date(2015, 1, 1) + timedelta(days=rng.randrange((latest - date(2015, 1, 1)).days))


def build_profile(rng: random.Random, person: Person, today: date, chronic_now: bool) -> Profile:
    age = person.age_on(today)
    chronic = _draw_conditions(rng, age) if chronic_now else ()
    onset = {}
    for cond in chronic:
        earliest = max(
            person.birth_date + timedelta(days=365 * 35), today - timedelta(days=365 * 20)
        )
        span = max((today - timedelta(days=200) - earliest).days, 1)
        onset[cond] = earliest + timedelta(days=rng.randrange(span))
    minor = tuple(
        key
        for key, (_l, _c, _s, min_age, sex) in MINOR.items()
        if age >= min_age
        and (not sex or sex == person.sex)
        and rng.random() < (0.05 if key == "oncologico" else 0.07 + 0.0015 * (age - min_age))
    )
    allergies = (
        tuple(rng.sample(ALLERGIES, k=1 if rng.random() < 0.75 else 2))
        if rng.random() < 0.18
        else ()
    )
    smoker = rng.choices(("mai", "ex", "attuale"), weights=(55, 25, 20))[0]
    if "bpco" in chronic:
        smoker = rng.choice(("ex", "ex", "attuale"))
    set_points = {key: rng.gauss(0.0, 1.0) for key in _SET_POINT_KEYS}
    fse_start = max(
        _first_fse_day(rng, age, bool(chronic)), person.birth_date + timedelta(days=365 * 14 + 4)
    )
    vaccinates = rng.random() < (0.62 if age >= 65 else 0.5 if chronic else 0.12)
    return Profile(
        person,
        chronic,
        onset,
        minor,
        allergies,
        smoker,
        _therapy(rng, person, chronic, minor, today),
        vaccinates,
        set_points,
        fse_start,
    )


_SET_POINT_KEYS = (
    "6690-2",
    "789-8",
    "718-7",
    "4544-3",
    "787-2",
    "777-3",
    "2345-7",
    "4548-4",
    "2160-0",
    "2093-3",
    "2085-9",
    "2571-8",
    "1742-6",
    "1920-8",
    "2324-2",
    "3016-3",
    "2857-1",
    "2951-2",
    "2823-3",
    "33762-6",
    "3084-1",
    "2276-4",
    "1989-3",
    "14957-5",
    "5803-2",
    "5811-5",
)
