"""Every QLabel shows plain text unless it says otherwise.

A QLabel's default ``Qt.AutoText`` renders anything that looks like HTML, so a
document title from the FSE holding ``<img src=…>`` would load a local file.
An application-wide event filter switches each label to ``Qt.PlainText`` when
it is first polished (before it is shown); the few labels that build their own
markup from escaped values set the ``rich_text`` property to ``True``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel

RICH_TEXT = "rich_text"


def rich_label(label: QLabel) -> QLabel:
    """Mark ``label`` as showing markup the program built (every value escaped)."""
    label.setProperty(RICH_TEXT, True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


class _PlainLabels(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Polish
            and isinstance(watched, QLabel)
            and not watched.property(RICH_TEXT)
        ):
            watched.setTextFormat(Qt.TextFormat.PlainText)
        return False


def install_plain_labels(app: QApplication) -> None:
    """Install the policy once on ``app`` (kept alive as the application's child)."""
    if app.findChild(_PlainLabels) is None:
        app.installEventFilter(_PlainLabels(app))
