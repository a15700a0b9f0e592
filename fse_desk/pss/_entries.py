"""How each PSS entry record maps onto a CDA clinical statement (shared by writer,
reader and validator).

Every entry is one clinical statement whose ``text/reference`` points at its row of the
section narrative, in the shape the HL7 Italia PSS templates give it: some statements
stand alone (a vital sign ``observation``), others sit in a wrapper (an allergy
``observation`` inside a concern ``act``, a family-history ``observation`` inside an
``organizer``). The main fact sits where CDA puts it (``code``, ``value``,
``effectiveTime``, ``statusCode``, the consumable of a drug); a note is a comment ``act``;
every other field is an ``entryRelationship`` observation whose code names the field.

A section the gateway requires but the PSS leaves empty carries one coded "absence"
entry (IPS absent/unknown codes); the reader turns it back into an empty section.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from typing import Any, get_type_hints

from fse_desk.pss import codes, model

LOCAL_OID = codes.LOCAL

V3 = "urn:hl7-org:v3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSI_TYPE = f"{{{XSI}}}type"


ENTRY_TEMPLATE_PREFIX = "2.16.840.1.113883.2.9.10.1.4.3."


def entry_template(suffix: str) -> str:
    """templateId root of a PSS entry template (``"1.3"`` → ``…4.3.1.3``)."""
    return ENTRY_TEMPLATE_PREFIX + suffix


@dataclass(frozen=True, slots=True)
class EntrySpec:
    element: str  # clinical statement element
    class_code: str
    mood_code: str
    code: str | None  # field whose Coded/Enum is the statement code; None: fixed code
    fixed_code: tuple[str, str, str] | None  # (code, system, display) when ``code`` is None
    template: str = ""  # templateId suffix of the statement (see :func:`entry_template`)
    wrapper: str = ""  # "" (the statement is the entry), "act" or "organizer"
    wrapper_template: str = ""  # templateId suffix of the wrapper
    value: str | None = None  # field → <value>
    unit: str | None = None  # field holding the UCUM unit of a PQ value
    point: str | None = None  # field → effectiveTime/@value
    low: str | None = None  # field → effectiveTime/low
    high: str | None = None  # field → effectiveTime/high
    status: str | None = None  # enum field → statusCode
    translation: str | None = None  # Coded field → translation of the consumable code
    closed: bool = False  # effectiveTime always has a high (nullFlavor UNK when unknown)
    rels: tuple[str, ...] = ()  # fields → entryRelationship observations


def _fixed(section_key: str) -> tuple[str, str, str]:
    spec = codes.SECTION_BY_KEY[section_key]
    return (spec.loinc, codes.LOINC, spec.title)


SPECS: dict[str, EntrySpec] = {
    # agent → participant, reaction/severity → manifestation, criticality, note: the writer
    "allergies": EntrySpec(
        "observation",
        "OBS",
        "EVN",
        None,
        ("52473-6", codes.LOINC, "Allergia o intolleranza"),
        "1.3",
        "act",
        "1.1",
        low="onset",
    ),
    "therapies": EntrySpec(
        "substanceAdministration",
        "SBADM",
        "INT",
        "drug",
        None,
        "2.1",
        low="start",
        translation="aic",
        rels=("dose", "frequency", "route", "strength"),
    ),
    # dose_number, lot, note: the writer
    "vaccinations": EntrySpec(
        "substanceAdministration", "SBADM", "EVN", "vaccine", None, "3.1", point="date"
    ),
    "problems": EntrySpec(
        "observation",
        "OBS",
        "EVN",
        None,
        ("75326-9", codes.LOINC, "Problema"),
        "4.2",
        "act",
        "4.1",
        value="code",
        low="onset",
        high="end",
        status="status",
        rels=("chronic",),
    ),
    "lifestyle": EntrySpec(
        "observation", "OBS", "EVN", "aspect", None, "6.1", value="value", low="since"
    ),
    "pregnancies": EntrySpec(
        "observation",
        "OBS",
        "EVN",
        None,
        _fixed("pregnancies"),
        "7.1",
        value="outcome",
        point="end_date",
        rels=("weeks",),
    ),
    "vital_signs": EntrySpec(
        "observation", "OBS", "EVN", "code", None, "8.2", value="value", unit="unit", point="time"
    ),
    # description and code → the supply code (national device catalogue): the writer
    "devices": EntrySpec("supply", "SPLY", "EVN", None, None, "9.1", low="implanted"),
    # A plan is a request: the national schematron wants moodCode RQO.
    "care_plans": EntrySpec(
        "observation",
        "OBS",
        "RQO",
        None,
        _fixed("care_plans"),
        "10.1",
        value="description",
        low="start",
        high="end",
    ),
    # A procedure's effectiveTime is a period (low and high), here the one day it happened.
    "procedures": EntrySpec(
        "procedure", "PROC", "EVN", "code", None, "11.1", low="date", high="date", closed=True
    ),
    # facility → performer: the writer
    "encounters": EntrySpec(
        "encounter",
        "ENC",
        "EVN",
        "kind",
        None,
        "12.1",
        low="start",
        high="end",
        closed=True,  # an encounter's effectiveTime is a point or a low-high interval
        rels=("reason", "diagnosis"),
    ),
    # description → value (motor capacity, not coded): the writer
    "functional_status": EntrySpec(
        "observation",
        "OBS",
        "EVN",
        None,
        ("75246-9", codes.LOINC, "Capacità motoria"),
        "14.2",
        "organizer",
        "14.1",
        low="assessed",
    ),
    "diagnostics": EntrySpec(
        "observation",
        "OBS",
        "EVN",
        "code",
        None,
        "14.2",
        "organizer",
        "14.1",
        value="result",
        point="date",
    ),
    "organ_donation": EntrySpec(
        "observation",
        "OBS",
        "EVN",
        None,
        _fixed("organ_donation"),
        value="choice",
        point="recorded",
    ),
    # relative → organizer subject, onset_age/deceased → age observations, note → text
    "family_history": EntrySpec(
        "observation",
        "OBS",
        "EVN",
        None,
        ("52797-8", codes.LOINC, "Diagnosi (codice ICD)"),
        "16.2",
        "organizer",
        "16.1",
        value="condition",
    ),
    "exemptions": EntrySpec("act", "ACT", "EVN", "code", None, "17.1", low="start", high="end"),
    # name → act code original text: the writer
    "disease_networks": EntrySpec(
        "act", "PCPR", "EVN", None, None, "18.1", low="enrolled", rels=("facility",)
    ),
}

NOTE_TEMPLATE = "1.7"
"""Entry template of a comment act (a note on an entry)."""
NOTE_CODE = ("48767-8", codes.LOINC, "Note e commenti")
HAS_NOTE = frozenset(
    k for k, cls in model.ENTRY_TYPES.items() if "note" in {f.name for f in dataclasses.fields(cls)}
)

ABSENT_UNKNOWN = "2.16.840.1.113883.5.1150.1"
"""IPS absent/unknown code system, for "no known problems"."""
ABSENT_ALLERGIES = "2.16.840.1.113883.11.22.9"
"""Value set "Absent or Unknown allergies" (no-known-allergies …), as the schematron wants."""
ABSENT_MEDICATIONS = "2.16.840.1.113883.11.22.15"
"""Value set "Absent or Unknown Medication" (no-known-medications, no-medication-info)."""
ROUTE_OF_ADMINISTRATION = "2.16.840.1.113883.5.112"
"""HL7 v3 RouteOfAdministration, for a therapy's routeCode."""
DEVICE_CATALOGUE = "2.16.840.1.113883.2.9.6.1.48"
"""Classificazione Nazionale dei Dispositivi medici (CND)."""
CND_VARIOUS = ("V", "Dispositivi vari")
"""CND category V, for a device the doctor did not classify in the CND."""
MOTOR_CAPACITY = "2.16.840.1.113883.2.9.77.22.11.15"
"""Value set of motor capacity (CapacitàMotoria_PSSIT), which FSE Desk does not ship."""
NATIONAL_ALLERGENS = "2.16.840.1.113883.2.9.77.22.11.2"
"""National value set of non-drug allergens, which FSE Desk does not ship."""
AUTHOR_ROLES = "2.16.840.1.113883.2.9.77.22.11.13"
"""Value set of PSS author roles (MMG, PLS)."""
DISEASE_NETWORK_SECTION_SYSTEM = "2.16.840.1.113883.2.9.5.2.8"
"""Code system of the PSSIT99 section code (not LOINC)."""
DOCUMENT_TEMPLATE_VERSION = "1.4"
INTOLERANCE = ("OINT", codes.ACT_CODE, "Allergia o intolleranza")
FAMILY_MEMBER = ("FAMMEMB", codes.ROLE_CODE, "familiare")
AGE_AT_ONSET = ("35267-4", codes.LOINC, "Età di insorgenza")
AGE_AT_DEATH = ("39016-1", codes.LOINC, "Età al decesso")
DOSE_NUMBER = ("30973-2", codes.LOINC, "Numero della dose")
REACTION = ("75321-0", codes.LOINC, "Reazione")
SEVERITY = ("SEV", codes.ACT_CODE, "Gravità")
CRITICALITY = ("SEV", codes.ACT_CODE, "Criticità")
"""The criticality observation sits on the allergy itself, the severity on its reaction:
both are coded SEV, as the national schematron requires; the reader tells them by place."""
IMMUNIZATION = ("IMMUNIZ", codes.ACT_CODE, "Vaccinazione")

WITH_ENTRY = frozenset(
    {
        "allergies",
        "therapies",
        "problems",
        "devices",
        "procedures",
        "vaccinations",
        "pregnancies",
        "encounters",
        "exemptions",
        "disease_networks",
    }
)
"""Sections that, when present, hold at least one entry (an "absence" entry if empty)."""

ROUTES: dict[str, tuple[str, str]] = {
    "orale": ("PO", "Per bocca"),
    "per os": ("PO", "Per bocca"),
    "sublinguale": ("SL", "Sublinguale"),
    "masticabile": ("CHEW", "Da masticare"),
    "intramuscolare": ("IM", "Intramuscolare"),
    "im": ("IM", "Intramuscolare"),
    "endovenosa": ("IVINJ", "Endovenosa"),
    "ev": ("IVINJ", "Endovenosa"),
    "sottocutanea": ("SQ", "Sottocutanea"),
    "sc": ("SQ", "Sottocutanea"),
    "inalatoria": ("IPINHL", "Inalatoria"),
    "aerosol": ("NEB", "Aerosol"),
    "nasale": ("NASAL", "Nasale"),
    "oftalmica": ("OPTHALTA", "Oftalmica"),
    "collirio": ("OPTHALTA", "Oftalmica"),
    "auricolare": ("OT", "Auricolare"),
    "rettale": ("RECTAL", "Rettale"),
    "cutanea": ("TOPICAL", "Cutanea"),
    "topica": ("TOPICAL", "Cutanea"),
    "transdermica": ("TRNSDERM", "Transdermica"),
    "cerotto": ("TRNSDERM", "Transdermica"),
}
"""A therapy's route as the doctor writes it (lower case) → HL7 v3 RouteOfAdministration."""
UNCODED_ROUTE = ("ROUTE-OTHER", "Via indicata nel testo")
"""Our own code (FSE Desk's system) for a route not in :data:`ROUTES`, or not given: the
schematron wants a coded routeCode on every therapy; the words go in originalText."""

ABSENCE: dict[str, tuple[str, str, str, str]] = {
    "allergies": ("1.4", "no-known-allergies", ABSENT_ALLERGIES, "Nessuna allergia nota"),
    "therapies": ("2.3", "no-known-medications", ABSENT_MEDICATIONS, "Nessuna terapia in corso"),
    "problems": ("4.2", "no-known-problems", ABSENT_UNKNOWN, "Nessun problema noto"),
}
"""Section → (statement template suffix, code, code system, display) of the entry that
states the section empty (the Pss "none" flags). Optional sections with nothing to say are
left out of the document: the national schematron requires none of them."""

REL_CODES: dict[str, tuple[str, str]] = {}
"""Field → (code, system) of its entryRelationship; other fields use (field, LOCAL_OID)."""


def rel_code(field: str) -> tuple[str, str]:
    return REL_CODES.get(field, (field, LOCAL_OID))


ENUM_SYSTEMS: dict[type, str] = {
    model.Severity: codes.OBSERVATION_VALUE,
    model.Criticality: codes.OBSERVATION_VALUE,
    model.Relative: codes.ROLE_CODE,
    model.EncounterKind: codes.ACT_CODE,
    model.DonationChoice: LOCAL_OID,
    model.ProblemStatus: codes.ACT_STATUS,
}

ENUM_LABELS: dict[enum.Enum, str] = {
    model.Severity.MILD: "lieve",
    model.Severity.MODERATE: "moderata",
    model.Severity.SEVERE: "grave",
    model.Criticality.LOW: "bassa",
    model.Criticality.HIGH: "alta",
    model.Criticality.UNABLE_TO_ASSESS: "non valutabile",
    model.ProblemStatus.ACTIVE: "attivo",
    model.ProblemStatus.RESOLVED: "risolto",
    model.Relative.FATHER: "padre",
    model.Relative.MOTHER: "madre",
    model.Relative.BROTHER: "fratello",
    model.Relative.SISTER: "sorella",
    model.Relative.SON: "figlio",
    model.Relative.DAUGHTER: "figlia",
    model.Relative.GRANDFATHER: "nonno",
    model.Relative.GRANDMOTHER: "nonna",
    model.Relative.UNCLE: "zio",
    model.Relative.AUNT: "zia",
    model.EncounterKind.VISIT: "visita",
    model.EncounterKind.ADMISSION: "ricovero",
    model.DonationChoice.CONSENT: "consenso alla donazione",
    model.DonationChoice.REFUSAL: "opposizione alla donazione",
    model.DonationChoice.NOT_EXPRESSED: "volontà non espressa",
}

FIELD_LABELS: dict[str, str] = {
    "agent": "Agente",
    "reaction": "Reazione",
    "severity": "Gravità",
    "criticality": "Criticità",
    "onset": "Insorgenza",
    "note": "Note",
    "drug": "Farmaco (ATC)",
    "aic": "AIC",
    "dose": "Dose",
    "strength": "Dosaggio",
    "frequency": "Frequenza",
    "start": "Inizio",
    "route": "Via",
    "code": "Codice",
    "status": "Stato",
    "chronic": "Cronico",
    "end": "Fine",
    "vaccine": "Vaccino",
    "date": "Data",
    "dose_number": "Dose n.",
    "lot": "Lotto",
    "relative": "Familiare",
    "condition": "Patologia",
    "onset_age": "Età all'esordio",
    "deceased": "Deceduto",
    "aspect": "Aspetto",
    "value": "Valore",
    "since": "Dal",
    "end_date": "Data fine",
    "outcome": "Esito",
    "weeks": "Settimane",
    "unit": "Unità",
    "time": "Data",
    "description": "Descrizione",
    "implanted": "Impianto",
    "kind": "Tipo",
    "reason": "Motivo",
    "facility": "Struttura",
    "diagnosis": "Diagnosi",
    "assessed": "Valutazione",
    "choice": "Scelta",
    "recorded": "Registrata il",
    "name": "Nome",
    "enrolled": "Arruolamento",
    "result": "Risultato",
}

ROW_PREFIX: dict[str, str] = {
    key: f"{spec.number:02d}" for key, spec in ((s.key, s) for s in codes.SECTIONS)
}


def row_id(section_key: str, index: int) -> str:
    return f"pss{ROW_PREFIX[section_key]}-{index + 1}"


def none_id(section_key: str) -> str:
    return f"pss{ROW_PREFIX[section_key]}-none"


def field_types(cls: type) -> dict[str, Any]:
    """Resolved annotations of an entry record (cached)."""
    cached = _HINTS.get(cls)
    if cached is None:
        cached = _HINTS[cls] = get_type_hints(cls, vars(model), vars(model))
    return cached


_HINTS: dict[type, dict[str, Any]] = {}


def base_type(hint: Any) -> type:
    """``Coded | None`` → ``Coded``; ``int`` → ``int``."""
    args = [a for a in getattr(hint, "__args__", ()) if a is not type(None)]
    base: type = args[0] if args else hint
    return base
