"""A printable invitation letter (PDF) for patients without e-mail."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from fse_desk.domain.rome_clock import ROME
from fse_desk.domain.scheduling import Appointment
from fse_desk.scheduling.invitations import visit_label


def invitation_letter(
    appointment: Appointment, *, practice: str, room_link: str = "", phone: str = ""
) -> bytes:
    """The letter handed or posted to the patient: when, with whom, how to connect."""
    patient = appointment.patient
    start = appointment.start.astimezone(ROME)
    end = appointment.end.astimezone(ROME)
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    with_whom = ", ".join(p.display for p in appointment.professionals)
    story = [
        Paragraph(escape(practice), styles["Title"]),
        Paragraph(escape(f"Gentile {patient.display if patient else 'assistito/a'},"), body),
        Spacer(1, 0.3 * cm),
        Paragraph(
            escape(
                f"le confermiamo l'appuntamento: {visit_label(appointment).lower()} con "
                f"{with_whom}, il giorno {start:%d/%m/%Y} dalle ore {start:%H:%M} "
                f"alle ore {end:%H:%M} (ora italiana)."
            ),
            body,
        ),
    ]
    if appointment.cup_code:
        story.append(Paragraph(escape(f"Codice di prenotazione CUP: {appointment.cup_code}"), body))
    if room_link:
        story += [
            Spacer(1, 0.3 * cm),
            Paragraph(
                "Pochi minuti prima dell'orario apra questo indirizzo nel browser di un "
                "computer, tablet o telefono con microfono e videocamera:",
                body,
            ),
            Paragraph(f"<b>{escape(room_link)}</b>", body),
            Paragraph(
                "Se il collegamento non riesce, la visita si terrà in ambulatorio: ci chiami.",
                body,
            ),
        ]
    if phone:
        story.append(Paragraph(escape(f"Per spostare o disdire chiami il {phone}."), body))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{visit_label(appointment)} del {start:%d/%m/%Y}",
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
    )
    document.build(story)
    return buffer.getvalue()
