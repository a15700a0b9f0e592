"""Translated names and colours of the FSE document classes, and class icons."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from fse_desk.domain.document import DocumentClass

_COLOURS = {
    DocumentClass.SUM: "#6a1b9a",
    DocumentClass.REF: "#1565c0",
    DocumentClass.LDO: "#ad1457",
    DocumentClass.VRB: "#c62828",
    DocumentClass.PRS: "#2e7d32",
    DocumentClass.PRE: "#558b2f",
    DocumentClass.VAC: "#00838f",
    DocumentClass.ESE: "#6d4c41",
    DocumentClass.PDC: "#4527a0",
    DocumentClass.LET: "#ef6c00",
    DocumentClass.PRO: "#5d4037",
    DocumentClass.TAC: "#757575",
    DocumentClass.CNT: "#f9a825",
}


def class_name(doc_class: DocumentClass) -> str:
    names = {
        DocumentClass.SUM: QCoreApplication.translate("timeline", "Patient summaries (PSS)"),
        DocumentClass.REF: QCoreApplication.translate("timeline", "Reports"),
        DocumentClass.LDO: QCoreApplication.translate("timeline", "Discharge letters"),
        DocumentClass.VRB: QCoreApplication.translate("timeline", "Emergency department reports"),
        DocumentClass.PRS: QCoreApplication.translate("timeline", "Prescriptions"),
        DocumentClass.PRE: QCoreApplication.translate("timeline", "Dispensed services"),
        DocumentClass.VAC: QCoreApplication.translate("timeline", "Vaccinations"),
        DocumentClass.ESE: QCoreApplication.translate("timeline", "Exemptions"),
        DocumentClass.PDC: QCoreApplication.translate("timeline", "Care plans"),
        DocumentClass.LET: QCoreApplication.translate("timeline", "Screening invitations"),
        DocumentClass.PRO: QCoreApplication.translate("timeline", "Bookings"),
        DocumentClass.TAC: QCoreApplication.translate("timeline", "Patient notebook (taccuino)"),
        DocumentClass.CNT: QCoreApplication.translate("timeline", "Paediatric check-ups"),
    }
    return names[doc_class]


def class_colour(doc_class: DocumentClass) -> QColor:
    return QColor(_COLOURS[doc_class])


@cache
def class_icon(doc_class: DocumentClass) -> QIcon:
    """A rounded badge with the class code (SUM, REF …) in the class colour."""
    size = 32
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(class_colour(doc_class))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(1, 4, size - 2, size - 8), 6, 6)
    font = QFont()
    font.setPixelSize(11)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, doc_class.value)
    painter.end()
    return QIcon(pixmap)


@cache
def new_marker() -> QIcon:
    """A blue dot: arrived since the user last reviewed the patient."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#1e88e5"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(2, 2, 8, 8))
    painter.end()
    return QIcon(pixmap)


@cache
def blank_marker() -> QIcon:
    """Keeps dates aligned on rows without the new marker."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)
