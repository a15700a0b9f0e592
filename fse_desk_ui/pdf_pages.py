"""A rendered PDF page as a widget: the reader and the signing preview show pages alike."""

from __future__ import annotations

from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel

from fse_desk.documents import PageImage


def page_label(image: PageImage) -> QLabel:
    """A framed label holding ``image`` at its own size (never squeezed to the viewport)."""
    qimage = QImage(
        image.pixels, image.width, image.height, image.stride, QImage.Format.Format_RGBX8888
    ).copy()
    pixmap = QPixmap.fromImage(qimage)
    label = QLabel()
    label.setPixmap(pixmap)
    label.setFixedSize(pixmap.size())
    label.setFrameShape(QFrame.Shape.Box)
    return label
