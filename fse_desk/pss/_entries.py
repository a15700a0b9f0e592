"""How each PSS entry record maps onto a CDA clinical statement (shared by writer,
reader and validator).

Every entry is one clinical statement (``observation``, ``substanceAdministration``,
``procedure``, ``encounter``) whose ``text/reference`` points at its row of the
section narrative. The main fact sits where CDA puts it (``code``, ``value``,
``effectiveTime``, ``statusCode``, the consumable of a drug); every other field is
an ``entryRelationship`` observation whose code names the field.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, get_type_hints

from fse_desk.pss import codes, model

LOCAL_OID = codes.LOCAL

V3 = "urn:hl7-org:v3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSI_TYPE = f"{{{XSI}}}type"


@dataclass(frozen=True, slots=True)
class EntrySpec:
    element: str  # clinical statement element
    class_code: str
    mood_code: str
    code: str | None  # field whose Coded/Enum is the statement code; None: fixed code
    fixed_code: tuple[str, str, str] | None  # (code, system, display) when ``code`` is None
    value: str | None = None  # field → <value>
    unit: str | None = None  # field holding the UCUM unit of a PQ value
    point: str | None = None  # field → effectiveTime/@value
    low: str | None = None  # field → effectiveTime/low
    high: str | None = None  # field → effectiveTime/high
    status: str | None = None  # enum field → statusCode
    translation: str | None = None  # Coded field → translation of the consumable code
    rels: tuple[str, ...] = ()  # fields → entryRelationship observations


def _fixed(section_key: str) -> tuple[str, str, str]:
    spec = codes.SECTION_BY_KEY[section_key]
    return (spec.loinc, codes.LOINC, spec.title)


SPECS: dict[str, EntrySpec] = {
    "allergies": EntrySpec("observation", "OBS", "EVN", None,
                           ("52473-6", codes.LOINC, "Allergia o intolleranza"),
                           value="agent", low="onset",
                           rels=("reaction", "severity", "criticality", "note")),
    "therapies": EntrySpec("substanceAdministration", "SBADM", "INT", "drug", None,
                           low="start", translation="aic",
                           rels=("dose", "frequency", "route", "note")),
    "vaccinations": EntrySpec("substanceAdministration", "SBADM", "EVN", "vaccine", None,
                              point="date", rels=("dose_number", "lot", "note")),
    "problems": EntrySpec("observation", "OBS", "EVN", None,
                          ("75326-9", codes.LOINC, "Problema"), value="code", low="onset",
                          high="end", status="status", rels=("chronic", "note")),
    "lifestyle": EntrySpec("observation", "OBS", "EVN", "aspect", None, value="value",
                           low="since"),
    "pregnancies": EntrySpec("observation", "OBS", "EVN", None, _fixed("pregnancies"),
                             value="outcome", point="end_date", rels=("weeks", "note")),
    "vital_signs": EntrySpec("observation", "OBS", "EVN", "code", None, value="value",
                             unit="unit", point="time"),
    "devices": EntrySpec("observation", "OBS", "EVN", None, _fixed("devices"),
                         value="description", low="implanted", rels=("code",)),
    "care_plans": EntrySpec("observation", "OBS", "INT", None, _fixed("care_plans"),
                            value="description", low="start", high="end"),
    "procedures": EntrySpec("procedure", "PROC", "EVN", "code", None, point="date",
                            rels=("note",)),
    "encounters": EntrySpec("encounter", "ENC", "EVN", "kind", None, low="start", high="end",
                            rels=("reason", "facility", "diagnosis")),
    "functional_status": EntrySpec("observation", "OBS", "EVN", None,
                                   _fixed("functional_status"), value="description",
                                   point="assessed"),
    "diagnostics": EntrySpec("observation", "OBS", "EVN", "code", None, value="result",
                             point="date", rels=("note",)),
    "organ_donation": EntrySpec("observation", "OBS", "EVN", None, _fixed("organ_donation"),
                                value="choice", point="recorded"),
    "family_history": EntrySpec("observation", "OBS", "EVN", None, _fixed("family_history"),
                                value="condition",
                                rels=("relative", "onset_age", "deceased", "note")),
    "exemptions": EntrySpec("observation", "OBS", "EVN", None, _fixed("exemptions"),
                            value="code", low="start", high="end"),
    "disease_networks": EntrySpec("observation", "OBS", "EVN", None,
                                  _fixed("disease_networks"), value="name", low="enrolled",
                                  rels=("facility",)),
}

REL_CODES: dict[str, tuple[str, str]] = {
    "severity": ("SEV", codes.ACT_CODE),
    "note": ("48767-8", codes.LOINC),
    "criticality": ("82606-5", codes.LOINC),
}
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
    model.Severity.MILD: "lieve", model.Severity.MODERATE: "moderata",
    model.Severity.SEVERE: "grave", model.Criticality.LOW: "bassa",
    model.Criticality.HIGH: "alta", model.Criticality.UNABLE_TO_ASSESS: "non valutabile",
    model.ProblemStatus.ACTIVE: "attivo", model.ProblemStatus.RESOLVED: "risolto",
    model.Relative.FATHER: "padre", model.Relative.MOTHER: "madre",
    model.Relative.BROTHER: "fratello", model.Relative.SISTER: "sorella",
    model.Relative.SON: "figlio", model.Relative.DAUGHTER: "figlia",
    model.Relative.GRANDFATHER: "nonno", model.Relative.GRANDMOTHER: "nonna",
    model.Relative.UNCLE: "zio", model.Relative.AUNT: "zia",
    model.EncounterKind.VISIT: "visita", model.EncounterKind.ADMISSION: "ricovero",
    model.DonationChoice.CONSENT: "consenso alla donazione",
    model.DonationChoice.REFUSAL: "opposizione alla donazione",
    model.DonationChoice.NOT_EXPRESSED: "volontà non espressa",
}

FIELD_LABELS: dict[str, str] = {
    "agent": "Agente", "reaction": "Reazione", "severity": "Gravità",
    "criticality": "Criticità", "onset": "Insorgenza", "note": "Note", "drug": "Farmaco (ATC)",
    "aic": "AIC", "dose": "Dose", "frequency": "Frequenza", "start": "Inizio", "route": "Via",
    "code": "Codice", "status": "Stato", "chronic": "Cronico", "end": "Fine",
    "vaccine": "Vaccino", "date": "Data", "dose_number": "Dose n.", "lot": "Lotto",
    "relative": "Familiare", "condition": "Patologia", "onset_age": "Età all'esordio",
    "deceased": "Deceduto", "aspect": "Aspetto", "value": "Valore", "since": "Dal",
    "end_date": "Data fine", "outcome": "Esito", "weeks": "Settimane", "unit": "Unità",
    "time": "Data", "description": "Descrizione", "implanted": "Impianto", "kind": "Tipo",
    "reason": "Motivo", "facility": "Struttura", "diagnosis": "Diagnosi",
    "assessed": "Valutazione", "choice": "Scelta", "recorded": "Registrata il",
    "name": "Nome", "enrolled": "Arruolamento", "result": "Risultato",
}

ROW_PREFIX: dict[str, str] = {key: f"{spec.number:02d}" for key, spec in
                              ((s.key, s) for s in codes.SECTIONS)}


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
    return args[0] if args else hint
