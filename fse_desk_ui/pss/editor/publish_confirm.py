"""Signing is deliberate: before *Publish* signs, the doctor sees the document to be signed.

The dialog shows the PDF exactly as it will be signed and as the patient will receive
it from the FSE, names the patient, and signs only on an explicit "Sign and publish"
(the default button is Cancel). The pages are rendered off the GUI thread; the sign
button is enabled once they are on screen, so nobody signs a page they could not see.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fse_desk.documents import PageImage, inspect_pdf, render_page
from fse_desk.progress import CancelToken
from fse_desk.pss.model import Pss
from fse_desk.pss.printout import publication_pdf
from fse_desk_ui.messages import user_message
from fse_desk_ui.pdf_pages import page_label
from fse_desk_ui.workers import Worker

MAX_PREVIEW_PAGES = 20


class PublishConfirmDialog(QDialog):
    preview_ready = Signal(int)  # pages shown

    def __init__(self, draft: Pss, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        patient = draft.patient
        name = f"{patient.given} {patient.family}".strip()
        self.setWindowTitle(self.tr("Sign and publish the PSS"))
        self.question = QLabel(
            self.tr(
                "Sign with your certificate and publish to the FSE this Profilo Sanitario "
                "Sintetico of <b>{name}</b> (CF {cf})? Below is the document as it will be "
                "signed and as the patient will receive it."
            ).format(name=name, cf=patient.cf)
        )
        self.question.setWordWrap(True)
        self.status = QLabel(self.tr("Preparing the document…"))
        self.status.setWordWrap(True)
        pages = QWidget()
        self._pages = QVBoxLayout(pages)
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        self.buttons = QDialogButtonBox()
        self.sign_button = QPushButton(self.tr("Sign and publish"))
        self.sign_button.setEnabled(False)
        self.buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 640)  # fits a 1,366 × 768 screen with the task bar
        self._worker = Worker(lambda _report, cancel: _render(draft, cancel))
        self._worker.signals.succeeded.connect(self._on_pages)
        self._worker.signals.failed.connect(self._on_failed)
        self.finished.connect(lambda _result: self._worker.cancel())
        self._worker.start()

    def _on_pages(self, images: list[PageImage]) -> None:
        for image in images:
            self._pages.addWidget(page_label(image), 0, Qt.AlignmentFlag.AlignHCenter)
        self._pages.addStretch(1)
        self.status.setText(self.tr("%n pages.", "", len(images)))
        self.sign_button.setEnabled(bool(images))
        self.preview_ready.emit(len(images))

    def _on_failed(self, exc: BaseException) -> None:
        # Without a preview there is nothing to confirm: the doctor can only cancel.
        self.status.setText(user_message(exc))


def _render(draft: Pss, cancel: CancelToken) -> list[PageImage]:
    data = publication_pdf(draft)
    count = min(inspect_pdf(data).page_count, MAX_PREVIEW_PAGES)
    images = []
    for index in range(count):
        cancel.raise_if_cancelled()
        images.append(render_page(data, index))
    return images
