"""The "Profilo Sanitario Sintetico" tab: the patient's current PSS, read-only, and its
earlier versions.

The version list comes from the cache; a version's CDA is read off the GUI thread
(fetched once when not cached, every reading audited by the core). An operator who
may not publish this patient's PSS (not an MMG/PLS, or not the patient's own) sees why,
above the document; one who may gets the button that opens the editor in the tab.
"""

from __future__ import annotations

import enum
import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fse_desk.domain.patient import ConsentState, Patient
from fse_desk.domain.roles import Role
from fse_desk.errors import ConsentMissing
from fse_desk.patient_context import PatientContext
from fse_desk.pss.errors import PublishRefusal
from fse_desk.pss.model import Pss
from fse_desk.pss.service import PssService, PssVersion, PublisherLike
from fse_desk_ui.formatting import format_date, format_datetime
from fse_desk_ui.messages import user_message
from fse_desk_ui.plain_labels import rich_label
from fse_desk_ui.pss.copy_button import PatientCopyButton
from fse_desk_ui.pss.editor import PssEditor
from fse_desk_ui.pss.editor.launcher import EditLauncher
from fse_desk_ui.pss.print_button import PrintButton
from fse_desk_ui.pss.section_table import SectionTable
from fse_desk_ui.pss.sections import PssTexts, SectionView
from fse_desk_ui.workers import Worker

VERSION_ROLE = Qt.ItemDataRole.UserRole + 1


class PssTab(QWidget):
    shown = Signal(object)  # the Pss shown, the exception shown as an error card, or None
    editor_opened = Signal(object)  # the PssEditor now shown in place of the versions
    draft_discarded = Signal(object)  # a departed patient's draft: the assistiti list changes

    def __init__(
        self,
        service: PssService,
        operator: PublisherLike,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
        context: PatientContext | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        # The window's shared context; a tab of its own (tests) gets a private one.
        self.context = context if context is not None else PatientContext()
        self._operator = operator
        self.patient: Patient | None = None
        self.versions: list[PssVersion] = []
        self.pss: Pss | None = None
        self._seq = 0
        self._read_on_show = False
        self._workers: set[Worker] = set()

        self.copy_button = PatientCopyButton()
        self.print_button = PrintButton()
        self.header_label = rich_label(QLabel())  # its values are escaped below
        self.header_label.setObjectName("pssHeader")
        self.header_label.setWordWrap(True)
        self.header_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.superseded_label = QLabel()
        self.superseded_label.setObjectName("pssSuperseded")
        self.superseded_label.setWordWrap(True)
        self.readonly_label = QLabel()
        self.readonly_label.setObjectName("pssReadOnly")
        self.readonly_label.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setMaximumWidth(160)
        self.progress_label = QLabel(self.tr("Loading the PSS…"))
        progress = QHBoxLayout()
        progress.addWidget(self.progress_label)
        progress.addWidget(self.progress_bar)
        progress.addStretch(1)

        self.version_list = QListWidget()
        self.version_list.setObjectName("pssVersions")
        self.version_list.setMinimumWidth(250)
        self.version_list.setWordWrap(True)
        versions_box = QWidget()
        versions_layout = QVBoxLayout(versions_box)
        versions_layout.setContentsMargins(0, 0, 0, 0)
        versions_title = QLabel(self.tr("Versions"))
        versions_title.setObjectName("pssSectionTitle")
        versions_layout.addWidget(versions_title)
        versions_layout.addWidget(self.version_list, 1)

        self.sections_box = QWidget()
        self.sections_layout = QVBoxLayout(self.sections_box)
        self.sections_layout.setContentsMargins(6, 0, 6, 6)
        self.document_scroll = QScrollArea()
        self.document_scroll.setWidgetResizable(True)
        self.document_scroll.setWidget(self.sections_box)
        self.error_card = QLabel()
        self.error_card.setObjectName("errorCard")
        self.error_card.setWordWrap(True)
        self.error_card.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.document_stack = QStackedWidget()
        self.document_stack.addWidget(self.document_scroll)
        self.document_stack.addWidget(self.error_card)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(versions_box)
        self.splitter.addWidget(self.document_stack)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([270, 900])

        self.message_label = QLabel()
        self.message_label.setObjectName("pssMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.message_label)

        self.versions_page = QWidget()
        layout = QVBoxLayout(self.versions_page)
        layout.setContentsMargins(0, 0, 0, 0)
        header_row = QHBoxLayout()
        header_row.addWidget(self.header_label, 1)
        header_row.addWidget(self.copy_button)
        header_row.addWidget(self.print_button)
        layout.addLayout(header_row)
        layout.addWidget(self.superseded_label)
        layout.addLayout(progress)
        layout.addWidget(self.stack, 1)
        self.launcher = EditLauncher(service, operator, today=today)
        self.launcher.editor_opened.connect(self._on_editor_opened)
        self.launcher.editor_closed.connect(self._on_editor_closed)
        self.launcher.draft_discarded.connect(self.draft_discarded)
        self.pages = QStackedWidget()  # the versions, or the editor of a new one
        self.pages.addWidget(self.versions_page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(self.readonly_label)
        outer.addWidget(self.launcher)
        outer.addWidget(self.pages, 1)
        self._set_busy(False)
        self._show_readonly_reason()
        self.version_list.currentItemChanged.connect(self._on_version_changed)
        self._on_patient_changed(None)
        self.context.changed.connect(self._on_patient_changed)

    # -- patient ------------------------------------------------
    def show_patient(self, patient: Patient | None) -> None:
        """Select ``patient`` in this tab's context; None clears the tab."""
        self.context.select(patient)

    def reload(self) -> None:
        """Read the versions again, keeping an open editor."""
        self._on_patient_changed(self.patient)

    def refresh_versions(self) -> None:
        """After a sync or a publication: show the versions again if the cache's differ
        (a new current version), and leave the version being read alone otherwise."""
        if self.patient is None or self.patient.consent is not ConsentState.GRANTED:
            return
        try:
            cached = self._service.history(self.patient.id)
        except Exception:  # the next full reload shows the error card; nothing to change now
            return
        if cached != self.versions:
            self.reload()

    def _on_patient_changed(self, patient: Patient | None) -> None:
        """Show this patient's PSS versions at once (a version is read off the GUI thread)."""
        self._seq += 1
        self._read_on_show = False
        self.patient = patient
        self.versions = []
        self.pss = None
        self._show_readonly_reason()
        self.launcher.show_patient(patient)
        self.pages.setCurrentWidget(self.launcher.editor or self.versions_page)
        self._clear_document()
        self.version_list.blockSignals(True)
        self.version_list.clear()
        self.version_list.blockSignals(False)
        self._set_busy(False)
        if patient is None:
            self._show_message("")
            return
        if patient.consent is not ConsentState.GRANTED:
            self._show_message(
                user_message(
                    ConsentMissing(
                        f"patient {patient.id} has not consented to the consultation of the FSE"
                    )
                )
            )
            self.shown.emit(None)
            return
        try:
            self.versions = self._service.history(patient.id)
        except Exception as exc:  # shown, never swallowed: the card says what to do
            self._show_message(user_message(exc))
            self.shown.emit(exc)
            return
        if not self.versions:
            self._show_message(
                self.tr(
                    "No Profilo Sanitario Sintetico has been published for this patient in the "
                    "FSE yet."
                )
            )
            self.shown.emit(None)
            return
        self.stack.setCurrentWidget(self.splitter)
        for version in self.versions:
            item = QListWidgetItem(self._version_text(version))
            item.setData(VERSION_ROLE, version)
            item.setToolTip(version.author)
            self.version_list.addItem(item)
        # Reading a version is logged as an access: do it when the doctor looks at the tab.
        self._read_on_show = not self.isVisible()
        if not self._read_on_show:
            self.version_list.setCurrentRow(0)

    # -- editing ------------------------------------------------
    def _on_editor_opened(self, editor: PssEditor) -> None:
        self.pages.addWidget(editor)
        self.pages.setCurrentWidget(editor)
        self.editor_opened.emit(editor)

    def _on_editor_closed(self) -> None:
        self.reload()  # the versions again; "Resume draft" or "New version"

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._read_on_show:
            self._read_on_show = False
            self.version_list.setCurrentRow(0)

    def select_version(self, row: int) -> None:
        """Show the version at ``row`` of the list (0 = current)."""
        self.version_list.setCurrentRow(row)

    # -- reading ------------------------------------------------
    def _on_version_changed(self, item: QListWidgetItem | None, _old: object) -> None:
        if item is None:
            return
        version = item.data(VERSION_ROLE)
        if not isinstance(version, PssVersion):
            return
        self._seq += 1
        seq = self._seq
        self._clear_document()
        self._set_busy(True)
        service = self._service
        worker = Worker(lambda _r, _c: service.read(version.document_id))
        guard = self.context.guard
        worker.signals.succeeded.connect(guard(lambda pss: self._on_read(seq, version, pss)))
        worker.signals.failed.connect(guard(lambda exc: self._on_failed(seq, version, exc)))
        self._workers.add(worker)
        worker.signals.finished.connect(lambda: self._workers.discard(worker))
        worker.start()

    def _on_read(self, seq: int, version: PssVersion, pss: Pss) -> None:
        if seq != self._seq:
            return
        self._set_busy(False)
        self.pss = pss
        self.copy_button.show_pss(pss)
        self.print_button.show_pss(pss)
        self._show_header(version, pss)
        self._fill_sections(pss)
        self.document_stack.setCurrentWidget(self.document_scroll)
        self.shown.emit(pss)

    def _on_failed(self, seq: int, version: PssVersion, exc: BaseException) -> None:
        if seq != self._seq:
            return
        self._set_busy(False)
        self.header_label.setText(
            self.tr("Version of {date} — {author}").format(
                date=format_datetime(version.date), author=version.author
            )
        )
        self._show_superseded(version)
        self.error_card.setText(user_message(exc))
        self.document_stack.setCurrentWidget(self.error_card)
        self.shown.emit(exc)

    # -- showing ------------------------------------------------
    def _version_text(self, version: PssVersion) -> str:
        state = self.tr("current") if version.current else self.tr("superseded")
        return self.tr("Version {n} of {date} ({state})\n{author}").format(
            n=version.number,
            date=format_date(version.date.date()),
            state=state,
            author=version.author,
        )

    def _show_header(self, version: PssVersion, pss: Pss) -> None:
        author = f"{pss.author.given} {pss.author.family}".strip()
        self.header_label.setText(
            self.tr(
                "<b>Profilo Sanitario Sintetico</b> — version {n} of {date}<br>"
                "Written by {author} · {custodian}"
            ).format(
                n=pss.version,
                date=format_datetime(pss.effective_time),
                author=html.escape(author),
                custodian=html.escape(pss.custodian.name),
            )
        )
        self._show_superseded(version)

    def _show_superseded(self, version: PssVersion) -> None:
        current = next((v for v in self.versions if v.current), None)
        if version.current or current is None:
            self.superseded_label.hide()
            return
        self.superseded_label.setText(
            self.tr(
                "Superseded version: this is not the current PSS. The current one is version {n} "
                "of {date}."
            ).format(n=current.number, date=format_date(current.date.date()))
        )
        self.superseded_label.show()

    def _fill_sections(self, pss: Pss) -> None:
        missing: list[str] = []
        texts = PssTexts(self)
        for view in texts.section_views():
            entries = pss.entries(view.key)
            kept = pss.read_only(view.key)
            if entries:
                self._add_section(view, SectionTable(view.columns, [view.row(e) for e in entries]))
                if kept:
                    self.sections_layout.addWidget(
                        self._note(texts.read_only(kept), "pssKeptAsWritten")
                    )
            elif kept:
                self._add_section(view, self._note(texts.read_only(kept), "pssKeptAsWritten"))
            elif pss.is_none(view.key):
                self._add_section(view, self._note(view.none_text, "pssNone"))
            else:
                missing.append(view.title)
        if missing:
            self.sections_layout.addWidget(
                self._note(
                    self.tr("Not recorded in this version: {sections}.").format(
                        sections=", ".join(missing)
                    ),
                    "pssMissing",
                )
            )
        self.sections_layout.addStretch(1)

    def _add_section(self, view: SectionView, body: QWidget) -> None:
        title = QLabel(view.title)
        title.setObjectName("pssSectionTitle")
        body.setObjectName(body.objectName() or f"pss_{view.key}")
        body.setProperty("section", view.key)
        self.sections_layout.addWidget(title)
        self.sections_layout.addWidget(body)

    @staticmethod
    def _note(text: str, name: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        return label

    def section_widget(self, key: str) -> QWidget | None:
        """The table or the "none" note shown for section ``key``, if shown."""
        for i in range(self.sections_layout.count()):
            item = self.sections_layout.itemAt(i)
            widget = item.widget() if item is not None else None
            if widget is not None and widget.property("section") == key:
                return widget
        return None

    def _clear_document(self) -> None:
        while self.sections_layout.count():
            item = self.sections_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.header_label.clear()
        self.header_label.setVisible(self.patient is not None)
        self.copy_button.show_pss(None)
        self.copy_button.setVisible(self.patient is not None)
        self.print_button.show_pss(None)
        self.print_button.setVisible(self.patient is not None)
        self.superseded_label.hide()
        self.error_card.clear()
        self.document_stack.setCurrentWidget(self.document_scroll)

    def _show_message(self, text: str) -> None:
        self.header_label.hide()
        self.copy_button.hide()
        self.print_button.hide()
        self.message_label.setText(text)
        self.stack.setCurrentWidget(self.message_label)

    def _set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.progress_label.setVisible(busy)

    def _show_readonly_reason(self) -> None:
        allowed, reason = self._service.can_publish(self._operator, self.patient)
        if allowed:
            self.readonly_label.hide()
            return
        if reason is PublishRefusal.NOT_PATIENTS_GP:
            text = self.tr(
                "Read only: only the patient's own GP (MMG) or family paediatrician (PLS) can "
                "publish this PSS, and the FSE does not name you as this patient's doctor."
            )
        else:
            roles: dict[enum.Enum, str] = {  # keyed like OperatorLike.role
                Role.SPECIALIST: self.tr("specialist"),
                Role.NURSE: self.tr("nurse"),
                Role.SOCIAL_WORKER: self.tr("social worker"),
            }
            role = roles.get(self._operator.role, str(self._operator.role.value))
            text = self.tr(
                "Read only: only the patient's GP (MMG) or family paediatrician (PLS) can write "
                "and publish the PSS. You are signed in as {role}."
            ).format(role=role)
        self.readonly_label.setText(text)
        self.readonly_label.show()
