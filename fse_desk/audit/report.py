"""The patient's right to know: a printable PDF of who accessed their data, when and why.

The front desk prints it on request (``AccessControl.access_report``). It is a
document for the patient, so it is written in Italian here, like the PSS print.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from fse_desk.domain.identifiers import ROME
from fse_desk.domain.patient import Patient
from fse_desk.domain.timeline import AccessAction, AccessRecord, Outcome, Purpose

_ACTIONS = {
    AccessAction.VIEW_TIMELINE: "Consultazione dell'elenco dei documenti",
    AccessAction.OPEN_DOCUMENT: "Lettura di un documento",
    AccessAction.VIEW_LAB_TREND: "Andamento di un esame di laboratorio",
    AccessAction.PREFETCH: "Scaricamento dei documenti per uso offline",
    AccessAction.VIEW_STUDIES: "Consultazione degli studi di immagini",
    AccessAction.VIEW_IMAGE_REPORT: "Lettura dei referti di radiologia",
    AccessAction.EXPORT_IMAGES: "Esportazione anonimizzata di immagini",
    AccessAction.PSS_SUGGESTIONS: "Aggiornamento del Profilo Sanitario Sintetico",
    AccessAction.RECORD_VITALS: "Registrazione di parametri vitali",
    AccessAction.VIEW_VITALS: "Consultazione dei parametri vitali",
    AccessAction.DISCARD_OUTBOX: "Annullamento di una modifica non inviata",
    AccessAction.VIEW_TELEMONITORING: "Consultazione del telemonitoraggio",
    AccessAction.HANDLE_ALARM: "Gestione di un allarme di telemonitoraggio",
    AccessAction.VIEW_AGENDA: "Consultazione dell'agenda",
    AccessAction.BOOK: "Prenotazione di una televisita",
    AccessAction.PRINT_ACCESS_REPORT: "Stampa di questo resoconto",
}
_PURPOSES = {
    Purpose.TREATMENT: "Cura",
    Purpose.EMERGENCY: "Emergenza",
    Purpose.PUBLIC_HEALTH: "Sanità pubblica",
    Purpose.SYSADMIN: "Amministrativa",
}
_ROLES = {
    "MMG": "Medico di medicina generale",
    "PLS": "Pediatra di libera scelta",
    "SPECIALISTA": "Specialista",
    "INFERMIERE": "Infermiere",
    "ASSISTENTE_SOCIALE": "Assistente sociale",
    "AMMINISTRATIVO": "Personale amministrativo",
}
_HEADER = ("Data e ora", "Operatore", "Ruolo", "Finalità", "Attività", "Esito")


def _row(record: AccessRecord) -> tuple[str, ...]:
    return (
        record.at.astimezone(ROME).strftime("%d/%m/%Y %H:%M"),
        record.user_name,
        _ROLES.get(record.role, record.role),
        _PURPOSES[record.purpose],
        _ACTIONS[record.action],
        "Eseguita" if record.outcome is Outcome.SUCCESS else "Negata",
    )


def access_report_pdf(
    patient: Patient, records: Sequence[AccessRecord], printed_at: datetime
) -> bytes:
    """The report as PDF bytes (A4), oldest access first."""
    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontSize=8, leading=10)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        title="Resoconto degli accessi al Fascicolo Sanitario Elettronico",
    )
    name = escape(f"{patient.family_name} {patient.given_name}")
    story = [
        Paragraph("Resoconto degli accessi ai dati sanitari", styles["Title"]),
        Paragraph(
            f"Assistito: <b>{name}</b> — codice fiscale {escape(patient.codice_fiscale)}",
            styles["Normal"],
        ),
        Paragraph(
            f"Stampato il {printed_at.astimezone(ROME).strftime('%d/%m/%Y alle %H:%M')}. "
            "Elenca ogni accesso ai suoi dati fatto da questa postazione: chi, quando, "
            "con quale ruolo e per quale finalità.",
            styles["Normal"],
        ),
        Spacer(1, 6 * mm),
    ]
    if not records:
        story.append(Paragraph("Nessun accesso registrato.", styles["Normal"]))
    else:
        rows = [[Paragraph(escape(v), cell) for v in _row(r)] for r in records]
        table = Table(
            [[Paragraph(f"<b>{h}</b>", cell) for h in _HEADER], *rows],
            colWidths=[26 * mm, 38 * mm, 30 * mm, 20 * mm, 50 * mm, 16 * mm],
            repeatRows=1,
        )
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef3f8")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
    doc.build(story)
    return out.getvalue()
