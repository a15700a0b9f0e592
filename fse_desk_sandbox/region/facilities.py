"""The practice, the AUSL, the hospitals and the clinicians who sign the documents.

These do not depend on the region seed: the demo MMG is always the same person,
so the app can sign in as her whatever region was generated.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from datetime import date
from typing import Any

from fse_desk.domain.identifiers import CF_FHIR_SYSTEM
from fse_desk_sandbox.region import names
from fse_desk_sandbox.region.people import encode_cf

DEMO_MMG_ID = "prac-mmg-demo"
DEMO_MMG_CF = "GDTLNE72D58A944V"
DEMO_MMG_FAMILY = "Guidotti"
DEMO_MMG_GIVEN = "Elena"
DEMO_MMG_NAME = "Dott.ssa Elena Guidotti"
DEMO_MMG_ROLE_ID = "role-mmg-demo"
PRACTICE_ID = "org-cds-vergato"
AUSL_ID = "org-ausl-bologna"


@dataclass(frozen=True, slots=True)
class Facility:
    id: str
    name: str
    city: str
    postal_code: str
    street: str = ""
    part_of: str | None = None
    kind: str = "prov"  # FHIR organization-type: prov, dept, govt

    @property
    def postal_line(self) -> str:
        """The address on one line, as a letter has it: "Via Roma 1, 40038 Vergato (BO)"."""
        # Every demo facility is in the province of Bologna.
        place = f"{self.postal_code} {self.city} (BO)"
        return f"{self.street}, {place}" if self.street else place


@dataclass(frozen=True, slots=True)
class Clinician:
    id: str
    family: str
    given: str
    sex: str
    cf: str
    specialty: str  # key of SPECIALTIES
    facility_id: str

    @property
    def display(self) -> str:
        return f"{'Dott.ssa' if self.sex == 'F' else 'Dott.'} {self.given} {self.family}"


FACILITIES: dict[str, Facility] = {
    f.id: f
    for f in (
        Facility(
            "org-regione-er",
            "Regione Emilia-Romagna",
            "Bologna",
            "40127",
            "Viale Aldo Moro 21",
            None,
            "govt",
        ),
        Facility(
            AUSL_ID,
            "Azienda USL di Bologna",
            "Bologna",
            "40124",
            "Via Castiglione 29",
            "org-regione-er",
        ),
        Facility(
            PRACTICE_ID,
            "Casa della Salute di Vergato",
            "Vergato",
            "40038",
            "Via dell'Ospedale 1",
            AUSL_ID,
        ),
        Facility(
            "org-aou-bologna",
            "IRCCS Azienda Ospedaliero-Universitaria di Bologna - Policlinico di Sant'Orsola",
            "Bologna",
            "40138",
            "Via Giuseppe Massarenti 9",
            "org-regione-er",
        ),
        Facility(
            "org-osp-maggiore",
            'Ospedale Maggiore "Carlo Alberto Pizzardi"',
            "Bologna",
            "40133",
            "Largo Bartolo Nigrisoli 2",
            AUSL_ID,
        ),
        Facility(
            "org-osp-bellaria",
            "Ospedale Bellaria - IRCCS Istituto delle Scienze Neurologiche",
            "Bologna",
            "40139",
            "Via Altura 3",
            AUSL_ID,
        ),
        Facility(
            "org-osp-porretta",
            "Ospedale di Porretta Terme",
            "Alto Reno Terme",
            "40046",
            "",
            AUSL_ID,
        ),
        Facility("org-osp-vergato", "Ospedale di Vergato", "Vergato", "40038", "", AUSL_ID),
        Facility(
            "org-rizzoli",
            "IRCCS Istituto Ortopedico Rizzoli",
            "Bologna",
            "40136",
            "Via Giulio Cesare Pupilli 1",
            "org-regione-er",
        ),
        Facility(
            "org-lum",
            "Laboratorio Unico Metropolitano (LUM) - AUSL di Bologna",
            "Bologna",
            "40133",
            "Largo Bartolo Nigrisoli 2",
            AUSL_ID,
            "dept",
        ),
        Facility(
            "org-lab-aou",
            "Laboratorio Analisi Chimico-Cliniche - Policlinico di Sant'Orsola",
            "Bologna",
            "40138",
            "Via Giuseppe Massarenti 9",
            "org-aou-bologna",
            "dept",
        ),
        Facility(
            "org-dsp",
            "Dipartimento di Sanità Pubblica - AUSL di Bologna",
            "Bologna",
            "40124",
            "",
            AUSL_ID,
            "dept",
        ),
        Facility(
            "org-csm-appennino",
            "Centro di Salute Mentale - Distretto dell'Appennino Bolognese",
            "Vergato",
            "40038",
            "",
            AUSL_ID,
            "dept",
        ),
    )
}

# specialty key -> (Italian discipline, facilities where it is practised, clinicians per site)
SPECIALTIES: dict[str, tuple[str, tuple[str, ...], int]] = {
    "cardiologia": ("Cardiologia", ("org-aou-bologna", "org-osp-maggiore", "org-osp-porretta"), 2),
    "diabetologia": ("Diabetologia", (PRACTICE_ID, "org-osp-maggiore"), 2),
    "pneumologia": ("Pneumologia", ("org-osp-bellaria", "org-osp-porretta"), 2),
    "dermatologia": ("Dermatologia", ("org-aou-bologna", PRACTICE_ID), 1),
    "oculistica": ("Oculistica", ("org-osp-maggiore", "org-osp-vergato"), 1),
    "ortopedia": ("Ortopedia e Traumatologia", ("org-rizzoli", "org-osp-porretta"), 2),
    "neurologia": ("Neurologia", ("org-osp-bellaria",), 2),
    "urologia": ("Urologia", ("org-aou-bologna", "org-osp-maggiore"), 1),
    "ginecologia": ("Ginecologia e Ostetricia", (PRACTICE_ID, "org-osp-maggiore"), 1),
    "psichiatria": ("Psichiatria", ("org-csm-appennino",), 2),
    "endocrinologia": ("Endocrinologia", ("org-aou-bologna",), 2),
    "gastroenterologia": ("Gastroenterologia", ("org-aou-bologna", "org-osp-maggiore"), 1),
    "otorino": ("Otorinolaringoiatria", ("org-osp-maggiore", "org-osp-vergato"), 1),
    "infettivologia": ("Malattie Infettive", ("org-aou-bologna",), 1),
    "radiologia": (
        "Radiodiagnostica",
        ("org-osp-porretta", "org-osp-vergato", "org-osp-maggiore", "org-aou-bologna"),
        2,
    ),
    "laboratorio": ("Patologia Clinica", ("org-lum", "org-lab-aou"), 2),
    "urgenza": (
        "Medicina d'Urgenza e Pronto Soccorso",
        ("org-osp-porretta", "org-osp-maggiore", "org-aou-bologna"),
        2,
    ),
    "medicina": (
        "Medicina Interna",
        ("org-osp-porretta", "org-osp-vergato", "org-osp-maggiore"),
        2,
    ),
    "geriatria": ("Geriatria", ("org-osp-maggiore", "org-aou-bologna"), 1),
    "chirurgia": ("Chirurgia Generale", ("org-osp-porretta", "org-osp-maggiore"), 1),
    "igiene": ("Igiene e Sanità Pubblica", ("org-dsp",), 3),
}


def demo_mmg() -> Clinician:
    return Clinician(
        DEMO_MMG_ID, DEMO_MMG_FAMILY, DEMO_MMG_GIVEN, "F", DEMO_MMG_CF, "mmg", PRACTICE_ID
    )


@functools.lru_cache(maxsize=1)
def all_clinicians() -> tuple[Clinician, ...]:
    """The specialists, drawn once from a fixed seed so they never change."""
    rng = random.Random("fse-desk-region-clinicians")
    out = [demo_mmg()]
    taken = {DEMO_MMG_CF}
    for key, (_label, sites, per_site) in SPECIALTIES.items():
        for site in sites:
            for n in range(per_site):
                sex = rng.choice("MF")
                pool = names.MALE_NAMES if sex == "M" else names.FEMALE_NAMES
                given = rng.choice(pool["mid" if rng.random() < 0.6 else "young"])
                family = rng.choice(names.EMILIAN_SURNAMES + names.SOUTHERN_SURNAMES)
                birth = date(rng.randint(1962, 1990), rng.randint(1, 12), rng.randint(1, 28))
                cf = encode_cf(family, given, sex, birth, "A944")  # all born in Bologna
                if cf in taken:
                    continue
                taken.add(cf)
                slug = site.removeprefix("org-")
                out.append(
                    Clinician(f"prac-{key}-{slug}-{n + 1}", family, given, sex, cf, key, site)
                )
    return tuple(out)


@functools.cache
def clinicians_for(specialty: str) -> tuple[Clinician, ...]:
    return tuple(c for c in all_clinicians() if c.specialty == specialty)


def pick_clinician(rng: random.Random, specialty: str, facility_id: str | None = None) -> Clinician:
    """A clinician of ``specialty``, at ``facility_id`` when one practises there."""
    pool = clinicians_for(specialty)
    local = [c for c in pool if c.facility_id == facility_id] if facility_id else []
    return rng.choice(local or list(pool))


def _address(f: Facility) -> dict[str, Any]:
    address: dict[str, Any] = {
        "city": f.city,
        "postalCode": f.postal_code,
        "district": "BO",
        "state": "Emilia-Romagna",
        "country": "IT",
    }
    if f.street:
        address["line"] = [f.street]
    return address


def organization_resource(f: Facility) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Organization",
        "id": f.id,
        "active": True,
        "type": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/organization-type",
                        "code": f.kind,
                    }
                ]
            }
        ],
        "name": f.name,
        "address": [_address(f)],
    }
    if f.part_of:
        resource["partOf"] = {
            "reference": f"Organization/{f.part_of}",
            "display": FACILITIES[f.part_of].name,
        }
    return resource


def practitioner_resource(c: Clinician) -> dict[str, Any]:
    label = "Medicina Generale" if c.specialty == "mmg" else SPECIALTIES[c.specialty][0]
    return {
        "resourceType": "Practitioner",
        "id": c.id,
        "active": True,
        "identifier": [{"system": CF_FHIR_SYSTEM, "value": c.cf}],
        "name": [
            {
                "family": c.family,
                "given": [c.given],
                "prefix": ["Dott.ssa" if c.sex == "F" else "Dott."],
            }
        ],
        "gender": "female" if c.sex == "F" else "male",
        "qualification": [{"code": {"text": label}}],
    }


def mmg_role_resource() -> dict[str, Any]:
    return {
        "resourceType": "PractitionerRole",
        "id": DEMO_MMG_ROLE_ID,
        "active": True,
        "practitioner": {"reference": f"Practitioner/{DEMO_MMG_ID}", "display": DEMO_MMG_NAME},
        "organization": {
            "reference": f"Organization/{PRACTICE_ID}",
            "display": FACILITIES[PRACTICE_ID].name,
        },
        "code": [{"coding": [{"code": "MMG", "display": "Medico di Medicina Generale"}]}],
        "specialty": [{"text": "Medicina Generale"}],
        "telecom": [
            {"system": "phone", "value": "+39 051 000 0000", "use": "work"},
            {"system": "email", "value": "elena.guidotti@mmg.ausl.bologna.example", "use": "work"},
        ],
    }


def practice_resources() -> list[dict[str, Any]]:
    """First batch of the region: organizations, practitioners, the MMG's role."""
    batch = [organization_resource(f) for f in FACILITIES.values()]
    batch += [practitioner_resource(c) for c in all_clinicians()]
    batch.append(mmg_role_resource())
    return batch
