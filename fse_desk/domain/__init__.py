"""Plain typed records and vocabularies: no I/O, no Qt."""

from fse_desk.domain.document import (
    DOCUMENT_TYPES,
    OSCURAMENTO_SYSTEM,
    DocumentClass,
    DocumentMeta,
    DocumentStatus,
    DocumentType,
    Oscuramento,
)
from fse_desk.domain.patient import ConsentState, Patient, Sex

__all__ = [
    "DOCUMENT_TYPES",
    "OSCURAMENTO_SYSTEM",
    "ConsentState",
    "DocumentClass",
    "DocumentMeta",
    "DocumentStatus",
    "DocumentType",
    "Oscuramento",
    "Patient",
    "Sex",
]
