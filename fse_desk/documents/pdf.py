"""PDF bodies: page count, embedded CDA (FSE 2.0 ``cda.xml`` attachment), text, page images.

``pypdf`` reads the embedded files, ``pypdfium2`` renders pages to plain RGBX
pixels (the UI wraps them in a QImage). PDFium is not thread-safe, so every
call into it holds one lock. Errors become :class:`MalformedDocument`.
"""

from __future__ import annotations

import io
import logging
import threading
from dataclasses import dataclass

import pypdf
import pypdfium2 as pdfium

from fse_desk.errors import DocumentTooLarge, MalformedDocument

MAX_PDF_BYTES = 64 * 1024 * 1024
EMBEDDED_CDA_NAMES = ("cda.xml", "CDA.xml")
_PDFIUM = threading.Lock()

logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings may quote document text


@dataclass(frozen=True, slots=True)
class PdfInfo:
    page_count: int
    embedded_cda: bytes | None


@dataclass(frozen=True, slots=True)
class PageImage:
    """One rendered page: ``width`` × ``height`` pixels, RGBX, ``stride`` bytes per row."""

    width: int
    height: int
    stride: int
    pixels: bytes


def _check_size(data: bytes) -> None:
    if len(data) > MAX_PDF_BYTES:
        raise DocumentTooLarge(
            f"the PDF is {len(data):,} bytes; the viewer accepts up to {MAX_PDF_BYTES:,}"
        )
    if not data.startswith(b"%PDF-"):
        raise MalformedDocument("the body does not start with %PDF-: it is not a PDF")


def inspect_pdf(data: bytes) -> PdfInfo:
    """Page count and the embedded CDA, if the PDF carries one."""
    _check_size(data)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = len(reader.pages)
        attachments = reader.attachments
        cda = next((attachments[n][0] for n in EMBEDDED_CDA_NAMES if attachments.get(n)), None)
    except Exception as exc:  # pypdf raises many unrelated types on broken files
        raise MalformedDocument(f"the PDF cannot be read: {type(exc).__name__}: {exc}") from exc
    return PdfInfo(pages, cda)


def render_page(data: bytes, index: int, *, dpi: float = 110.0) -> PageImage:
    """Render page ``index`` (0-based) on white."""
    _check_size(data)
    with _PDFIUM:
        try:
            pdf = pdfium.PdfDocument(data)
            try:
                if not 0 <= index < len(pdf):
                    raise MalformedDocument(f"the PDF has {len(pdf)} pages, no page {index + 1}")
                page = pdf[index]
                bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
                image = PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
                page.close()
            finally:
                pdf.close()
        except pdfium.PdfiumError as exc:
            raise MalformedDocument(f"the PDF cannot be rendered: {exc}") from exc
    return image


def pdf_text(data: bytes, max_pages: int = 50) -> str:
    """The text layer of the first pages, for the full-text index."""
    _check_size(data)
    parts: list[str] = []
    with _PDFIUM:
        try:
            pdf = pdfium.PdfDocument(data)
            try:
                for i in range(min(len(pdf), max_pages)):
                    page = pdf[i]
                    text_page = page.get_textpage()
                    parts.append(text_page.get_text_range())
                    text_page.close()
                    page.close()
            finally:
                pdf.close()
        except pdfium.PdfiumError as exc:
            raise MalformedDocument(f"the PDF text cannot be read: {exc}") from exc
    return "\n".join(parts)
