"""The purpose of use the operator declares: treatment by default, others their role allows.

The choice goes to the core (:meth:`Workstation.set_purpose`), which records it with
every audited access and puts it in the gateway JWT of what is published; the list
holds only the purposes :func:`fse_desk.security.permissions.purposes_for` allows.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QMessageBox, QWidget

from fse_desk.domain.timeline import Purpose
from fse_desk.errors import PermissionDenied
from fse_desk.workstation import Workstation
from fse_desk_ui.formatting import sentence_case
from fse_desk_ui.messages import purpose_name, user_message


class PurposeSelector(QComboBox):
    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self.setObjectName("purposeSelector")
        for purpose in workstation.purposes:
            self.addItem(sentence_case(purpose_name(purpose)), purpose)
        self.setCurrentIndex(self.findData(workstation.purpose))
        self.setEnabled(self.count() > 1)  # shown even when fixed: the user sees why
        self.setToolTip(
            self.tr(
                "Why you are consulting the FSE: recorded with every access and sent to the "
                "region with what you publish."
            )
        )
        self.currentIndexChanged.connect(self._on_chosen)

    def choose(self, purpose: Purpose) -> None:
        """Select ``purpose`` as the user would (it must be in the list)."""
        index = self.findData(purpose)
        if index < 0:
            raise ValueError(f"purpose {purpose.value} is not offered to this role")
        self.setCurrentIndex(index)

    def _on_chosen(self, index: int) -> None:
        purpose = self.itemData(index)
        try:
            self._workstation.set_purpose(purpose)
        except PermissionDenied as exc:  # the list offers only what the role allows
            QMessageBox.warning(self, self.tr("Purpose of use"), user_message(exc))
            self.blockSignals(True)
            self.setCurrentIndex(self.findData(self._workstation.purpose))
            self.blockSignals(False)
