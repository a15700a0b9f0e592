""" "Stampa…": the shown PSS version on paper, through Qt's print dialog.

What is printed is the patient's copy (the same pages as "Salva PDF"), each page
rendered and fitted to the printer's page, so the paper and the PDF never differ.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget

from fse_desk.documents import inspect_pdf, render_page
from fse_desk.errors import FseDeskError
from fse_desk.pss.printout import patient_copy
from fse_desk_ui.messages import user_message
from fse_desk_ui.pss.pss_button import PssButton

PRINT_DPI = 200.0


class PrintButton(PssButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("Print…"))
        self.setToolTip(self.tr("Print this version for the patient"))

    def print_to(self, printer: QPrinter) -> int:
        """Print the patient's copy on ``printer``; the number of pages printed."""
        assert self.pss is not None
        data = patient_copy(self.pss)
        pages = inspect_pdf(data).page_count
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("the printer could not be opened")
        try:
            for index in range(pages):
                if index:
                    printer.newPage()
                image = render_page(data, index, dpi=PRINT_DPI)
                qimage = QImage(
                    image.pixels,
                    image.width,
                    image.height,
                    image.stride,
                    QImage.Format.Format_RGBX8888,
                )
                area = painter.viewport()
                size = qimage.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(area.topLeft(), size), qimage)
        finally:
            painter.end()
        return pages

    def _ask(self) -> None:
        if self.pss is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the PSS"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        try:
            self.print_to(printer)
        except (OSError, FseDeskError) as exc:
            text = user_message(exc) if isinstance(exc, FseDeskError) else str(exc)
            QMessageBox.warning(self, self.tr("Not printed"), text)
