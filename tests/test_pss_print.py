"""*Stampa*: the PSS goes to the printer as the patient's copy, every page of it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from fse_desk.documents import inspect_pdf
from fse_desk.pss.printout import patient_copy
from fse_desk_ui.pss.print_button import PrintButton
from tests.test_pss_support import minimal_pss


def test_printing_sends_every_page_of_the_patient_copy(qtbot: QtBot, tmp_path: Path) -> None:
    button = PrintButton()
    qtbot.addWidget(button)
    assert not button.isEnabled()  # nothing shown, nothing to print
    pss = minimal_pss()
    button.show_pss(pss)
    assert button.isEnabled()
    # A printer that writes a PDF file stands in for paper: what it got is read back.
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    printed = button.print_to(printer)
    expected = inspect_pdf(patient_copy(pss)).page_count
    assert printed == expected
    assert inspect_pdf(out.read_bytes()).page_count == expected
