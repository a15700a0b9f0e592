"""The Profilo Sanitario Sintetico (60591-5) written by the demo MMG."""

from __future__ import annotations

import random
from datetime import datetime

from fse_desk.sandbox.region.clock import it_date
from fse_desk.sandbox.region.conditions import (
    CHRONIC_EXEMPTION,
    CHRONIC_ICD9,
    CHRONIC_LABEL,
    DRUGS,
    MINOR,
    Profile,
)
from fse_desk.sandbox.region.facilities import FACILITIES, PRACTICE_ID, demo_mmg
from fse_desk.sandbox.region.model import Doc, Section, Vital, bullets, para, table

_UNIT_TEXT = {"mm[Hg]": "mmHg", "/min": "battiti/min"}
_FAMILY = (
    "Padre deceduto per infarto miocardico a 72 anni", "Madre con diabete mellito tipo 2",
    "Madre con ipertensione arteriosa", "Padre con neoplasia del colon a 68 anni",
    "Sorella con ipotiroidismo", "Fratello con cardiopatia ischemica",
    "Madre con demenza di Alzheimer", "Padre con BPCO",
)


def vitals(rng: random.Random, profile: Profile, when: datetime) -> list[Vital]:
    """Office measurements at the last PSS update (also published as Observations)."""
    hyper = profile.has("ipertensione") or profile.has("scompenso")
    out = [
        Vital("8480-6", "Pressione arteriosa sistolica",
              float(rng.randint(128, 152) if hyper else rng.randint(108, 138)), "mm[Hg]", when),
        Vital("8462-4", "Pressione arteriosa diastolica",
              float(rng.randint(76, 92) if hyper else rng.randint(64, 86)), "mm[Hg]", when),
        Vital("8867-4", "Frequenza cardiaca", float(rng.randint(58, 90)), "/min", when),
        Vital("29463-7", "Peso corporeo", round(rng.gauss(80 if profile.person.sex == "M" else 66,
                                                          12), 1), "kg", when),
    ]
    if profile.has("bpco") or profile.has("scompenso"):
        out.append(Vital("59408-5", "Saturazione di ossigeno",
                         float(rng.randint(90, 96)), "%", when))
    return out


def pss(rng: random.Random, profile: Profile, when: datetime, measured: list[Vital],
        vaccines: list[tuple[str, str]]) -> Doc:
    """``vaccines`` = [(date dd/mm/yyyy, vaccine name)] already in the patient's record."""
    person = profile.person
    allergies = ([f"{agent}: {reaction}" for agent, reaction in profile.allergies]
                 or ["Nessuna allergia nota"])
    therapy = ([f"{DRUGS[k].name} - {DRUGS[k].posology} (ATC {DRUGS[k].atc})"
                for k in profile.therapy] or ["Nessuna terapia farmacologica in atto"])
    problems = [[CHRONIC_LABEL[c], CHRONIC_ICD9[c], it_date(profile.onset[c]), "attivo"]
                for c in profile.chronic]
    problems += [[MINOR[m][0], MINOR[m][1], "", "attivo"] for m in profile.minor]
    family = rng.sample(_FAMILY, k=rng.randint(0, 2))
    smoke = {"mai": "Non fumatore", "ex": "Ex fumatore",
             "attuale": f"Fumatore attivo ({rng.randint(5, 25)} sigarette/die)"}[profile.smoker]
    sections = [
        Section("48765-2", "Allergie e intolleranze", (bullets(allergies),)),
        Section("10160-0", "Terapie farmacologiche", (bullets(therapy),)),
        Section("11450-4", "Lista dei problemi", (
            table(["Problema", "ICD-9-CM", "Insorgenza", "Stato"], problems) if problems
            else para("Nessun problema clinico rilevante."),)),
        Section("10157-6", "Anamnesi familiare", (bullets(family) if family
                                                  else para("Anamnesi familiare negativa."),)),
        Section("29762-2", "Stile di vita", (bullets([
            smoke, rng.choice(["Alcol: astemio", "Alcol: 1 bicchiere di vino ai pasti",
                               "Alcol: occasionale"]),
            rng.choice(["Attività fisica: camminata quotidiana", "Attività fisica: sedentario",
                        "Attività fisica: orto e lavori agricoli"])]),)),
        Section("8716-3", "Parametri vitali", (table(
            ["Parametro", "Valore", "Unità", "Data"],
            [[v.display, f"{v.value:g}".replace(".", ","), _UNIT_TEXT.get(v.unit, v.unit),
              it_date(v.when.date())] for v in measured]),)),
    ]
    if vaccines:
        sections.append(Section("11369-6", "Vaccinazioni", (table(
            ["Data", "Vaccino"], [list(v) for v in vaccines[-8:]]),)))
    if profile.chronic:
        sections.append(Section("57827-8", "Esenzioni", (bullets(
            [f"{CHRONIC_EXEMPTION[c][0]} - {CHRONIC_EXEMPTION[c][1]}" for c in profile.chronic]),)))
    return Doc("60591-5", f"Profilo Sanitario Sintetico di {person.given} {person.family}",
               demo_mmg(), FACILITIES[PRACTICE_ID], when, when, sections)
