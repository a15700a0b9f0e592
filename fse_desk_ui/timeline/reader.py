"""The document reader: a CDA as a readable page, a PDF page by page, lab results, errors.

Opening is done by the timeline widget off the GUI thread; the reader only
shows what it is handed: an :class:`OpenedDocument`, or an exception as an
error card (the Italian sentence of ``fse_desk_ui/messages.py``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fse_desk.documents import LabResult, PageImage, render_page
from fse_desk.domain import DOCUMENT_TYPES, DocumentMeta
from fse_desk.domain.units import unit_display
from fse_desk.timeline import BodyKind, OpenedDocument
from fse_desk_ui.formatting import ROME, format_date
from fse_desk_ui.messages import user_message
from fse_desk_ui.pdf_pages import page_label
from fse_desk_ui.timeline.cda_html import cda_to_html, media_resources
from fse_desk_ui.workers import Worker

MAX_PDF_PAGES = 60
LOINC_ROLE = Qt.ItemDataRole.UserRole
_RED = QBrush(QColor("#b71c1c"))


class SafeTextBrowser(QTextBrowser):
    """A QTextBrowser that never loads anything: no links followed, no resources but the
    images of the document shown, from memory."""

    MAX_IMAGE_WIDTH = 800

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._media: dict[str, bytes] = {}

    def show_html(self, html: str, media: dict[str, bytes]) -> None:
        self._media = media  # before setHtml, which asks for the images
        self.setHtml(html)

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        key = name.toString() if isinstance(name, QUrl) else str(name)
        data = self._media.get(key)
        kind = getattr(type, "value", type)  # an int, or the enum in some PySide versions
        if kind != QTextDocument.ResourceType.ImageResource.value or data is None:
            return None
        image = QImage.fromData(data)
        if image.isNull():
            return None
        if image.width() > self.MAX_IMAGE_WIDTH:
            return image.scaledToWidth(
                self.MAX_IMAGE_WIDTH, Qt.TransformationMode.SmoothTransformation
            )
        return image


def format_number(value: float | None) -> str:
    return "" if value is None else f"{value:g}".replace(".", ",")


def range_text(r: LabResult) -> str:
    if r.low is not None and r.high is not None:
        return f"{format_number(r.low)} – {format_number(r.high)}"
    if r.high is not None:
        return f"< {format_number(r.high)}"
    if r.low is not None:
        return f"> {format_number(r.low)}"
    return ""


class DocumentReader(QWidget):
    open_study_requested = Signal(str)  # StudyInstanceUID
    chart_requested = Signal(str)  # LOINC of the analyte
    pages_rendered = Signal(int)  # number of PDF pages now on screen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: OpenedDocument | None = None
        self._render_worker: Worker | None = None
        self.title_label = QLabel()
        self.title_label.setObjectName("readerTitle")
        self.title_label.setWordWrap(True)
        self.study_bar = QFrame()
        self.study_bar.setObjectName("studyBar")
        self.study_label = QLabel()
        self.study_label.setWordWrap(True)
        self.study_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_study_button = QPushButton(self.tr("Open images"))
        self.open_study_button.clicked.connect(self._on_open_study)
        bar = QHBoxLayout(self.study_bar)
        bar.setContentsMargins(8, 4, 8, 4)
        bar.addWidget(self.study_label, 1)
        bar.addWidget(self.open_study_button)
        self.study_bar.hide()

        self.placeholder = QLabel()  # its text is set by clear()
        self.placeholder.setObjectName("readerPlaceholder")
        self.placeholder.setWordWrap(True)
        self.error_card = QLabel()
        self.error_card.setObjectName("errorCard")
        self.error_card.setWordWrap(True)
        self.tabs = QTabWidget()
        self.cda_view = SafeTextBrowser()
        self.pdf_area = QScrollArea()
        self.pdf_area.setWidgetResizable(True)
        self._pdf_pages = QWidget()
        self._pdf_layout = QVBoxLayout(self._pdf_pages)
        self.pdf_area.setWidget(self._pdf_pages)
        self.results_tab = QWidget()
        self.results_table = QTableWidget(0, 5)
        self.results_table.setHorizontalHeaderLabels(
            [
                self.tr("Analyte"),
                self.tr("Value"),
                self.tr("Unit"),
                self.tr("Reference range"),
                self.tr("Flag"),
            ]
        )
        self.results_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results_table.verticalHeader().hide()
        self.results_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.results_table.doubleClicked.connect(lambda _i: self._on_chart())
        self.chart_button = QPushButton(self.tr("Chart over time"))
        self.chart_button.setToolTip(
            self.tr("Chart the selected analyte across all the patient's lab reports")
        )
        self.chart_button.clicked.connect(self._on_chart)
        results_layout = QVBoxLayout(self.results_tab)
        results_layout.addWidget(self.results_table, 1)
        results_layout.addWidget(self.chart_button)

        self.stack = QStackedWidget()
        for page in (self.placeholder, self.error_card, self.tabs):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.study_bar)
        layout.addWidget(self.stack, 1)
        self.clear()

    # -- states ------------------------------------------------
    def clear(self) -> None:
        """Nothing shown and nothing pending: a page render still running is dropped."""
        self.document = None
        if self._render_worker is not None:
            self._render_worker.cancel()
            self._render_worker = None
        self.tabs.clear()
        self.cda_view.clear()
        self.results_table.setRowCount(0)
        self._clear_pages()
        self.title_label.clear()
        self.study_bar.hide()
        self.placeholder.setText(self.tr("Select a document and press Enter to read it."))
        self.stack.setCurrentWidget(self.placeholder)

    def show_loading(self, title: str) -> None:
        self.document = None
        self.title_label.setText(title)
        self.study_bar.hide()
        self.placeholder.setText(self.tr("Opening the document…"))
        self.stack.setCurrentWidget(self.placeholder)

    def show_error(
        self, exc: BaseException, title: str = "", meta: DocumentMeta | None = None
    ) -> None:
        self.document = None
        if title:
            self.title_label.setText(title)
        self.study_bar.hide()
        text = user_message(exc)
        if meta is not None:  # the document exists: say what it is and who to ask
            text += "\n\n" + self._facts(meta)
        self.error_card.setText(text)
        self.stack.setCurrentWidget(self.error_card)

    def _facts(self, meta: DocumentMeta) -> str:
        kind = DOCUMENT_TYPES[meta.type_code].title
        lines = [
            self.tr("Document: {title} ({kind}) of {date}").format(
                title=meta.title, kind=kind, date=format_date(meta.date.astimezone(ROME))
            )
        ]
        if meta.author:
            lines.append(self.tr("Author: {author}").format(author=meta.author))
        if meta.facility:
            lines.append(self.tr("Issued by: {facility}").format(facility=meta.facility))
        return "\n".join(lines)

    def show_document(self, opened: OpenedDocument) -> None:
        self.document = opened
        self.title_label.setText(opened.meta.title)
        self.tabs.clear()
        if opened.cda is not None:
            self.cda_view.show_html(cda_to_html(opened.cda), media_resources(opened.cda))
            self.tabs.addTab(self.cda_view, self.tr("Document"))
            if opened.cda.lab_results:
                self._fill_results(opened.cda.lab_results)
                self.tabs.addTab(self.results_tab, self.tr("Results"))
        if opened.kind is BodyKind.PDF and opened.pdf is not None:
            self.tabs.addTab(self.pdf_area, self.tr("PDF"))
            self._render_pdf(opened.data, opened.pdf.page_count)
        uid = opened.study_uid
        self.study_bar.setVisible(bool(uid))
        if uid:
            self.study_label.setText(self.tr("Imaging study: {uid}").format(uid=uid))
        if opened.error is not None and self.tabs.count() == 0:
            self.show_error(opened.error, meta=opened.meta)
            return
        if self.tabs.count() == 0:
            self.placeholder.setText(self.tr("This kind of document cannot be shown here."))
            self.stack.setCurrentWidget(self.placeholder)
            return
        self.tabs.setCurrentIndex(0)
        self.stack.setCurrentWidget(self.tabs)

    # -- parts ------------------------------------------------
    def _fill_results(self, results: tuple[LabResult, ...]) -> None:
        table = self.results_table
        table.setRowCount(len(results))
        flags = {
            "H": self.tr("High"),
            "HH": self.tr("Very high"),
            "L": self.tr("Low"),
            "LL": self.tr("Very low"),
            "A": self.tr("Abnormal"),
        }
        for row, r in enumerate(results):
            value = r.value_text.replace(".", ",") if r.value is not None else r.value_text
            cells = [r.name, value, unit_display(r.unit), range_text(r), flags.get(r.flag, "")]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if r.out_of_range:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    if col in (1, 4):
                        item.setForeground(_RED)
                item.setData(LOINC_ROLE, r.loinc)
                table.setItem(row, col, item)
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.selectRow(0)

    def selected_loinc(self) -> str:
        row = self.results_table.currentRow()
        item = self.results_table.item(row, 0) if row >= 0 else None
        return "" if item is None else str(item.data(LOINC_ROLE))

    def _on_chart(self) -> None:
        loinc = self.selected_loinc()
        if loinc:
            self.chart_requested.emit(loinc)

    def _on_open_study(self) -> None:
        if self.document is not None and self.document.study_uid:
            self.open_study_requested.emit(self.document.study_uid)

    def _render_pdf(self, data: bytes, pages: int) -> None:
        self._clear_pages()
        if self._render_worker is not None:
            self._render_worker.cancel()
        count = min(pages, MAX_PDF_PAGES)

        def render(_report: object, cancel: Any) -> list[PageImage]:
            images = []
            for i in range(count):
                cancel.raise_if_cancelled()
                images.append(render_page(data, i))
            return images

        worker = Worker(render)
        worker.signals.succeeded.connect(
            lambda images: self._on_pages(images) if self._render_worker is worker else None
        )
        worker.signals.failed.connect(
            lambda exc: self.show_error(exc) if self._render_worker is worker else None
        )
        self._render_worker = worker
        worker.start()

    def _clear_pages(self) -> None:
        while self._pdf_layout.count():
            item = self._pdf_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def _on_pages(self, images: list[PageImage]) -> None:
        for image in images:
            self._pdf_layout.addWidget(page_label(image), 0, Qt.AlignmentFlag.AlignHCenter)
        self._pdf_layout.addStretch(1)
        self.pages_rendered.emit(len(images))
