"""The pieces the settings dialog and the first-run wizard share: a file chooser, a
certificate's holder and end date with its warning, and a form that binds each widget to
its configuration key and shows the schema's sentence under the field it is about."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fse_desk.errors import CertificateError, ConfigError, WrongCertificatePassphrase
from fse_desk.security.certificate_info import Validity, describe_certificate
from fse_desk_ui.formatting import format_date

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #a15c00;"
CERTIFICATE_FILES = "Certificates (*.pem *.crt *.cer *.der);;All files (*)"


class FileField(QWidget):
    """A path typed or chosen with "Browse…"."""

    changed = Signal()

    def __init__(self, file_filter: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filter = file_filter
        self.edit = QLineEdit()
        self.edit.editingFinished.connect(self.changed)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(browse)

    def path(self) -> str:
        return self.edit.text().strip()

    def set_path(self, path: str) -> None:
        self.edit.setText(path)
        self.changed.emit()

    def _choose(self) -> None:
        start = str(Path(self.path()).expanduser().parent) if self.path() else str(Path.home())
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a file"), start, self._filter)
        if chosen:
            self.set_path(chosen)


class CertificateSummary(QLabel):
    """Whose certificate a file holds, until when, and a warning 30 days before the end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)

    def show_file(self, path: str, passphrase: str | None = None) -> None:
        self.setStyleSheet("")
        self.setVisible(bool(path))
        if not path:
            self.clear()
            return
        try:
            info = describe_certificate(Path(path), passphrase)
        except WrongCertificatePassphrase:
            self.setText(self.tr("Enter the passphrase to see whose certificate this is."))
            return
        except CertificateError:
            self.setStyleSheet(ERROR_STYLE)
            self.setText(
                self.tr("This file holds no readable certificate: choose the certificate file.")
            )
            return
        text = self.tr("Holder: {subject} — issued by {issuer} — valid until {end}").format(
            subject=info.subject, issuer=info.issuer, end=format_date(info.not_after.date())
        )
        warning = {
            Validity.EXPIRING: self.tr(
                "It expires in {days} days: ask the certification authority for a new one now."
            ),
            Validity.EXPIRED: self.tr(
                "It has expired: the region will refuse it. Ask for a new one."
            ),
            Validity.NOT_YET_VALID: self.tr(
                "It is not valid yet: check this computer's date and time."
            ),
        }.get(info.validity)
        if warning is not None:
            text += "\n" + warning.format(days=max(info.days_left, 0))
            style = WARNING_STYLE if info.validity is Validity.EXPIRING else ERROR_STYLE
            self.setStyleSheet(style)
        self.setText(text)


def field_cell(*widgets: QWidget | None) -> QWidget:
    """One form cell stacking a field and the lines about it: hidden ones take no room."""
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    for widget in widgets:
        if widget is not None:
            column.addWidget(widget)
    return cell


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


@dataclass(slots=True)
class _Binding:
    read: Callable[[], Any]  # None: the key is left out of the file
    write: Callable[[Any], None]
    error: QLabel
    page: QWidget


class SettingsForm:
    """Widgets bound to configuration keys (``section.key``), read from and written into the
    tables of the file; a :class:`ConfigError` is shown under the field of its ``key``."""

    def __init__(self) -> None:
        self._bindings: dict[str, _Binding] = {}

    def add_row(
        self,
        layout: QFormLayout,
        label: str,
        key: str,
        widget: QWidget,
        read: Callable[[], Any],
        write: Callable[[Any], None],
        below: QWidget | None = None,
    ) -> QLabel:
        """Add ``widget`` for ``key`` (``below`` it, e.g. a certificate's summary) with an
        error line under them; return the error label."""
        error = error_label()
        layout.addRow(label, field_cell(widget, below, error))
        self._bindings[key] = _Binding(read, write, error, layout.parentWidget() or widget)
        return error

    def text_row(self, layout: QFormLayout, label: str, key: str, edit: QLineEdit) -> None:
        self.add_row(
            layout,
            label,
            key,
            edit,
            lambda: edit.text().strip() or None,
            lambda value: edit.setText("" if value is None else str(value)),
        )

    def file_row(
        self,
        layout: QFormLayout,
        label: str,
        key: str,
        field: FileField,
        below: QWidget | None = None,
    ) -> None:
        self.add_row(
            layout,
            label,
            key,
            field,
            lambda: field.path() or None,
            lambda value: field.set_path("" if value is None else str(value)),
            below,
        )

    def number_row(
        self, layout: QFormLayout, label: str, key: str, spin: QSpinBox, *, when: Callable[[], bool]
    ) -> None:
        """A whole number, written only ``when`` it applies."""
        self.add_row(
            layout,
            label,
            key,
            spin,
            lambda: spin.value() if when() else None,
            lambda value: spin.setValue(int(value)) if value is not None else None,
        )

    def choice_row(self, layout: QFormLayout, label: str, key: str, combo: QComboBox) -> None:
        """A combo box whose item data are the values written."""

        def write(value: Any) -> None:
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)

        self.add_row(layout, label, key, combo, lambda: combo.currentData(), write)

    def load(self, raw: dict[str, Any]) -> None:
        for key, binding in self._bindings.items():
            section, name = key.split(".", 1)
            binding.write(raw.get(section, {}).get(name))

    def collect(self, raw: dict[str, Any]) -> dict[str, Any]:
        """A copy of ``raw`` with the bound keys as the widgets say (keys no widget shows,
        such as ``[user] display_name``, are kept as they were)."""
        out = {k: dict(v) if isinstance(v, dict) else v for k, v in raw.items()}
        for key, binding in self._bindings.items():
            section, name = key.split(".", 1)
            value = binding.read()
            table = out.setdefault(section, {})
            if value is None:
                table.pop(name, None)
            else:
                table[name] = value
        return out

    def clear_errors(self) -> None:
        for binding in self._bindings.values():
            binding.error.clear()
            binding.error.hide()

    def show_error(self, error: ConfigError) -> QWidget | None:
        """Show the sentence under its field; return the page holding it (None: no field)."""
        return self.set_error(error.key or "", str(error))

    def set_error(self, key: str, text: str) -> QWidget | None:
        """A sentence of the form's own (a passphrase that does not open its certificate)."""
        binding = self._bindings.get(key)
        if binding is None:
            return None
        binding.error.setText(text)
        binding.error.show()
        return binding.page
