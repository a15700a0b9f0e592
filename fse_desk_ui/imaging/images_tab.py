"""The "Immagini" tab: the patient's studies, a series browser, the viewer, the report beside it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fse_desk.domain.imaging import (
    FailureReason,
    LoadFailure,
    LocalScan,
    LocalSeries,
    SeriesSummary,
    StudySource,
    StudySummary,
)
from fse_desk.domain.patient import Patient
from fse_desk.errors import FseDeskError
from fse_desk.imaging.anonymise import AnonymisedExport
from fse_desk.imaging.report import RadiologyReport
from fse_desk.imaging.service import SeriesLoad, SeriesThumbnail, StudyList
from fse_desk.imaging.stack import ImageStack
from fse_desk.imaging.voi import thumbnail
from fse_desk.patient_context import PatientContext
from fse_desk.progress import Progress, drive
from fse_desk.workstation import Workstation
from fse_desk_ui.formatting import format_date
from fse_desk_ui.imaging.controls import ViewerControls
from fse_desk_ui.imaging.tag_browser import TagBrowser
from fse_desk_ui.imaging.viewer import ImageViewer
from fse_desk_ui.messages import user_message
from fse_desk_ui.workers import Worker

_ROLE = Qt.ItemDataRole.UserRole
PREFETCH_RADIUS = 12


class ImagesTab(QWidget):
    """Studies from the PACS, from the reports and from local files; the viewer; the report."""

    report_shown = Signal(object)  # the RadiologyReport shown, or None (the FSE has none)

    def __init__(
        self,
        workstation: Workstation,
        parent: QWidget | None = None,
        *,
        context: PatientContext | None = None,
    ) -> None:
        super().__init__(parent)
        self._workstation = workstation
        # The window's shared context; a tab of its own (tests) gets a private one.
        self.context = context if context is not None else PatientContext()
        self._imaging = workstation.imaging
        self.patient: Patient | None = None
        self._workers: list[Worker] = []
        self._load_worker: Worker | None = None
        self._local_studies: dict[str, Any] = {}
        self.failures: list[LoadFailure] = []
        self.current_study: StudySummary | None = None

        self.viewers = [ImageViewer(), ImageViewer()]
        self.viewers[1].hide()
        self.active = self.viewers[0]
        self._prefetching = False
        for viewer in self.viewers:
            viewer.activated.connect(lambda v=viewer: self._set_active(v))
            viewer.slice_changed.connect(lambda index, v=viewer: self._prefetch(v, index))
        self.controls = ViewerControls(self.viewers)
        self.controls.open_requested.connect(self._on_open)
        self.controls.refresh_requested.connect(self.refresh)
        self.controls.tags_requested.connect(self.show_tags)
        self.controls.two_viewports_toggled.connect(self.set_two_viewports)
        self.controls.png_export_requested.connect(
            lambda path, overlays: self.export_png(path, overlays=overlays)
        )
        self.controls.study_export_requested.connect(self.export_study)

        self.study_tree = QTreeWidget()
        self.study_tree.setHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Modality"),
                self.tr("Description"),
                self.tr("Series"),
                self.tr("Images"),
                self.tr("Source"),
            ]
        )
        self.study_tree.setRootIsDecorated(False)
        self.study_tree.setMinimumWidth(260)
        self.study_tree.itemSelectionChanged.connect(self._on_study_selected)
        self.series_list = QListWidget()
        self.series_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.series_list.setIconSize(QSize(96, 96))
        self.series_list.setMovement(QListWidget.Movement.Static)
        self.series_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.series_list.setMaximumHeight(150)
        self.series_list.itemActivated.connect(self._on_series_chosen)
        self.series_list.itemClicked.connect(self._on_series_chosen)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.failure_list = QListWidget()
        self.failure_list.hide()
        # A CD's files its DICOMDIR does not list: offered apart, never mixed into its studies.
        self.unindexed: tuple[Path, ...] = ()
        self.unindexed_button = QPushButton()
        self.unindexed_button.hide()
        self.unindexed_button.clicked.connect(lambda: self.open_paths(list(self.unindexed)))
        self.progress = QProgressBar()
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self._cancel_load)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.study_tree, 3)
        left_layout.addWidget(QLabel(self.tr("Series")))
        left_layout.addWidget(self.series_list, 0)
        left_layout.addWidget(self.status)
        left_layout.addWidget(self.failure_list, 1)
        left_layout.addWidget(self.unindexed_button)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        left_layout.addLayout(progress_row)

        self.viewer_split = QSplitter(Qt.Orientation.Horizontal)
        for viewer in self.viewers:
            self.viewer_split.addWidget(viewer)
        self.report_title = QLabel(self.tr("Report"))
        self.report_title.setObjectName("reportTitle")
        # A long title wraps instead of widening the window past the screen.
        self.report_title.setWordWrap(True)
        self.report_view = QTextBrowser()
        self.report_view.setReadOnly(True)
        report = QWidget()
        report_layout = QVBoxLayout(report)
        report_layout.setContentsMargins(0, 0, 0, 0)
        report_layout.addWidget(self.report_title)
        report_layout.addWidget(self.report_view)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.viewer_split)
        splitter.addWidget(report)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([300, 800, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.controls)
        layout.addWidget(splitter, 1)
        self._set_active(self.viewers[0])
        self.context.changed.connect(self._on_patient_changed)

    # -- patient ---------------------------------------------------------------------------
    def show_patient(self, patient: Patient | None) -> None:
        """Select ``patient`` in this tab's context."""
        self.context.select(patient)

    def _on_patient_changed(self, patient: Patient | None) -> None:
        """Forget everything of the previous patient at once, then look for this one's studies."""
        self._cancel_load()
        self.patient = patient
        self.report_title.setText(self.tr("Report"))
        self.study_tree.clear()
        self.series_list.clear()
        self._local_studies.clear()
        self._show_failures([])
        self.unindexed = ()
        self.unindexed_button.hide()
        self.report_view.clear()
        self.current_study = None
        for viewer in self.viewers:
            viewer.set_stack(None)
        self.status.setText("")
        if patient is not None:
            self.refresh()

    def refresh(self) -> None:
        patient = self.patient
        if patient is None:
            return
        self.status.setText(self.tr("Looking for studies…"))
        self._run(
            lambda report, cancel: drive(self._imaging.studies(patient, cancel), report),
            self._on_studies,
        )

    def _on_studies(self, result: StudyList) -> None:
        self._clear_remote_items()
        for study in result.studies:
            self._add_study_item(study, None)
        if result.consent_missing:
            self.status.setText(
                self.tr(
                    "The patient has not consented to the consultation of "
                    "their FSE: PACS studies and reports are not shown. "
                    "Local files and CDs can still be opened."
                )
            )
        elif result.pacs_error is not None:
            self.status.setText(user_message(result.pacs_error))
        elif not result.pacs_configured:
            self.status.setText(
                self.tr(
                    "No PACS is configured: only local files and the "
                    "studies named by reports are listed."
                )
            )
        elif not result.studies:
            self.status.setText(self.tr("No studies for this patient."))
        else:
            self.status.setText(self.tr("%n studies.", "", len(result.studies)))

    def _clear_remote_items(self) -> None:
        for i in reversed(range(self.study_tree.topLevelItemCount())):
            item = self.study_tree.topLevelItem(i)
            study = item.data(0, _ROLE) if item is not None else None
            if isinstance(study, StudySummary) and study.source is not StudySource.LOCAL:
                self.study_tree.takeTopLevelItem(i)

    def _add_study_item(self, study: StudySummary, local: Any) -> QTreeWidgetItem:
        source = {
            StudySource.PACS: self.tr("PACS"),
            StudySource.REPORT: self.tr("Report only (not on the PACS)"),
            StudySource.LOCAL: self.tr("Local files"),
        }[study.source]
        if study.report_document_id and study.source is StudySource.PACS:
            source += " · " + self.tr("report")
        if local is not None and local.other_patient:
            source += " · " + self.tr("OTHER PATIENT: {name}").format(name=study.patient_name)
        item = QTreeWidgetItem(
            [
                format_date(study.study_date) if study.study_date else "",
                ", ".join(study.modalities),
                study.description,
                "" if study.series_count is None else str(study.series_count),
                "" if study.image_count is None else str(study.image_count),
                source,
            ]
        )
        item.setData(0, _ROLE, study)
        if local is not None and local.other_patient:
            for column in range(6):
                item.setForeground(column, QBrush(QColor("#b00020")))
        self.study_tree.addTopLevelItem(item)
        for column in (0, 1, 3, 4):
            self.study_tree.resizeColumnToContents(column)
        self.study_tree.setColumnWidth(2, max(self.study_tree.columnWidth(2), 200))
        return item

    # -- choosing a study and a series -------------------------------------------------------
    def _on_study_selected(self) -> None:
        items = self.study_tree.selectedItems()
        if not items:
            return
        study: StudySummary = items[0].data(0, _ROLE)
        self.current_study = study
        self.series_list.clear()
        self._show_report(study)
        if study.source is StudySource.LOCAL:
            local = self._local_studies[study.study_uid]
            for series in local.series:
                self._add_series_item(series.summary, series)
            self._load_thumbnails(local.series)
            if local.series:
                self._choose(self.series_list.item(0))
        elif study.source is StudySource.PACS:
            self._run(lambda _r, _c: self._imaging.series(study.study_uid), self._on_series)
        else:
            self.status.setText(
                self.tr(
                    "The report names this study, but the PACS does not "
                    "have it (or cannot be reached)."
                )
            )

    def _on_series(self, series: list[SeriesSummary]) -> None:
        for summary in series:
            self._add_series_item(summary, None)
        self._load_pacs_thumbnails(series)
        if series:
            self._choose(self.series_list.item(0))

    def _add_series_item(self, summary: SeriesSummary, local: LocalSeries | None) -> None:
        text = f"{summary.modality} {summary.number or ''}\n{summary.description}\n" + self.tr(
            "%n images", "", summary.image_count
        )
        item = QListWidgetItem(text.strip())
        item.setData(_ROLE, (summary, local))
        item.setSizeHint(QSize(120, 150))
        self.series_list.addItem(item)

    def _choose(self, item: QListWidgetItem) -> None:
        self.series_list.setCurrentItem(item)
        self._on_series_chosen(item)

    def _on_series_chosen(self, item: QListWidgetItem) -> None:
        summary, local = item.data(_ROLE)
        self.load_series(summary, local)

    def load_series(self, summary: SeriesSummary, local: LocalSeries | None = None) -> None:
        """Load a series into the active viewport, showing images as they arrive."""
        self._cancel_load()
        stack = ImageStack()
        viewer = self.active
        viewer.set_stack(stack)
        self.controls.bind(viewer)
        if local is not None:

            def work(report: Callable[..., None], cancel: Any) -> SeriesLoad:
                return drive(self._imaging.load_local_series(local, stack, cancel), report)
        else:

            def work(report: Callable[..., None], cancel: Any) -> SeriesLoad:
                return drive(self._imaging.load_series(summary, stack, cancel), report)

        worker = self._run(
            work,
            lambda result: self._on_series_loaded(summary, stack, result),
            progress=lambda p: self._on_load_progress(viewer, p),
        )
        self._load_worker = worker
        self.progress.setRange(0, max(summary.image_count, 0))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()

    def _on_load_progress(self, viewer: ImageViewer, progress: Any) -> None:
        if progress.total:
            self.progress.setRange(0, progress.total)
        self.progress.setValue(progress.done)
        if viewer.stack is not None:
            viewer.refresh_count()

    def _on_series_loaded(
        self, summary: SeriesSummary, stack: ImageStack, result: SeriesLoad
    ) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self._load_worker = None
        for viewer in self.viewers:
            if viewer.stack is stack:
                viewer.refresh_count()
        if result.failures:
            self._show_failures(self.failures + list(result.failures))
        if len(stack):
            self._set_thumbnail(summary.series_uid, stack)

    def _cancel_load(self) -> None:
        if self._load_worker is not None:
            self._load_worker.cancel()
            self._load_worker = None
        self.progress.hide()
        self.cancel_button.hide()

    def _prefetch(self, viewer: ImageViewer, index: int) -> None:
        """Decode the slices around the current one in the background (bounded cache)."""
        stack = viewer.stack
        if stack is None or self._prefetching or self._load_worker is not None:
            return
        ahead = [i for i in (index - 4, index + 4) if 0 <= i < len(stack)]
        if all(stack.is_cached(i) for i in ahead):
            return
        self._prefetching = True

        def done(_result: object = None) -> None:
            self._prefetching = False

        worker = self._run(
            lambda _r, _c: stack.prefetch(index, PREFETCH_RADIUS), lambda _result: None
        )
        worker.signals.finished.connect(done)

    # -- thumbnails --------------------------------------------------------------------------
    def _set_thumbnail(self, series_uid: str, stack: ImageStack) -> None:
        middle = len(stack) // 2 if stack.instance_count > 1 else 0
        info = stack.info(middle)
        curve = info.voi_lut or info.window
        self._apply_thumbnail(
            series_uid, thumbnail(stack.frame(middle), curve, invert=info.invert_default)
        )

    def _apply_thumbnail(self, series_uid: str, picture: np.ndarray | bytes) -> None:
        """``picture``: 8-bit pixels, or a PNG/JPEG the PACS rendered."""
        image = QImage.fromData(picture) if isinstance(picture, bytes) else _qimage(picture)
        for row in range(self.series_list.count()):
            item = self.series_list.item(row)
            summary, _local = item.data(_ROLE)
            if summary.series_uid == series_uid:
                item.setIcon(QIcon(QPixmap.fromImage(image)))

    def _load_pacs_thumbnails(self, series: list[SeriesSummary]) -> None:
        """Ask the PACS for a picture of every series up front, before any is loaded."""

        def work(_report: Any, cancel: Any) -> list[SeriesThumbnail]:
            out = []
            for summary in series:
                cancel.raise_if_cancelled()
                try:
                    found = self._imaging.series_thumbnail(summary)
                except FseDeskError:
                    continue  # no picture for this one: its icon stays empty
                if found is not None:
                    out.append(found)
            return out

        def apply(result: list[SeriesThumbnail]) -> None:
            for found in result:
                picture = found.encoded if found.pixels is None else found.pixels
                self._apply_thumbnail(found.series_uid, picture)

        self._run(work, apply)

    def _load_thumbnails(self, series: tuple[LocalSeries, ...]) -> None:
        def work(_report: Any, cancel: Any) -> list[tuple[str, np.ndarray]]:
            out: list[tuple[str, np.ndarray]] = []
            for s in series:
                cancel.raise_if_cancelled()
                stack = ImageStack(cache_bytes=64 * 1024 * 1024)
                instance = s.instances[len(s.instances) // 2]
                try:
                    info = stack.add(instance.path)
                except Exception:
                    continue
                out.append(
                    (
                        s.summary.series_uid,
                        thumbnail(stack.frame(0), info.window, invert=info.invert_default),
                    )
                )
            return out

        def apply(result: list[tuple[str, np.ndarray]]) -> None:
            for uid, pixels in result:
                self._apply_thumbnail(uid, pixels)

        self._run(work, apply)

    # -- local files ------------------------------------------------------------------------
    def _on_open(self, what: str) -> None:
        if what == "files":
            names, _ = QFileDialog.getOpenFileNames(self, self.tr("Open DICOM files"))
            paths = [Path(n) for n in names]
        elif what == "folder":
            name = QFileDialog.getExistingDirectory(self, self.tr("Open a folder of images"))
            paths = [Path(name)] if name else []
        else:
            name, _ = QFileDialog.getOpenFileName(
                self, self.tr("Open a CD (DICOMDIR)"), "", "DICOMDIR (DICOMDIR dicomdir)"
            )
            paths = [Path(name)] if name else []
        if paths:
            self.open_paths(paths)

    def open_paths(self, paths: list[Path]) -> Worker:
        """Scan files, folders or a DICOMDIR; list the studies and every failure."""
        patient = self.patient
        self.status.setText(self.tr("Reading the files…"))

        def show_progress(p: Progress) -> None:
            self.progress.show()
            self.progress.setRange(0, p.total)
            self.progress.setValue(p.done)

        return self._run(
            lambda report, cancel: drive(self._imaging.scan_local(paths, patient, cancel), report),
            self._on_scanned,
            progress=show_progress,
        )

    def _on_scanned(self, scan: LocalScan) -> None:
        self.progress.hide()
        first: QTreeWidgetItem | None = None
        for local in scan.studies:
            self._local_studies[local.summary.study_uid] = local
            item = self._add_study_item(local.summary, local)
            first = first or item
        self._show_failures(list(scan.failures))
        self.unindexed = scan.unindexed
        self.unindexed_button.setText(
            self.tr("Open %n files not in the CD index (DICOMDIR)…", "", len(scan.unindexed))
        )
        self.unindexed_button.setVisible(bool(scan.unindexed))
        others = sum(1 for s in scan.studies if s.other_patient)
        text = self.tr("%n studies found in the files.", "", len(scan.studies))
        if others:
            text += " " + self.tr("%n belong to another patient (in red).", "", others)
        if scan.failures:
            text += " " + self.tr(
                "%n files could not be used (listed below).", "", len(scan.failures)
            )
        self.status.setText(text)
        if first is not None:
            self.study_tree.setCurrentItem(first)

    def _show_failures(self, failures: list[LoadFailure]) -> None:
        self.failures = failures
        self.failure_list.clear()
        for failure in failures:
            reason = self.reason_text(failure.reason)
            if failure.codec:  # the compression that would be needed, as DICOM names it
                reason = f"{reason} ({failure.codec})"
            item = QListWidgetItem(f"{Path(failure.path).name}: {reason}")
            item.setToolTip(failure.path)
            self.failure_list.addItem(item)
        self.failure_list.setVisible(bool(failures))

    def reason_text(self, reason: FailureReason) -> str:
        return {
            FailureReason.EMPTY: self.tr("the file is empty"),
            FailureReason.NOT_DICOM: self.tr("not a DICOM file"),
            FailureReason.TRUNCATED: self.tr("the file is incomplete (truncated)"),
            FailureReason.BAD_ENCODING: self.tr("the DICOM content is damaged or badly encoded"),
            FailureReason.NO_IMAGE: self.tr("a DICOM object without images (report, index…)"),
            FailureReason.UNSUPPORTED: self.tr("image compression not supported"),
            FailureReason.TOO_LARGE: self.tr("the image is too large for the available memory"),
            FailureReason.UNREADABLE: self.tr("the file cannot be read (permissions or disk)"),
            FailureReason.MISSING: self.tr("listed in the CD index (DICOMDIR) but not on the disc"),
        }[reason]

    # -- report ---------------------------------------------------------------------------------
    def _show_report(self, study: StudySummary) -> None:
        self.report_view.clear()
        self.report_title.setText(self.tr("Report"))
        patient = self.patient
        if patient is None or study.source is StudySource.LOCAL:
            self.report_view.setPlainText(self.tr("No FSE report is linked to local files."))
            return
        uid = study.study_uid
        self._run(lambda _r, _c: self._imaging.report_for_study(patient.id, uid), self._on_report)

    def _on_report(self, report: RadiologyReport | None) -> None:
        if report is None:
            self.report_view.setPlainText(self.tr("The FSE has no report for this study."))
            self.report_shown.emit(None)
            return
        self.report_title.setText(f"{report.title} — {format_date(report.date.date())}")
        self.report_title.setToolTip(self.report_title.text())
        parts = [f"<p><i>{_esc(report.author)} · {_esc(report.facility)}</i></p>"]
        for section in report.sections:
            parts.append(f"<h4>{_esc(section.title)}</h4><p>{_esc(section.text)}</p>")
        self.report_view.setHtml("".join(parts))
        self.report_shown.emit(report)

    # -- viewports and exports ------------------------------------------------------------------
    def _set_active(self, viewer: ImageViewer) -> None:
        self.active = viewer
        for v in self.viewers:
            v.frame.setStyleSheet(
                "#viewportFrame { border: 2px solid %s; }"
                % ("#3d7eff" if v is viewer and self.viewers[1].isVisible() else "transparent")
            )
        self.controls.bind(viewer)

    def set_two_viewports(self, on: bool) -> None:
        self.viewers[1].setVisible(on)
        if not on:
            self._set_active(self.viewers[0])
        else:
            self._set_active(self.active)

    def export_png(self, path: Path, *, overlays: bool) -> bool:
        return self.active.grab_view(overlays=overlays).save(str(path), "PNG")

    def export_study(self, folder: Path, *, skip_burned_in: bool | None = None) -> Worker | None:
        """Export the study anonymised. Images that may show the patient's name in their pixels
        are announced and, as the user chooses (asked when ``skip_burned_in`` is None), left
        out; a PACS study is checked once downloaded, and then left out unless told."""
        study = self.current_study
        if study is None:
            return None
        patient = None if self.patient is None else self.patient.id
        if study.source is StudySource.LOCAL:
            sources: list[Path | bytes] = [
                i.path for s in self._local_studies[study.study_uid].series for i in s.instances
            ]
            if skip_burned_in is None:
                burned = self._imaging.burned_in_count(sources)
                skip_burned_in = bool(burned) and self._ask_skip_burned_in(burned)
                if skip_burned_in is None:
                    return None
            skip = skip_burned_in

            def work(report: Any, cancel: Any) -> AnonymisedExport:
                return drive(
                    self._imaging.export_anonymised(
                        sources, folder, cancel, skip_burned_in=skip, patient_id=patient
                    ),
                    report,
                )
        else:
            skip = skip_burned_in is not False

            def work(report: Any, cancel: Any) -> AnonymisedExport:
                fetched = drive(self._imaging.study_sources(study.study_uid, cancel), report)
                return drive(
                    self._imaging.export_anonymised(
                        fetched, folder, cancel, skip_burned_in=skip, patient_id=patient
                    ),
                    report,
                )

        return self._run(work, self._on_exported)

    def _ask_skip_burned_in(self, count: int) -> bool | None:
        """True to skip the images with burned-in text, False to export them, None to stop."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Anonymised export"))
        box.setText(
            self.tr(
                "%n images may show the patient's name or other data written into the picture "
                "(burned-in text), which anonymisation cannot remove.",
                "",
                count,
            )
        )
        skip = box.addButton(self.tr("Skip those images"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Export them anyway"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(skip)
        box.exec()
        clicked = box.clickedButton()
        return True if clicked is skip else False if clicked is keep else None

    def _on_exported(self, export: AnonymisedExport) -> None:
        text = self.tr("%n anonymised images written.", "", len(export.written))
        if export.skipped_burned_in:
            text += " " + self.tr(
                "%n images with burned-in text were left out.", "", export.skipped_burned_in
            )
        self.status.setText(text)

    def show_tags(self) -> None:
        viewer = self.active
        if viewer.stack is not None and viewer.count:
            TagBrowser(viewer.stack.dataset(viewer.index), self).exec()

    # -- workers ---------------------------------------------------------------------------
    def _run(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], Any],
        progress: Callable[[Any], Any] | None = None,
    ) -> Worker:
        """Run ``fn`` off the GUI thread; its result is dropped if the patient changed since
        (a slow answer must never show one patient's images or report under another)."""
        worker = Worker(fn)
        guard = self.context.guard
        worker.signals.succeeded.connect(guard(on_done))
        worker.signals.failed.connect(guard(self._on_failed))
        if progress is not None:
            worker.signals.progress.connect(guard(progress))
        worker.signals.finished.connect(
            lambda: self._workers.remove(worker) if worker in self._workers else None
        )
        self._workers.append(worker)
        worker.start()
        return worker

    def _on_failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.status.setText(user_message(exc))

    def warn(self, text: str) -> None:
        QMessageBox.information(self, self.tr("Images"), text)


def _qimage(pixels: np.ndarray) -> QImage:
    h, w = pixels.shape[:2]
    if pixels.ndim == 3:
        return QImage(pixels.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
    return QImage(pixels.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
