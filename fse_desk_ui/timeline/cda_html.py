"""A parsed CDA as a plain, safe HTML page for QTextBrowser.

Only text from the model goes in, every piece escaped; no link, script or style sheet
reference is ever emitted, so nothing can be fetched or run. The images a
``<renderMultiMedia>`` shows are the document's own bytes: the page names them
``cda-media:N`` and the viewer serves them from memory (:func:`media_resources`); one
the document does not hold is a text placeholder.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QCoreApplication

from fse_desk.documents import CdaDocument, ListBlock, MediaBlock, Paragraph, TableBlock
from fse_desk_ui.formatting import ROME, format_date

_STYLE = (
    "body { font-family: sans-serif; color: #1a1a1a; }"
    "h2 { color: #12324a; margin-bottom: 2px; }"
    "h3 { color: #1d3b53; margin-top: 14px; margin-bottom: 4px; }"
    "h4, h5, h6 { color: #1d3b53; margin-top: 8px; margin-bottom: 2px; margin-left: 12px; }"
    "table.head td { padding: 1px 10px 1px 0; }"
    "td.k { color: #555; }"
    "table.grid { border-collapse: collapse; }"
    "table.grid th { background: #eef2f6; text-align: left; padding: 3px 8px; }"
    "table.grid td { padding: 3px 8px; border-bottom: 1px solid #e3e7eb; }"
)
_SEX = {"M": "M", "F": "F"}


def _when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(ROME)
    if (local.hour, local.minute) == (0, 0):
        return format_date(local.date())
    return local.strftime("%d/%m/%Y %H:%M")


MEDIA_SCHEME = "cda-media"


def _images(doc: CdaDocument) -> list[MediaBlock]:
    return [
        b
        for section in doc.sections
        for b in section.blocks
        if isinstance(b, MediaBlock) and b.data is not None
    ]


def media_resources(doc: CdaDocument) -> dict[str, bytes]:
    """The images of ``doc`` under the names :func:`cda_to_html` gives them."""
    return {f"{MEDIA_SCHEME}:{i}": b.data for i, b in enumerate(_images(doc)) if b.data}


def _media(block: MediaBlock, index: int | None) -> str:
    caption = f"<br/><i>{escape(block.caption)}</i>" if block.caption else ""
    if index is not None:
        return f'<p><img src="{MEDIA_SCHEME}:{index}"/>{caption}</p>'
    missing = QCoreApplication.translate(
        "cda", "[Image not available in the document: {name}]"
    ).format(name=block.caption or block.reference or "?")
    return f"<p><i>{escape(missing)}</i></p>"


def cda_to_html(doc: CdaDocument) -> str:
    h = doc.header
    born = format_date(h.patient_birth) if h.patient_birth else ""
    patient = h.patient_name
    if born:
        patient += " — " + QCoreApplication.translate("cda", "born {date}").format(date=born)
    signed = h.legal_authenticator
    if signed and h.legal_time:
        signed += " — " + _when(h.legal_time)
    confidentiality = {
        "N": QCoreApplication.translate("cda", "normal"),
        "R": QCoreApplication.translate("cda", "restricted"),
        "V": QCoreApplication.translate("cda", "very restricted"),
    }
    rows = [
        (QCoreApplication.translate("cda", "Patient"), patient),
        (QCoreApplication.translate("cda", "Codice fiscale"), h.patient_cf),
        (QCoreApplication.translate("cda", "Document type"), h.type_name or h.type_code),
        (QCoreApplication.translate("cda", "Date"), _when(h.effective_time)),
        (QCoreApplication.translate("cda", "Author"), h.author),
        (QCoreApplication.translate("cda", "Custodian"), h.custodian),
        (QCoreApplication.translate("cda", "Legal authenticator"), signed),
        (QCoreApplication.translate("cda", "Version"), h.version),
        (
            QCoreApplication.translate("cda", "Confidentiality"),
            confidentiality.get(h.confidentiality, h.confidentiality),
        ),
    ]
    out = [f"<html><head><style>{_STYLE}</style></head><body>"]
    out.append(f"<h2>{escape(h.title or h.type_name)}</h2>")
    out.append('<table class="head">')
    for key, value in rows:
        if value:
            out.append(f'<tr><td class="k">{escape(key)}</td><td>{escape(value)}</td></tr>')
    out.append("</table><hr/>")
    images = {id(b): i for i, b in enumerate(_images(doc))}
    for section in doc.sections:
        level = min(3 + section.depth, 6)  # a nested section reads as part of its parent
        out.append(f"<h{level}>{escape(section.title)}</h{level}>")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append(f"<p>{escape(block.text)}</p>")
            elif isinstance(block, ListBlock):
                out.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul>")
            elif isinstance(block, TableBlock):
                out.append(_table(block))
            elif isinstance(block, MediaBlock):
                out.append(_media(block, images.get(id(block))))
    if not doc.sections:
        empty = QCoreApplication.translate("cda", "The document has no sections.")
        out.append(f"<p><i>{escape(empty)}</i></p>")
    out.append("</body></html>")
    return "".join(out)


def _table(block: TableBlock) -> str:
    parts = ['<table class="grid" cellspacing="0">']
    if block.header:
        parts.append("<tr>" + "".join(f"<th>{escape(c)}</th>" for c in block.header) + "</tr>")
    for row in block.rows:
        parts.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
    parts.append("</table>")
    return "".join(parts)
