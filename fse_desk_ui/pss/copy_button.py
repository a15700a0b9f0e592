""" "Salva PDF per l'assistito": the shown PSS version as a PDF to hand over or print.

The copy is not signed (the signed document is the one in the FSE) and says so on
every page; it carries the CDA as ``cda.xml`` like the published one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from fse_desk.errors import FseDeskError
from fse_desk.pss.printout import patient_copy
from fse_desk_ui.messages import user_message
from fse_desk_ui.pss.pss_button import PssButton


class PatientCopyButton(PssButton):
    saved = Signal(object)  # the Path written

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("Save PDF for the patient…"))
        self.setToolTip(self.tr("A copy of this version to print or give to the patient"))

    def suggested_name(self) -> str:
        assert self.pss is not None
        p = self.pss
        return f"PSS {p.patient.family} {p.patient.given} v{p.version}.pdf".replace("/", "-")

    def save_to(self, path: Path) -> None:
        """Write the copy to ``path``; raises OSError or FseDeskError (shown by the caller)."""
        assert self.pss is not None
        path.write_bytes(patient_copy(self.pss))
        self.saved.emit(path)

    def _ask(self) -> None:
        if self.pss is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the PSS as PDF"),
            str(Path.home() / self.suggested_name()),
            self.tr("PDF documents (*.pdf)"),
        )
        if not name:
            return
        try:
            self.save_to(Path(name))
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("PDF not saved"),
                self.tr("The file could not be written ({reason}): choose another folder.").format(
                    reason=exc.strerror or exc
                ),
            )
        except FseDeskError as exc:
            QMessageBox.warning(self, self.tr("PDF not saved"), user_message(exc))
