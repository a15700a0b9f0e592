"""The Profilo Sanitario Sintetico (60591-5) written by the demo MMG, as real PSS records.

Each version is a :class:`fse_desk.pss.Pss` built from the patient's profile (problems,
therapies, allergies, vital signs, vaccinations, exemptions, family history, lifestyle);
the generator gives it its document id and chains the versions with
:func:`fse_desk.pss.new_version` (same setId, versionNumber + 1, relatedDocument RPLC),
then writes it with :func:`fse_desk.pss.write_cda`.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from fse_desk.pss import codes
from fse_desk.pss.drafting import PssSigner
from fse_desk.pss.model import (
    AdministrativeSex,
    Allergy,
    Clinician,
    Coded,
    Confidentiality,
    Exemption,
    FamilyHistory,
    Lifestyle,
    Organization,
    PatientInfo,
    Problem,
    Pss,
    Relative,
    Therapy,
    Vaccination,
    VitalSign,
    new_version,
)
from fse_desk_sandbox.region.clock import rome_offset_hours
from fse_desk_sandbox.region.conditions import (
    CHRONIC_EXEMPTION,
    CHRONIC_ICD9,
    CHRONIC_LABEL,
    DRUGS,
    MINOR,
    Profile,
)
from fse_desk_sandbox.region.facilities import (
    DEMO_MMG_CF,
    DEMO_MMG_FAMILY,
    DEMO_MMG_GIVEN,
    FACILITIES,
    PRACTICE_ID,
    demo_mmg,
)
from fse_desk_sandbox.region.model import Doc, Vital

# agent as the region names it -> (code, code system) of the shipped allergens.csv
# (fse_desk/resources/vocabularies/)
_ALLERGENS = {
    "Penicilline": ("J01C", codes.ATC),
    "Acido acetilsalicilico": ("N02BA01", codes.ATC),
    "FANS": ("M01A", codes.ATC),
    "Sulfamidici": ("J01E", codes.ATC),
    "Mezzo di contrasto iodato": ("V08A", codes.ATC),
    "Pollini di graminacee": ("GRAMINACEE", codes.ALLERGENS),
    "Nichel": ("NICHEL", codes.ALLERGENS),
    "Lattice": ("LATTICE", codes.ALLERGENS),
}
# (relative, ICD-9-CM, condition, age at onset, deceased)
_FAMILY = (
    (Relative.FATHER, "410.90", "Infarto miocardico acuto", 72, True),
    (Relative.MOTHER, "250.00", "Diabete mellito tipo 2", None, False),
    (Relative.MOTHER, "401.9", "Ipertensione arteriosa", None, False),
    (Relative.FATHER, "153.9", "Neoplasia maligna del colon", 68, False),
    (Relative.SISTER, "244.9", "Ipotiroidismo", None, False),
    (Relative.BROTHER, "414.01", "Cardiopatia ischemica", None, False),
    (Relative.MOTHER, "331.0", "Malattia di Alzheimer", None, False),
    (Relative.FATHER, "496", "Broncopneumopatia cronica ostruttiva", None, False),
)
_SMOKING, _ALCOHOL, _ACTIVITY = (
    Coded(code, codes.LOINC, display) for code, display in codes.LIFESTYLE_ASPECTS
)
DEMO_SIGNER = PssSigner(
    Clinician(
        DEMO_MMG_CF,
        DEMO_MMG_GIVEN,
        DEMO_MMG_FAMILY,
        ("tel:+390510000000", "mailto:elena.guidotti@mmg.ausl.bologna.example"),
    ),
    Organization(
        PRACTICE_ID,
        FACILITIES[PRACTICE_ID].name,
        address=FACILITIES[PRACTICE_ID].postal_line,
    ),
)
"""The demo MMG as the author of her patients' PSS (the demo start-up signs her in)."""
_DRAFT_ID = "draft"


def vitals(rng: random.Random, profile: Profile, when: datetime) -> list[Vital]:
    """Office measurements at a PSS update (also published as Observations)."""
    hyper = profile.has("ipertensione") or profile.has("scompenso")
    out = [
        Vital(
            "8480-6",
            "Pressione arteriosa sistolica",
            float(rng.randint(128, 152) if hyper else rng.randint(108, 138)),
            "mm[Hg]",
            when,
        ),
        Vital(
            "8462-4",
            "Pressione arteriosa diastolica",
            float(rng.randint(76, 92) if hyper else rng.randint(64, 86)),
            "mm[Hg]",
            when,
        ),
        Vital("8867-4", "Frequenza cardiaca", float(rng.randint(58, 90)), "/min", when),
        Vital(
            "29463-7",
            "Peso corporeo",
            round(rng.gauss(80 if profile.person.sex == "M" else 66, 12), 1),
            "kg",
            when,
        ),
    ]
    if profile.has("bpco") or profile.has("scompenso"):
        out.append(
            Vital("59408-5", "Saturazione di ossigeno", float(rng.randint(90, 96)), "%", when)
        )
    return out


def _aware(local: datetime) -> datetime:
    return local.replace(tzinfo=timezone(timedelta(hours=rome_offset_hours(local))))


def _problems(profile: Profile, day: date) -> tuple[Problem, ...]:
    chronic = tuple(
        Problem(
            Coded(CHRONIC_ICD9[c], codes.ICD9CM, CHRONIC_LABEL[c]),
            onset=profile.onset[c],
            chronic=True,
        )
        for c in profile.chronic
        if profile.onset[c] <= day
    )
    return chronic + tuple(
        Problem(Coded(MINOR[m][1], codes.ICD9CM, MINOR[m][0])) for m in profile.minor
    )


def _lifestyle(rng: random.Random, profile: Profile) -> tuple[Lifestyle, ...]:
    smoke = {
        "mai": "Non fumatore",
        "ex": "Ex fumatore",
        "attuale": f"Fumatore attivo ({rng.randint(5, 25)} sigarette/die)",
    }[profile.smoker]
    alcohol = rng.choice(["Astemio", "1 bicchiere di vino ai pasti", "Occasionale"])
    activity = rng.choice(["Camminata quotidiana", "Sedentario", "Orto e lavori agricoli"])
    return (
        Lifestyle(_SMOKING, smoke),
        Lifestyle(_ALCOHOL, alcohol),
        Lifestyle(_ACTIVITY, activity),
    )


def pss(
    rng: random.Random,
    profile: Profile,
    when: datetime,
    measured: list[Vital],
    vaccines: list[tuple[date, str, str]],
) -> Doc:
    """One PSS version as of ``when``; ``vaccines`` = [(date, vaccine name, ATC)] already in
    the patient's record. Its ids are placeholders until :func:`chain` gives the real ones."""
    person = profile.person
    day = when.date()
    family = rng.sample(_FAMILY, k=rng.randint(0, 2))
    record = Pss(
        document_id=_DRAFT_ID,
        set_id=_DRAFT_ID,
        version=1,
        effective_time=_aware(when),
        confidentiality=Confidentiality.NORMAL,
        patient=PatientInfo(
            person.cf, person.given, person.family, AdministrativeSex(person.sex), person.birth_date
        ),
        author=DEMO_SIGNER.author,
        legal_authenticator=DEMO_SIGNER.author,
        custodian=DEMO_SIGNER.custodian,
        allergies=tuple(
            Allergy(Coded(*_ALLERGENS[agent], agent), reaction=reaction)
            for agent, reaction in profile.allergies
        ),
        no_known_allergies=not profile.allergies,
        therapies=tuple(
            Therapy(
                Coded(DRUGS[k].atc, codes.ATC, DRUGS[k].name),
                aic=Coded(DRUGS[k].aic, codes.AIC),
                strength=DRUGS[k].strength,
                dose=DRUGS[k].dose,
                frequency=DRUGS[k].timing,
            )
            for k in profile.therapy
        ),
        no_current_therapy=not profile.therapy,
        problems=_problems(profile, day),
        no_problems=not _problems(profile, day),
        vaccinations=tuple(
            Vaccination(Coded(atc, codes.ATC, name), d) for d, name, atc in vaccines[-8:]
        ),
        family_history=tuple(
            FamilyHistory(rel, Coded(icd, codes.ICD9CM, label), age, dead)
            for rel, icd, label, age, dead in family
        ),
        family_history_negative=not family,
        lifestyle=_lifestyle(rng, profile),
        vital_signs=tuple(
            VitalSign(Coded(v.loinc, codes.LOINC, v.display), v.value, v.unit, v.when.date())
            for v in measured
        ),
        exemptions=tuple(
            Exemption(
                Coded(CHRONIC_EXEMPTION[c][0], codes.EXEMPTIONS, CHRONIC_EXEMPTION[c][1]),
                start=profile.onset[c],
            )
            for c in profile.chronic
            if profile.onset[c] <= day
        ),
    )
    return Doc(
        "60591-5",
        f"Profilo Sanitario Sintetico di {person.given} {person.family}",
        demo_mmg(),
        FACILITIES[PRACTICE_ID],
        when,
        when,
        [],
        pss=record,
    )


def chain(draft: Pss, previous: Pss | None, document_id: str) -> Pss:
    """``draft`` with its real id: version 1 of a new set, or the version after ``previous``
    (setId, versionNumber and RPLC from :func:`new_version`)."""
    if previous is None:
        return replace(
            draft, document_id=document_id, set_id=document_id, version=1, replaced_id=""
        )
    nxt = new_version(previous, document_id=document_id, effective_time=draft.effective_time)
    return replace(
        draft,
        document_id=document_id,
        set_id=nxt.set_id,
        version=nxt.version,
        replaced_id=nxt.replaced_id,
    )
