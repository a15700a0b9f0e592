"""The PSS as a readable, signed PDF: for the patient, for print, and for the FSE gateway.

:func:`render_pss_pdf` lays out a :class:`PssPrintout` with reportlab (A4,
Italian headings, a patient header, each section a table or a list, a footer
with author, version and date) and embeds the CDA as the attached file
``cda.xml`` (``application/xml``, ``/AFRelationship /Source``, listed in the
catalog's ``/AF``): the gateway's "mode ATTACHMENT". :func:`sign_pades` then
adds a PAdES baseline signature (SHA-256, ``ETSI.CAdES.detached``) with the
operator's certificate, as an incremental update covering the whole file.

The CDA is opaque bytes here: it is embedded as given, never parsed.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from xml.sax.saxutils import escape

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.embed import EmbeddedFileObject, FileSpec, embed_file
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from fse_desk.errors import InvalidRecord, SigningError
from fse_desk.security.certificates import OperatorCredentials

CDA_ATTACHMENT_NAME = "cda.xml"
SIGNATURE_FIELD = "FirmaMMG"
_INK = colors.HexColor("#1f2d3d")
_ACCENT = colors.HexColor("#0b5394")
_RULE = colors.HexColor("#b7c4d1")
_BAND = colors.HexColor("#eef3f8")


@dataclass(frozen=True, slots=True)
class PdfSection:
    """One PSS section: a table when ``header`` is given, else a bulleted list of ``rows``.

    An empty section prints ``empty_text`` (e.g. "Nessuna allergia nota").
    """

    title: str
    rows: tuple[tuple[str, ...], ...]
    header: tuple[str, ...] | None = None
    empty_text: str = "Nessun dato registrato."

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise InvalidRecord("a PDF section needs a title", field="title")
        if self.header is not None:
            for row in self.rows:
                if len(row) != len(self.header):
                    raise InvalidRecord(
                        f"section {self.title!r}: a row has {len(row)} cells, the header "
                        f"{len(self.header)}",
                        field="rows",
                    )


@dataclass(frozen=True, slots=True)
class PssPrintout:
    """What the patient reads: title, patient header lines, sections and who signed."""

    title: str
    patient_lines: tuple[tuple[str, str], ...]  # (label, value), e.g. ("Codice fiscale", "…")
    sections: tuple[PdfSection, ...]
    author: str
    organization: str
    version: int
    date: datetime
    patient_name: str = field(default="")
    # Where and how the patient reaches the practice, under its name: the postal address
    # ("Via Roma 1, 40038 Vergato (BO)"), then "Tel. … · E-mail …".
    address: str = ""
    contacts: str = ""
    signed: bool = True  # False: a copy printed from the FSE, which holds the signed one

    def __post_init__(self) -> None:
        if self.version < 1:
            raise InvalidRecord(f"version must be 1 or more, got {self.version}", field="version")


def render_pss_pdf(printout: PssPrintout, cda: bytes) -> bytes:
    """The unsigned PDF of ``printout`` with ``cda`` embedded as ``cda.xml``."""
    if not cda:
        raise SigningError("the CDA to embed is empty")
    # Laid out twice: the first pass counts the pages for the footer's "Pagina N di M".
    _, pages = _layout(printout, None)
    data, _ = _layout(printout, pages)
    return embed_cda(data, cda)


def _layout(printout: PssPrintout, total: int | None) -> tuple[bytes, int]:
    """The PDF without attachments, and its page count."""
    layout = io.BytesIO()
    doc = SimpleDocTemplate(
        layout,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=22 * mm,
        title=printout.title,
        author=printout.author,
        subject="Profilo Sanitario Sintetico",
        creator="FSE Desk",
        lang="it-IT",
    )
    footer = _footer(printout, total)
    doc.build(_story(printout), onFirstPage=footer, onLaterPages=footer)
    return layout.getvalue(), int(doc.page)


def embed_cda(pdf: bytes, cda: bytes) -> bytes:
    """``pdf`` with ``cda`` attached as ``cda.xml`` (application/xml, AFRelationship Source)."""
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        data = EmbeddedFileObject.from_file_data(writer, cda, mime_type="application/xml")
        embed_file(
            writer,
            FileSpec(
                file_spec_string=CDA_ATTACHMENT_NAME,
                file_name=CDA_ATTACHMENT_NAME,
                embedded_data=data,
                description="Documento CDA R2 (HL7 Italia) del PSS",
                af_relationship=generic.NameObject("/Source"),
            ),
        )
        out = io.BytesIO()
        writer.write(out)  # type: ignore[no-untyped-call]  # pyhanko leaves write() unannotated
    except (PdfError, ValueError) as exc:
        raise SigningError(f"cannot embed cda.xml in the PDF: {exc}") from exc
    return out.getvalue()


def sign_pades(
    pdf: bytes,
    credentials: OperatorCredentials,
    *,
    reason: str = "Profilo Sanitario Sintetico",
    location: str = "",
) -> bytes:
    """``pdf`` signed PAdES baseline (SHA-256) with ``credentials``, the chain embedded."""
    der = serialization.Encoding.DER
    cert = asn1_x509.Certificate.load(credentials.certificate.public_bytes(der))
    key = asn1_keys.PrivateKeyInfo.load(
        credentials.private_key.private_bytes(
            der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    chain = [asn1_x509.Certificate.load(c.public_bytes(der)) for c in credentials.chain]
    signer = signers.SimpleSigner(
        signing_cert=cert,
        signing_key=key,
        # pyhanko leaves from_certs() unannotated
        cert_registry=SimpleCertificateStore.from_certs(chain),  # type: ignore[no-untyped-call]
    )
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location or None,
        name=credentials.common_name,
    )
    try:
        # sign_pdf() has no return annotation; with no output stream given it returns a BytesIO
        out: io.BytesIO = signers.sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer
        )
    except (PdfError, ValueError) as exc:
        raise SigningError(f"cannot sign the PDF: {exc}") from exc
    return out.getvalue()


# -- layout ----------------------------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "pss-body",
        parent=base["BodyText"],
        fontName="Helvetica",
        fontSize=9.5,
        leading=12.5,
        textColor=_INK,
        alignment=TA_LEFT,
    )
    return {
        "title": ParagraphStyle(
            "pss-title",
            parent=base["Title"],
            fontName="Helvetica-Bold",
            fontSize=17,
            leading=21,
            textColor=_ACCENT,
            alignment=TA_LEFT,
            spaceAfter=2,
        ),
        "subtitle": ParagraphStyle("pss-sub", parent=body, fontSize=9, textColor=colors.grey),
        "h2": ParagraphStyle(
            "pss-h2",
            parent=base["Heading2"],
            fontName="Helvetica-Bold",
            fontSize=11.5,
            leading=14,
            textColor=_ACCENT,
            spaceBefore=9,
            spaceAfter=4,
        ),
        "body": body,
        "cell": ParagraphStyle("pss-cell", parent=body, fontSize=9, leading=11),
        "head": ParagraphStyle(
            "pss-head", parent=body, fontName="Helvetica-Bold", fontSize=9, leading=11
        ),
        "label": ParagraphStyle("pss-label", parent=body, fontSize=8.5, textColor=colors.grey),
        "value": ParagraphStyle("pss-value", parent=body, fontName="Helvetica-Bold"),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _story(printout: PssPrintout) -> list[Flowable]:
    st = _styles()
    story: list[Flowable] = [
        _p(printout.title, st["title"]),
        _p(
            f"{printout.organization} - versione {printout.version} del {printout.date:%d/%m/%Y}",
            st["subtitle"],
        ),
    ]
    story += [_p(line, st["subtitle"]) for line in (printout.address, printout.contacts) if line]
    story += [
        Spacer(1, 4 * mm),
        _patient_box(printout, st),
    ]
    for section in printout.sections:
        story.extend(_section(section, st))
    return story


def _patient_box(printout: PssPrintout, st: dict[str, ParagraphStyle]) -> Table:
    cells = [
        [_p(label, st["label"]), _p(value, st["value"])] for label, value in printout.patient_lines
    ]
    pairs = [
        cells[i] + (cells[i + 1] if i + 1 < len(cells) else ["", ""])
        for i in range(0, len(cells), 2)
    ]
    box = Table(
        [[_p("Assistito", st["h2"]), "", "", ""], *pairs],
        colWidths=[30 * mm, 57 * mm, 30 * mm, 57 * mm],
    )
    box.setStyle(
        TableStyle(
            [
                ("SPAN", (0, 0), (-1, 0)),
                ("BACKGROUND", (0, 0), (-1, -1), _BAND),
                ("BOX", (0, 0), (-1, -1), 0.6, _RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, 0), 0),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return box


def _section(section: PdfSection, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    heading = _p(section.title, st["h2"])
    if not section.rows:
        return [KeepTogether([heading, _p(section.empty_text, st["body"])])]
    if section.header is None:
        items = [
            ListItem(_p(" - ".join(c for c in row if c), st["body"]), leftIndent=10)
            for row in section.rows
        ]
        bullets = ListFlowable(
            items,  # type: ignore[arg-type]  # types-reportlab omits ListItem, which reportlab takes
            bulletType="bullet",
            start="\u2022",
            leftIndent=10,
            bulletFontSize=8,
        )
        return [KeepTogether([heading, bullets])]
    data = [[_p(h, st["head"]) for h in section.header]]
    data += [[_p(c, st["cell"]) for c in row] for row in section.rows]
    # The first column names the entry (the drug, the problem): it gets more room, so
    # the name the patient looks for is not broken over lines.
    weights = [1.6] + [1.0] * (len(section.header) - 1)
    table = Table(
        data,
        repeatRows=1,
        hAlign="LEFT",
        colWidths=[174 * mm * w / sum(weights) for w in weights],
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), _BAND),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, _ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, _RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    if len(section.rows) > 12:  # a long table may break across pages, its header repeated
        return [CondPageBreak(40 * mm), heading, table]
    return [KeepTogether([heading, table])]


def _footer(printout: PssPrintout, total: int | None) -> Callable[[Canvas, BaseDocTemplate], None]:
    text = (
        f"{printout.author} - {printout.organization} - versione {printout.version} - "
        f"{printout.date:%d/%m/%Y %H:%M}"
    )

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        width = A4[0]
        canvas.setStrokeColor(_RULE)
        canvas.line(18 * mm, 16 * mm, width - 18 * mm, 16 * mm)
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.grey)
        canvas.drawString(18 * mm, 12 * mm, text)
        page = f"Pagina {doc.page} di {total}" if total else f"Pagina {doc.page}"
        canvas.drawRightString(width - 18 * mm, 12 * mm, page)
        canvas.setFont("Helvetica-Bold", 7.5)
        canvas.setFillColor(_ACCENT)
        canvas.drawString(
            18 * mm,
            8 * mm,
            "Documento firmato digitalmente"
            if printout.signed
            else "Copia per l'assistito: il documento firmato digitalmente è nel "
            "Fascicolo Sanitario Elettronico",
        )
        canvas.restoreState()

    return draw
