"""A button that acts on the PSS version shown (save a copy, print): enabled while there is one."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from fse_desk.pss.model import Pss


class PssButton(QPushButton):
    """Holds the shown version; a click calls :meth:`_ask` (each button's own dialog)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pss: Pss | None = None
        self.clicked.connect(self._ask)
        self.show_pss(None)

    def show_pss(self, pss: Pss | None) -> None:
        self.pss = pss
        self.setEnabled(pss is not None)

    def _ask(self) -> None:
        raise NotImplementedError
