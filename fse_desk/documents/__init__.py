"""Document bodies (CDA R2, PDF) parsed into typed, display-neutral models."""

from fse_desk.documents.cda import (
    CDA_CONTENT_TYPE,
    LAB_REPORT_LOINC,
    RADIOLOGY_REPORT_LOINC,
    Block,
    CdaDocument,
    CdaHeader,
    LabResult,
    ListBlock,
    Paragraph,
    Section,
    TableBlock,
    parse_cda,
)
from fse_desk.documents.cda_media import MediaBlock
from fse_desk.documents.pdf import PageImage, PdfInfo, inspect_pdf, pdf_text, render_page

__all__ = [
    "CDA_CONTENT_TYPE",
    "LAB_REPORT_LOINC",
    "RADIOLOGY_REPORT_LOINC",
    "Block",
    "CdaDocument",
    "CdaHeader",
    "LabResult",
    "ListBlock",
    "MediaBlock",
    "PageImage",
    "Paragraph",
    "PdfInfo",
    "Section",
    "TableBlock",
    "inspect_pdf",
    "parse_cda",
    "pdf_text",
    "render_page",
]
