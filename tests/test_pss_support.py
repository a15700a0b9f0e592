"""Builders shared by the PSS tests: a fully filled PSS with every section."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from fse_desk.pss import codes
from fse_desk.pss.model import (
    AdministrativeSex,
    Allergy,
    CarePlan,
    Clinician,
    Coded,
    Confidentiality,
    Criticality,
    Device,
    Diagnostic,
    DiseaseNetwork,
    DonationChoice,
    Encounter,
    EncounterKind,
    Exemption,
    FamilyHistory,
    FunctionalStatus,
    Lifestyle,
    OrganDonation,
    Organization,
    PatientInfo,
    Pregnancy,
    Problem,
    ProblemStatus,
    Procedure,
    Pss,
    Relative,
    Severity,
    Therapy,
    Vaccination,
    VitalSign,
)

ROME = ZoneInfo("Europe/Rome")
TODAY = date(2026, 11, 1)
MMG = Clinician(
    "RSSMRA70A01A944X", "Mario", "Rossi", ("tel:+390516543210", "mailto:mario.rossi@example.it")
)


def icd9(code: str, display: str) -> Coded:
    return Coded(code, codes.ICD9CM, display)


def atc(code: str, display: str) -> Coded:
    return Coded(code, codes.ATC, display)


def loinc(code: str, display: str) -> Coded:
    return Coded(code, codes.LOINC, display)


def minimal_pss(**changes: object) -> Pss:
    base: dict[str, object] = dict(
        document_id="PSS.2026.0001",
        set_id="PSS.2026.0001",
        version=1,
        effective_time=datetime(2026, 10, 30, 10, 15, tzinfo=ROME),
        confidentiality=Confidentiality.NORMAL,
        patient=PatientInfo(
            "DLLGNN52C12A944K", "Giovanni", "Dall'Olio", AdministrativeSex.MALE, date(1952, 3, 12)
        ),
        author=MMG,
        custodian=Organization("080105-MMG", "Studio medico <Rossi> & associati"),
        legal_authenticator=MMG,
        no_known_allergies=True,
        no_current_therapy=True,
        no_problems=True,
        family_history_negative=True,
    )
    base.update(changes)
    return Pss(**base)


def full_pss() -> Pss:
    return minimal_pss(
        confidentiality=Confidentiality.VERY_RESTRICTED,  # the FSE refuses R for a PSS
        no_known_allergies=False,
        no_current_therapy=False,
        no_problems=False,
        family_history_negative=False,
        allergies=(
            Allergy(
                Coded("PEN", codes.ALLERGENS, "Penicilline"),
                "orticaria generalizzata",
                Severity.SEVERE,
                Criticality.HIGH,
                date(2001, 5, 2),
                "dopo amoxicillina",
            ),
            Allergy(Coded("NICHEL", codes.ALLERGENS, "Nichel"), "dermatite <da contatto>"),
        ),
        therapies=(
            Therapy(
                atc("A10BA02", "Metformina"),
                Coded("034218062", codes.AIC, "Metformina 1000 mg"),
                "1 compressa",
                "2 volte al giorno",
                date(2015, 4, 1),
                "orale",
                "dopo i pasti",
            ),
            Therapy(atc("C09AA05", "Ramipril"), None, "5 mg", "1 volta al giorno"),
        ),
        problems=(
            Problem(
                icd9("250.00", "Diabete mellito tipo 2"),
                date(2015, 3, 20),
                ProblemStatus.ACTIVE,
                True,
                None,
                "in buon compenso",
            ),
            Problem(
                icd9("486", "Polmonite"),
                date(2024, 1, 10),
                ProblemStatus.RESOLVED,
                False,
                date(2024, 2, 1),
            ),
        ),
        vaccinations=(
            Vaccination(
                atc("J07BB02", "Vaccino influenzale"),
                date(2025, 10, 20),
                1,
                "AB1234",
                "nessuna reazione",
            ),
        ),
        family_history=(
            FamilyHistory(
                Relative.FATHER, icd9("410.90", "Infarto miocardico"), 72, True, "a 72 anni"
            ),
            FamilyHistory(Relative.MOTHER, icd9("250.00", "Diabete")),
        ),
        lifestyle=(
            Lifestyle(loinc("72166-2", "Fumo di tabacco"), "Ex fumatore", date(2010, 1, 1)),
        ),
        pregnancies=(Pregnancy(date(1985, 6, 3), "parto spontaneo a termine", 39, "nota"),),
        vital_signs=(
            VitalSign(loinc("8480-6", "PA sistolica"), 135.0, "mm[Hg]", date(2026, 10, 30)),
            VitalSign(loinc("29463-7", "Peso"), 81.4, "kg", date(2026, 10, 30)),
        ),
        devices=(
            Device(
                "Pacemaker bicamerale", Coded("V45.01", codes.ICD9CM, "Pacemaker"), date(2020, 2, 2)
            ),
            Device("Occhiali"),
        ),
        procedures=(
            Procedure(
                Coded("51.23", codes.ICD9CM_PROCEDURES, "Colecistectomia"),
                date(2019, 5, 5),
                "laparoscopica",
            ),
        ),
        encounters=(
            Encounter(
                EncounterKind.ADMISSION,
                date(2024, 1, 10),
                date(2024, 1, 18),
                "Polmonite",
                "Ospedale Maggiore",
                icd9("486", "Polmonite"),
            ),
            Encounter(EncounterKind.VISIT, date(2026, 3, 3)),
        ),
        functional_status=(FunctionalStatus("Autonomo nelle ADL", date(2026, 1, 1)),),
        organ_donation=(OrganDonation(DonationChoice.CONSENT, date(2018, 9, 9)),),
        exemptions=(
            Exemption(Coded("013.250", codes.EXEMPTIONS, "Diabete mellito"), date(2015, 4, 1)),
        ),
        disease_networks=(
            DiseaseNetwork("Rete diabetologica", "Casa della Salute", date(2016, 1, 1)),
        ),
        care_plans=(
            CarePlan("Gestione integrata del diabete", date(2016, 1, 1), date(2027, 1, 1)),
        ),
        diagnostics=(Diagnostic(loinc("4548-4", "HbA1c"), date(2026, 9, 1), "7,1 %", "stabile"),),
    )
