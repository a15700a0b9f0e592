"""The checks of the draft (validate_pss, or the problems a publication refused),
one sentence each; activating one takes the doctor to the field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QStyle, QVBoxLayout, QWidget

from fse_desk.pss.model import Pss
from fse_desk.pss.validator import CheckIssue
from fse_desk_ui.pss.editor.problem_texts import ProblemTexts

PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1


class ValidationPanel(QWidget):
    problem_activated = Signal(object)  # the CheckIssue

    def __init__(self, texts: ProblemTexts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts = texts
        self.summary = QLabel()
        self.summary.setObjectName("pssChecksSummary")
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("pssChecks")
        self.list.setWordWrap(True)
        self._icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self._refused_for: list[CheckIssue] = []
        self.list.itemClicked.connect(self._on_item)
        self.list.itemActivated.connect(self._on_item)

    def show_problems(self, problems: list[CheckIssue], draft: Pss, refused: bool = False) -> None:
        """List ``problems``; ``refused``: they are why the publication was refused."""
        # A live check that lands after a refused publication, finding the same points,
        # must not hide why the PSS was not sent.
        if not refused and problems and problems == self._refused_for:
            refused = True
        self._refused_for = list(problems) if refused else []
        self.list.clear()
        listed: set[str] = set()
        for problem in problems:
            # The clinical and the structural checks may say the same thing: once is enough.
            text = self._texts.message(problem, draft)
            if text in listed:
                continue
            listed.add(text)
            item = QListWidgetItem(self._icon, text)
            item.setData(PROBLEM_ROLE, problem)
            self.list.addItem(item)
        if refused:
            self.summary.setText(
                self.tr("The PSS was not sent: correct these points and publish again.")
            )
        elif problems:
            self.summary.setText(
                self.tr("%n point(s) to correct before publishing.", "", self.list.count())
            )
        else:
            self.summary.setText(self.tr("No problems found: the PSS can be published."))
        self.summary.setProperty("refused", refused)

    def messages(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _on_item(self, item: QListWidgetItem) -> None:
        problem = item.data(PROBLEM_ROLE)
        if isinstance(problem, CheckIssue):
            self.problem_activated.emit(problem)
