"""Identifiers of the HL7 Italia PSS guide: OIDs, templateIds, section catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from fse_desk.domain import loinc
from fse_desk.domain.identifiers import LOINC_OID

ICD9CM = "2.16.840.1.113883.6.103"
ICD9CM_PROCEDURES = "2.16.840.1.113883.6.104"
ATC = "2.16.840.1.113883.6.73"
AIC = "2.16.840.1.113883.2.9.6.1.5"
LOINC = LOINC_OID  # under the name the other code systems here use
UCUM = "2.16.840.1.113883.6.8"
EXEMPTIONS = "2.16.840.1.113883.2.9.6.1.22"
LOCAL = "2.25.42149225926524259954662905737606375805"
"""UUID-derived OID (ITU-T X.667) of FSE Desk's own codes (entry field codes)."""
ALLERGENS = "2.25.318798749992523730211958541424113907092"
"""UUID-derived OID of FSE Desk's own list of non-drug allergens (drugs are coded by ATC)."""
ACT_CODE = "2.16.840.1.113883.5.4"
ROLE_CODE = "2.16.840.1.113883.5.111"
OBSERVATION_VALUE = "2.16.840.1.113883.5.1063"
ADMIN_GENDER = "2.16.840.1.113883.5.1"
CONFIDENTIALITY = "2.16.840.1.113883.5.25"
ACT_STATUS = "2.16.840.1.113883.5.14"

SYSTEM_NAMES: dict[str, str] = {
    ICD9CM: "ICD-9-CM",
    ICD9CM_PROCEDURES: "ICD-9-CM procedure",
    ATC: "ATC",
    AIC: "AIC",
    LOINC: "LOINC",
    EXEMPTIONS: "Esenzioni",
    ALLERGENS: "Allergeni FSE Desk",
    LOCAL: "FSE Desk",
    ROLE_CODE: "RoleCode",
    OBSERVATION_VALUE: "ObservationValue",
    ACT_CODE: "ActCode",
}

LIFESTYLE_ASPECTS: tuple[tuple[str, str], ...] = (
    ("72166-2", "Fumo di tabacco"),
    ("11331-6", "Consumo di alcol"),
    ("61686-8", "Attività fisica"),
)
"""LOINC codes of the lifestyle aspects the PSS records, with their Italian display."""

DOCUMENT_TEMPLATE = "2.16.840.1.113883.2.9.10.1.4.1.1"
SECTION_TEMPLATE_PREFIX = "2.16.840.1.113883.2.9.10.1.4.2."
CDA_TYPE_ID = ("2.16.840.1.113883.1.3", "POCD_MT000040UV02")
PSS_LOINC = loinc.PSS
PSS_TITLE = "Profilo Sanitario Sintetico"


@dataclass(frozen=True, slots=True)
class SectionSpec:
    key: str  # attribute name on :class:`~fse_desk.pss.model.Pss`
    loinc: str
    number: int  # N of the templateId 2.16.840.1.113883.2.9.10.1.4.2.N
    title: str  # Italian, shown to the reader of the CDA
    required: bool

    @property
    def template_id(self) -> str:
        return f"{SECTION_TEMPLATE_PREFIX}{self.number}"


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("allergies", loinc.ALLERGIES, 1, "Allergie e intolleranze", True),
    SectionSpec("therapies", loinc.MEDICATION_HISTORY, 2, "Terapie farmacologiche", True),
    SectionSpec("vaccinations", "11369-6", 3, "Vaccinazioni", False),
    SectionSpec("problems", loinc.PROBLEM_LIST, 4, "Lista dei problemi", True),
    SectionSpec("lifestyle", "29762-2", 6, "Stile di vita", False),
    SectionSpec("pregnancies", "10162-6", 7, "Gravidanze e parto", False),
    SectionSpec("vital_signs", "8716-3", 8, "Parametri vitali", False),
    SectionSpec("devices", "46264-8", 9, "Protesi, impianti e ausili", False),
    SectionSpec("care_plans", loinc.CARE_PLAN, 10, "Piani di cura", False),
    SectionSpec("procedures", "47519-4", 11, "Trattamenti e procedure", False),
    SectionSpec("encounters", "46240-8", 12, "Visite o ricoveri", False),
    SectionSpec("functional_status", "47420-5", 13, "Stato funzionale", False),
    SectionSpec("diagnostics", "30954-2", 14, "Indagini diagnostiche e laboratorio", False),
    SectionSpec("organ_donation", "42348-3", 15, "Donazione organi", False),
    SectionSpec("family_history", "10157-6", 16, "Anamnesi familiare", True),
    SectionSpec("exemptions", "57827-8", 17, "Esenzioni", False),
    SectionSpec("disease_networks", "PSSIT99", 18, "Reti di patologia", False),
)
SECTION_BY_KEY = {s.key: s for s in SECTIONS}
SECTION_BY_LOINC = {s.loinc: s for s in SECTIONS}
