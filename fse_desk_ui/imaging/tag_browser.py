"""The DICOM tags of the current image, as a tree (sequences open into their items)."""

from __future__ import annotations

from pydicom.dataset import Dataset
from PySide6.QtWidgets import QDialog, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

_MAX_VALUE = 120


class TagBrowser(QDialog):
    def __init__(self, dataset: Dataset, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("DICOM tags"))
        self.resize(820, 620)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [self.tr("Tag"), self.tr("Name"), self.tr("VR"), self.tr("Value")]
        )
        meta = getattr(dataset, "file_meta", None)
        if meta is not None:
            _fill(self.tree.invisibleRootItem(), meta)
        _fill(self.tree.invisibleRootItem(), dataset)
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(1, 260)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)


def _fill(parent: QTreeWidgetItem, dataset: Dataset) -> None:
    for element in dataset:
        tag = f"({element.tag.group:04X},{element.tag.element:04X})"
        if element.VR == "SQ":
            node = QTreeWidgetItem(
                parent, [tag, element.name, "SQ", f"{len(element.value)} item(s)"]
            )
            for number, item in enumerate(element.value, start=1):
                child = QTreeWidgetItem(node, ["", f"#{number}", "", ""])
                _fill(child, item)
            continue
        if element.tag == 0x7FE00010:
            value = f"<{len(element.value or b'')} bytes>"
        else:
            value = repr(element.value) if isinstance(element.value, bytes) else str(element.value)
        if len(value) > _MAX_VALUE:
            value = value[:_MAX_VALUE] + "…"
        QTreeWidgetItem(parent, [tag, element.name, str(element.VR), value])
