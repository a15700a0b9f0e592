"""One-page PDF documents (letters, promemoria, certificates) with reportlab.

Kept fast and deterministic: the built-in Helvetica (no font embedding), no page
compression, ``invariant=1`` so the bytes do not carry the wall-clock time.
About 1 ms per page.
"""

from __future__ import annotations

import io
import textwrap

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from fse_desk_sandbox.region.clock import it_date
from fse_desk_sandbox.region.model import Bullets, Doc, Paragraph, Section
from fse_desk_sandbox.region.people import Person

_LEFT = 56
_TOP = 800
_BOTTOM = 60
_WRAP = 95


def _section_lines(section: Section) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = [("h", section.title)]
    for block in section.blocks:
        if isinstance(block, Paragraph):
            out += [("p", line) for line in textwrap.wrap(block.text, _WRAP)]
        elif isinstance(block, Bullets):
            for item in block.items:
                wrapped = textwrap.wrap(item, _WRAP - 4)
                out += [("p", ("• " if i == 0 else "   ") + w) for i, w in enumerate(wrapped)]
        else:
            out.append(("b", "  |  ".join(block.header)))
            out += [("p", "  |  ".join(row)) for row in block.rows]
    for sub in section.subsections:
        out += _section_lines(sub)
    return out


def _lines(doc: Doc) -> list[tuple[str, str]]:
    """(font style, text) lines of the body, wrapped to the page width."""
    out: list[tuple[str, str]] = []
    for section in doc.sections:
        out += [*_section_lines(section), ("p", "")]
    return out


def render(doc: Doc, person: Person, doc_id: str) -> bytes:
    """The document as a one-page PDF; text drawn through one text object (fast)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=0, invariant=1)
    pdf.setTitle(doc.description)
    pdf.setAuthor(doc.author.display if doc.author else person.full_name)
    text = pdf.beginText(_LEFT, _TOP)
    born = f"nato/a il {it_date(person.birth_date)} a {person.birthplace.city}"
    head: list[tuple[str, int, str, int]] = [
        ("Helvetica-Bold", 9, "SERVIZIO SANITARIO REGIONALE - EMILIA-ROMAGNA", 12),
        ("Helvetica", 9, doc.heading or doc.custodian.name, 26),
        ("Helvetica-Bold", 13, doc.description[:80], 20),
        ("Helvetica", 10, f"Assistito: {person.family.upper()} {person.given} - {born}", 13),
        (
            "Helvetica",
            10,
            f"Codice fiscale: {person.cf}   Residenza: {person.street},"
            f" {person.postal_code} {person.city} (BO)",
            22,
        ),
    ]
    y = _TOP
    for font, size, line, advance in head:
        text.setFont(font, size)
        text.setLeading(advance)
        text.textLine(line)
        y -= advance
    fonts = {"h": ("Helvetica-Bold", 11), "b": ("Helvetica-Bold", 9), "p": ("Helvetica", 10)}
    current = ""
    for style, line in _lines(doc):
        if y < _BOTTOM + 40:
            break
        if style != current:
            name, size = fonts[style]
            text.setFont(name, size)
            text.setLeading(size + 4)
            current = style
        text.textLine(line)
        y -= fonts[style][1] + 4
    pdf.drawText(text)
    pdf.setFont("Helvetica", 8)
    signer = doc.author.display if doc.author else "documento caricato dall'assistito"
    pdf.drawString(
        _LEFT, _BOTTOM, f"{doc.custodian.city}, {it_date(doc.signed_time.date())} - {signer}"
    )
    pdf.drawString(_LEFT, _BOTTOM - 11, f"Identificativo documento: {doc_id}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
