"""FSE documents: LOINC types, FSE classes, oscuramento, and the metadata record."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from fse_desk._types import DocumentId, PatientId
from fse_desk.domain import loinc
from fse_desk.errors import InvalidRecord

OSCURAMENTO_SYSTEM = "2.16.840.1.113883.2.9.3.3.6.1.3"
"""Coding scheme of the FSE access-rule event codes (``attiCliniciRegoleAccesso``)."""


class DocumentClass(enum.Enum):
    """High-level FSE document class (``tipoDocumentoLivAlto``)."""

    SUM = "SUM"  # Profilo Sanitario Sintetico
    REF = "REF"  # referti
    LDO = "LDO"  # lettere di dimissione
    VRB = "VRB"  # verbali di pronto soccorso
    PRS = "PRS"  # prescrizioni
    PRE = "PRE"  # erogazioni
    VAC = "VAC"  # vaccinazioni
    ESE = "ESE"  # esenzioni
    PDC = "PDC"  # piani di cura
    LET = "LET"  # lettere di invito
    PRO = "PRO"  # promemoria di prenotazione
    TAC = "TAC"  # taccuino personale
    CNT = "CNT"  # bilanci di salute


class DocumentStatus(enum.Enum):
    """FHIR ``DocumentReference.status``: a replaced document becomes ``superseded``."""

    CURRENT = "current"
    SUPERSEDED = "superseded"
    ENTERED_IN_ERROR = "entered-in-error"


class Oscuramento(enum.Enum):
    """Access-rule codes: P99 hides a document from every clinician."""

    HIDDEN = "P99"
    HIDDEN_FROM_GUARDIAN = "P97"
    HIDDEN_FROM_PATIENT = "P98"
    NOT_HIDDEN = "P00"


@dataclass(frozen=True, slots=True)
class DocumentType:
    loinc: str
    title: str
    doc_class: DocumentClass


DOCUMENT_TYPES: dict[str, DocumentType] = {
    t.loinc: t
    for t in (
        DocumentType(loinc.PSS, "Profilo Sanitario Sintetico", DocumentClass.SUM),
        DocumentType(loinc.LAB_REPORT, "Referto di laboratorio", DocumentClass.REF),
        DocumentType(loinc.SPECIALIST_REPORT, "Referto specialistico", DocumentClass.REF),
        DocumentType(loinc.RADIOLOGY_REPORT, "Referto di radiologia", DocumentClass.REF),
        DocumentType(loinc.PATHOLOGY_REPORT, "Referto di anatomia patologica", DocumentClass.REF),
        DocumentType(loinc.TELEVISIT_REPORT, "Referto di televisita", DocumentClass.REF),
        DocumentType(loinc.TELECONSULT_REPORT, "Referto di teleconsulto", DocumentClass.REF),
        DocumentType(loinc.TELEMONITORING_REPORT, "Report di telemonitoraggio", DocumentClass.REF),
        DocumentType(
            loinc.HOSPITAL_DISCHARGE_LETTER, "Lettera di dimissione ospedaliera", DocumentClass.LDO
        ),
        DocumentType(
            loinc.DISCHARGE_LETTER, "Lettera di dimissione non ospedaliera", DocumentClass.LDO
        ),
        DocumentType(loinc.EMERGENCY_REPORT, "Verbale di pronto soccorso", DocumentClass.VRB),
        DocumentType(loinc.DRUG_PRESCRIPTION, "Prescrizione farmaceutica", DocumentClass.PRS),
        DocumentType(
            loinc.SPECIALIST_PRESCRIPTION, "Prescrizione specialistica", DocumentClass.PRS
        ),
        DocumentType("81223-0", "Erogazione specialistica", DocumentClass.PRE),
        DocumentType("87273-9", "Scheda singola vaccinazione", DocumentClass.VAC),
        DocumentType("82593-5", "Certificato vaccinale", DocumentClass.VAC),
        DocumentType(loinc.EXEMPTION, "Esenzione", DocumentClass.ESE),
        DocumentType(loinc.CARE_PLAN, "Piano terapeutico", DocumentClass.PDC),
        DocumentType("108276-7", "Lettera di invito allo screening", DocumentClass.LET),
        DocumentType("101134-5", "Promemoria di appuntamento", DocumentClass.PRO),
        DocumentType("103140-0", "Documento del taccuino personale", DocumentClass.TAC),
        DocumentType("68814-3", "Bilancio di salute pediatrico", DocumentClass.CNT),
    )
}


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """Metadata of one FSE document (a FHIR DocumentReference), not its body.

    Documents hidden by the patient (P99) never become a ``DocumentMeta``: the
    sync drops them before they reach the cache, as it drops those entered in
    error. A ``superseded`` one was replaced by a newer version and is kept.
    """

    id: DocumentId
    patient_id: PatientId
    type_code: str
    title: str
    date: datetime
    author: str
    facility: str
    content_type: str
    body_url: str
    master_identifier: str = ""
    confidentiality: str = "N"
    version_id: str = ""
    last_updated: datetime | None = None
    status: DocumentStatus = DocumentStatus.CURRENT

    def __post_init__(self) -> None:
        if self.type_code not in DOCUMENT_TYPES:
            raise InvalidRecord(
                f"document {self.id}: LOINC type {self.type_code!r} is not an FSE document type",
                field="type_code",
            )
        if self.confidentiality not in ("N", "R", "V"):
            raise InvalidRecord(
                f"document {self.id}: confidentiality {self.confidentiality!r} not N/R/V",
                field="confidentiality",
            )

    @property
    def doc_class(self) -> DocumentClass:
        return DOCUMENT_TYPES[self.type_code].doc_class

    @property
    def patient_provided(self) -> bool:
        """Uploaded by the patient to the taccuino personale."""
        return self.doc_class is DocumentClass.TAC
