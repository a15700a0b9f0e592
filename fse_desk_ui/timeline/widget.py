"""The Timeline tab: the patient's whole FSE newest first, filters, reader, offline download."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fse_desk._types import DocumentId
from fse_desk.domain.document import DocumentClass
from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.domain.timeline import ReviewUndo, TimelineEntry, TimelineFilter
from fse_desk.patient_context import PatientContext
from fse_desk.progress import Progress, drive
from fse_desk.timeline import LabSeries, OpenedDocument, Period, TimelineService, TimelineView
from fse_desk_ui.messages import user_message
from fse_desk_ui.timeline.lab_chart import LabChartDialog
from fse_desk_ui.timeline.labels import class_name
from fse_desk_ui.timeline.model import ENTRY_ROLE, TimelineModel
from fse_desk_ui.timeline.reader import DocumentReader
from fse_desk_ui.timeline.review_undo import ReviewUndoBar
from fse_desk_ui.workers import Worker


class TimelineWidget(QWidget):
    open_study_requested = Signal(str)  # StudyInstanceUID, for the image viewer
    refreshed = Signal()  # the list now shows the current filter
    document_shown = Signal(object)  # OpenedDocument, or the exception shown as a card
    prefetch_finished = Signal()
    chart_shown = Signal(object)  # LabChartDialog

    def __init__(
        self,
        service: TimelineService,
        parent: QWidget | None = None,
        *,
        context: PatientContext | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        # The window's shared context; a widget of its own (tests, bench) gets a private one.
        self.context = context if context is not None else PatientContext()
        self.patient: Patient | None = None
        self.view_state: TimelineView | None = None
        self._open_seq = 0
        self._prefetch: Worker | None = None
        self._workers: set[Worker] = set()
        self.chart: LabChartDialog | None = None

        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(self.tr("Search titles and document text (Ctrl+F)"))
        self.class_box = QComboBox()
        self.class_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.facility_box = QComboBox()
        self.facility_box.setMinimumContentsLength(18)
        self.facility_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.period_box = QComboBox()
        for period, text in (
            (Period.ALL, self.tr("All periods")),
            (Period.LAST_YEAR, self.tr("Last year")),
            (Period.LAST_5_YEARS, self.tr("Last 5 years")),
        ):
            self.period_box.addItem(text, period)
        self.only_new = QCheckBox(self.tr("Only new"))
        self.mark_reviewed_button = QPushButton(self.tr("Mark as reviewed"))
        self.download_button = QPushButton(self.tr("Download for offline use"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(160)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.progress_bar.hide()
        self.cancel_button.hide()
        self.counts_label = QLabel()
        self.counts_label.setObjectName("timelineCounts")
        # One line: the class filter already lists each class with its count, and the
        # breakdown is the tooltip. Wrapped, it took four lines of a 125 % laptop screen.
        self.counts_label.setMinimumWidth(1)
        # What a text search does not cover yet, and the offer to fetch it.
        self.coverage_label = QLabel()
        self.coverage_label.setObjectName("timelineCoverage")
        self.coverage_label.setWordWrap(True)
        self.fetch_missing_button = QPushButton(self.tr("Download them and search again"))
        self.fetch_missing_button.clicked.connect(self.download_for_offline)
        self.status_label = QLabel()
        self.status_label.setObjectName("timelineStatus")
        self.status_label.setWordWrap(True)
        self.undo_bar = ReviewUndoBar()
        self.undo_bar.undo_requested.connect(self._undo_review)

        self.model = TimelineModel(self)
        # A QTableView is fully virtual (a QTreeView lays out every row on first use).
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(False)
        self.view.setTabKeyNavigation(False)
        rows = self.view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(26)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setSectionResizeMode(TimelineModel.DATE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(TimelineModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TimelineModel.FACILITY, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TimelineModel.AUTHOR, QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(TimelineModel.DATE, 112)
        self.view.setColumnWidth(TimelineModel.FACILITY, 250)
        self.view.setColumnWidth(TimelineModel.AUTHOR, 190)
        self.view.setIconSize(QSize(26, 18))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_row_menu)

        self.reader = DocumentReader()
        # List above, reader below: both get the full width of the tab.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.reader)
        # The list gets the larger share: a doctor scans many rows before reading one.
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([450, 300])
        self.consent_label = QLabel()
        self.consent_label.setObjectName("timelineConsent")
        self.consent_label.setWordWrap(True)
        self.consent_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.consent_label)

        filters = QHBoxLayout()
        filters.addWidget(self.search_box, 2)
        filters.addWidget(self.class_box)
        filters.addWidget(self.facility_box, 1)
        filters.addWidget(self.period_box)
        actions = QHBoxLayout()
        actions.addWidget(self.counts_label, 1)
        actions.addWidget(self.only_new)
        actions.addWidget(self.mark_reviewed_button)
        actions.addWidget(self.download_button)
        actions.addWidget(self.progress_bar)
        actions.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addLayout(actions)
        coverage = QHBoxLayout()
        coverage.addWidget(self.coverage_label, 1)
        coverage.addWidget(self.fetch_missing_button)
        layout.addLayout(coverage)
        layout.addWidget(self.status_label)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.stack, 1)
        self.status_label.hide()

        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Find),
            self,
            self.focus_search,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.search_box.textChanged.connect(self.refresh)
        self.search_box.returnPressed.connect(self._focus_list)
        self.class_box.currentIndexChanged.connect(self.refresh)
        self.facility_box.currentIndexChanged.connect(self.refresh)
        self.period_box.currentIndexChanged.connect(self.refresh)
        self.only_new.toggled.connect(self.refresh)
        self.mark_reviewed_button.clicked.connect(self.mark_reviewed)
        self.download_button.clicked.connect(self.download_for_offline)
        self.cancel_button.clicked.connect(self.cancel_download)
        self.view.activated.connect(self._on_activated)
        self.reader.open_study_requested.connect(self.open_study_requested)
        self.reader.chart_requested.connect(self.show_chart)
        self._on_patient_changed(None)
        self.context.changed.connect(self._on_patient_changed)

    # -- patient ------------------------------------------------
    def show_patient(self, patient: Patient | None) -> None:
        """Select ``patient`` in this widget's context (None clears everything)."""
        self.context.select(patient)

    def _on_patient_changed(self, patient: Patient | None) -> None:
        """Show this patient's timeline (and log the view) at once."""
        self.cancel_download()
        self.patient = patient
        self.reader.clear()
        self.status_label.hide()
        self.undo_bar.withdraw()  # an undo belongs to the patient it was offered for
        consenting = patient is not None and patient.consent is ConsentState.GRANTED
        for w in (
            self.search_box,
            self.class_box,
            self.facility_box,
            self.period_box,
            self.only_new,
            self.mark_reviewed_button,
            self.download_button,
        ):
            w.setEnabled(consenting)
        self._reset_filters()
        self._update_coverage(None)
        if patient is None:
            self.model.set_entries([])
            self.counts_label.clear()
            return
        if not consenting:
            self.model.set_entries([])
            self.counts_label.clear()
            self.consent_label.setText(
                self.tr(
                    "This patient has not consented to the consultation of their FSE: "
                    "the timeline shows nothing from the FSE."
                )
            )
            self.stack.setCurrentWidget(self.consent_label)
            self.view_state = None
            self.refreshed.emit()
            return
        self.stack.setCurrentWidget(self.splitter)
        self._service.record_timeline_view(patient.id)
        self.refresh()
        self._fill_facilities()

    def _reset_filters(self) -> None:
        for w in (
            self.search_box,
            self.class_box,
            self.facility_box,
            self.period_box,
            self.only_new,
        ):
            w.blockSignals(True)
        self.search_box.clear()
        self.class_box.clear()
        self.class_box.addItem(self.tr("All classes"), None)
        self.facility_box.clear()
        self.facility_box.addItem(self.tr("All facilities"), None)
        self.period_box.setCurrentIndex(0)
        self.only_new.setChecked(False)
        for w in (
            self.search_box,
            self.class_box,
            self.facility_box,
            self.period_box,
            self.only_new,
        ):
            w.blockSignals(False)

    def _fill_facilities(self) -> None:
        """The facilities of the unfiltered timeline just shown."""
        entries = self.view_state.entries if self.view_state is not None else ()
        self.facility_box.blockSignals(True)
        for facility in sorted({e.facility for e in entries if e.facility}):
            self.facility_box.addItem(facility, facility)
        self.facility_box.blockSignals(False)

    # -- listing ------------------------------------------------
    def current_filter(self) -> TimelineFilter:
        doc_class = self.class_box.currentData()
        period = self.period_box.currentData() or Period.ALL
        return TimelineFilter(
            classes=frozenset({DocumentClass(doc_class)}) if doc_class else frozenset(),
            facility=self.facility_box.currentData() or None,
            since=self._service.period_filter(period),
            text=self.search_box.text(),
            only_new=self.only_new.isChecked(),
        )

    def refresh(self) -> None:
        """Query the cache with the current filters and show the result."""
        if self.patient is None or self.patient.consent is not ConsentState.GRANTED:
            return
        current = self.selected_entry()
        state = self._service.view(self.patient.id, self.current_filter())
        self.view_state = state
        self.model.set_entries(state.entries)
        self._update_counts(state)
        self._update_coverage(state)
        row = self.model.row_of(current.id) if current is not None else -1
        if row < 0:
            row = self.model.first_entry_row()
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self.refreshed.emit()

    def _update_counts(self, state: TimelineView) -> None:
        counts = state.counts
        box = self.class_box
        box.blockSignals(True)
        selected = box.currentData()
        present = {box.itemData(i) for i in range(1, box.count())}
        for doc_class in DocumentClass:
            if counts.get(doc_class) and doc_class.value not in present:
                box.addItem("", doc_class.value)
        for i in range(box.count()):
            value = box.itemData(i)
            if value is None:
                box.setItemText(i, self.tr("All classes ({n})").format(n=sum(counts.values())))
            else:
                klass = DocumentClass(value)
                box.setItemText(i, f"{class_name(klass)} ({counts.get(klass, 0)})")
        box.setCurrentIndex(max(0, box.findData(selected)) if selected else 0)
        box.blockSignals(False)
        shown = " · ".join(
            f"{class_name(c)} {n}" for c, n in sorted(counts.items(), key=lambda kv: -kv[1])
        )
        total = self.tr("%n documents", "", len(state.entries))
        self.counts_label.setText(total)
        self.counts_label.setToolTip(shown)
        self.only_new.setText(self.tr("Only new ({n})").format(n=state.new_count))

    def _update_coverage(self, state: TimelineView | None) -> None:
        missing = state.not_searchable if state is not None else 0
        self.coverage_label.setText(
            self.tr("%n documents are not downloaded yet: their text is not searched.", "", missing)
        )
        self.coverage_label.setVisible(missing > 0)
        self.fetch_missing_button.setVisible(missing > 0)
        self.fetch_missing_button.setEnabled(self._prefetch is None)

    def selected_entry(self) -> TimelineEntry | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        entry = index.siblingAtColumn(0).data(ENTRY_ROLE)
        return entry if isinstance(entry, TimelineEntry) else None

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _focus_list(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- "new" marks ------------------------------------------------
    def mark_reviewed(self) -> None:
        if self.patient is None:
            return
        new = self.view_state.new_count if self.view_state is not None else 0
        undo = self._service.mark_reviewed(self.patient.id)
        self.refresh()
        self.undo_bar.offer(self.tr("%n documents marked as reviewed.", "", new), undo)

    def mark_seen(self, document_id: DocumentId, title: str) -> None:
        """This one document is no longer new for the signed-in user (with undo)."""
        undo = self._service.mark_seen(document_id)
        if undo is not None:
            self.refresh()
            text = self.tr("\u201c{title}\u201d marked as seen.").format(title=title)
            self.undo_bar.offer(text, undo)

    def row_menu(self, entry: TimelineEntry) -> QMenu:
        menu = QMenu(self)
        action = menu.addAction(self.tr("Mark as seen"))
        action.setEnabled(entry.new)
        action.triggered.connect(lambda: self.mark_seen(entry.id, entry.title))
        return menu

    def _show_row_menu(self, pos: QPoint) -> None:
        entry = self.model.entry(self.view.indexAt(pos).row())
        if entry is not None:
            self.row_menu(entry).exec(self.view.viewport().mapToGlobal(pos))

    def _undo_review(self, undo: ReviewUndo) -> None:
        self._service.undo_review(undo)
        self.refresh()

    # -- reading ------------------------------------------------
    def _on_activated(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.row())
        if entry is not None:
            self.open_entry(entry)

    def open_entry(self, entry: TimelineEntry) -> None:
        """Open the document in the reader (fetched off the GUI thread when not cached)."""
        self._open_seq += 1
        seq = self._open_seq
        self.reader.show_loading(entry.title)
        service = self._service
        worker = Worker(lambda _r, _c: service.open_document(entry.id))
        guard = self.context.guard
        worker.signals.succeeded.connect(guard(lambda doc: self._on_opened(seq, doc)))
        worker.signals.failed.connect(
            guard(lambda exc: self._on_open_failed(seq, exc, entry.title))
        )
        self._run(worker)

    def _on_opened(self, seq: int, opened: OpenedDocument) -> None:
        if seq != self._open_seq:
            return
        self.reader.show_document(opened)
        if opened.error is None:
            # Opened on purpose (double click or Enter, never by moving the selection) and
            # shown whole: the doctor has read it, as with an e-mail.
            self.mark_seen(opened.meta.id, opened.meta.title)
        self.document_shown.emit(opened if opened.error is None else opened.error)

    def _on_open_failed(self, seq: int, exc: BaseException, title: str) -> None:
        if seq != self._open_seq:
            return
        self.reader.show_error(exc, title)
        self.document_shown.emit(exc)

    def show_chart(self, loinc: str) -> None:
        if self.patient is None:
            return
        service, patient_id = self._service, self.patient.id
        worker = Worker(lambda _r, _c: service.lab_series(patient_id, loinc))
        worker.signals.succeeded.connect(self.context.guard(self._on_series))
        worker.signals.failed.connect(self.context.guard(self._show_status_error))
        self._run(worker)

    def _on_series(self, series: LabSeries) -> None:
        if self.chart is not None:
            self.chart.close()
        self.chart = LabChartDialog(series, self)
        self.chart.show()
        self.chart_shown.emit(self.chart)

    # -- offline download ------------------------------------------------
    def download_for_offline(self) -> None:
        if self.patient is None or self._prefetch is not None:
            return
        service, patient_id = self._service, self.patient.id
        worker = Worker(lambda report, cancel: drive(service.prefetch(patient_id, cancel), report))
        guard = self.context.guard
        worker.signals.progress.connect(guard(self._on_progress))
        worker.signals.succeeded.connect(guard(self._on_prefetched))
        worker.signals.failed.connect(guard(self._show_status_error))
        worker.signals.cancelled.connect(
            guard(
                lambda: self._show_status(
                    self.tr(
                        "Download cancelled: the documents already downloaded stay "
                        "available offline."
                    )
                )
            )
        )
        worker.signals.finished.connect(self._on_prefetch_finished)
        self._prefetch = worker
        self.download_button.setEnabled(False)
        self.fetch_missing_button.setEnabled(False)
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.cancel_button.show()
        self._run(worker)

    def cancel_download(self) -> None:
        if self._prefetch is not None:
            self._prefetch.cancel()

    def _on_progress(self, progress: Progress) -> None:
        self.progress_bar.setRange(0, max(progress.total, 1))
        self.progress_bar.setValue(progress.done)
        self.progress_bar.setFormat(f"{progress.done}/{progress.total}")

    def _on_prefetched(self, summary: Any) -> None:
        self._show_status(
            self.tr(
                "All the documents of this patient are available offline (%n downloaded now).",
                "",
                summary.fetched,
            )
        )
        self.refresh()

    def _on_prefetch_finished(self) -> None:
        self._prefetch = None
        self.download_button.setEnabled(self.patient is not None)
        self._update_coverage(self.view_state)
        self.progress_bar.hide()
        self.cancel_button.hide()
        self.prefetch_finished.emit()

    # -- helpers ------------------------------------------------
    def _show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.show()

    def _show_status_error(self, exc: BaseException) -> None:
        self._show_status(user_message(exc))

    def _run(self, worker: Worker) -> None:
        self._workers.add(worker)
        worker.signals.finished.connect(lambda: self._workers.discard(worker))
        worker.start()
