"""The main window: assistiti on the left, the patient workspace in the centre, status below."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QWidget,
)

from fse_desk._types import PatientId
from fse_desk.domain.patient import Patient
from fse_desk.domain.scheduling import Appointment
from fse_desk.workstation import Workstation
from fse_desk_ui.about_dialog import add_help_menu
from fse_desk_ui.agenda.agenda_view import AgendaView
from fse_desk_ui.agenda.televisits_tab import ReportActions, TelevisitsTab
from fse_desk_ui.core_bridge import CoreBridge
from fse_desk_ui.freshness_label import FreshnessLabel
from fse_desk_ui.imaging.images_tab import ImagesTab
from fse_desk_ui.messages import user_message
from fse_desk_ui.outbox_panel import OutboxPanel
from fse_desk_ui.patient_list import PatientListWidget
from fse_desk_ui.patient_workspace import PatientWorkspace
from fse_desk_ui.pss import PssTab
from fse_desk_ui.purpose_selector import PurposeSelector
from fse_desk_ui.screen_lock import InactivityWatcher, LockScreen, LockSettings
from fse_desk_ui.settings import settings_action
from fse_desk_ui.status_area import StatusArea
from fse_desk_ui.sync_controller import SyncController
from fse_desk_ui.telemonitoring.inbox_view import AlertInbox
from fse_desk_ui.telemonitoring.tab import TelemonitoringTab
from fse_desk_ui.timeline import TimelineWidget
from fse_desk_ui.vitals.vitals_tab import VitalsTab


class MainWindow(QMainWindow):
    locked = Signal()
    switch_user_requested = Signal()

    def __init__(
        self, workstation: Workstation, *, auto_sync: bool = True, lock: LockSettings | None = None
    ) -> None:
        """``lock``: lock after inactivity (None: never; ``fse_desk_ui.app.build_window``
        gives the settings)."""
        super().__init__()
        self.workstation = workstation
        self.setWindowTitle(self.tr("FSE Desk"))
        self.bridge = CoreBridge(workstation, self)
        self.patient_list = PatientListWidget(workstation)
        self.workspace = PatientWorkspace(workstation)
        context = workstation.patient_context
        self.timeline = TimelineWidget(workstation.timeline, context=context)
        self.workspace.add_tab(self.timeline, self.tr("Timeline"))
        self.pss_tab = PssTab(workstation.pss, workstation.operator, context=context)
        self.workspace.add_tab(self.pss_tab, self.tr("Profilo Sanitario Sintetico"))
        self.images_tab = ImagesTab(workstation, context=context)
        self.workspace.add_tab(self.images_tab, self.tr("Images"))
        self.vitals_tab = VitalsTab(workstation)
        self.workspace.add_tab(self.vitals_tab, self.tr("Vital signs"))
        self.telemonitoring_tab = TelemonitoringTab(workstation)
        self.workspace.add_tab(self.telemonitoring_tab, self.tr("Telemonitoring"))
        practitioner = workstation.operator.practitioner_id
        self.televisits_tab = TelevisitsTab(
            workstation.agenda,
            self._room_link,
            practice=self.tr("Casa della Salute"),
            own_reference=f"Practitioner/{practitioner}" if practitioner else None,
            reports=ReportActions(
                workstation.draft_televisit_report,
                workstation.publish_televisit_report,
                workstation.signing,
            ),
        )
        self.workspace.add_tab(self.televisits_tab, self.tr("Televisits"))
        # CF and birth date stay whole, the name elides (tooltip): at 125 % a 1,366 px laptop
        # screen is 1,093 logical pixels wide, and this plus the workspace must fit in it.
        self.patient_list.setMinimumWidth(340)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.patient_list)
        splitter.addWidget(self.workspace)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([560, 880])
        # While locked the stack shows the lock screen: the patient widgets are hidden,
        # not destroyed, so unsaved drafts survive.
        # The team's agenda is a tab beside the patients, not a window of its own: it gets
        # the whole width for the team's week and never leaves the window on a laptop.
        self.agenda_view = AgendaView(
            workstation.agenda,
            self._patient_name,
            self._room_link,
            freshness=FreshnessLabel(workstation, compact=False),
        )
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(splitter, self.tr("Patients"))
        self.views.addTab(self.agenda_view, self.tr("Agenda"))
        self.pages = QStackedWidget()
        self.pages.addWidget(self.views)
        self._content = self.views
        self.setCentralWidget(self.pages)
        self.lock_screen: LockScreen | None = None
        self._hidden_windows: list[QWidget] = []
        if lock is not None:
            self.lock_screen = LockScreen(lock)
            self.pages.addWidget(self.lock_screen)
            self.lock_screen.unlocked.connect(self.unlock)
            self.lock_screen.switch_user_requested.connect(self.switch_user_requested)
            self.inactivity = InactivityWatcher(lock.timeout_ms, self)
            self.inactivity.idle.connect(self.lock)

        self.status_area = StatusArea(workstation)
        self.statusBar().addPermanentWidget(self.status_area, 1)
        self.sync = SyncController(workstation, self)
        self.sync_action = QAction(self.tr("Sync now"), self)
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.setToolTip(self.tr("Fetch what is new in the regional FSE (F5)"))
        self.sync_action.triggered.connect(lambda: self.sync.sync_now(manual=True))
        toolbar = QToolBar(self.tr("Main"))
        toolbar.setMovable(False)
        toolbar.addAction(self.sync_action)
        self.outbox_action = QAction(self.tr("Outbox"), self)
        self.outbox_action.setToolTip(self.tr("Changes not yet on the FSE"))
        self.outbox_action.triggered.connect(self.show_outbox)
        toolbar.addAction(self.outbox_action)
        self.agenda_action = QAction(self.tr("Agenda"), self)
        self.agenda_action.setShortcut(QKeySequence("Ctrl+G"))
        self.agenda_action.setToolTip(self.tr("The team's agenda and today's televisits (Ctrl+G)"))
        self.agenda_action.triggered.connect(self.show_agenda)
        toolbar.addAction(self.agenda_action)
        self.agenda_view.changed.connect(self.sync.request_sync)
        self.outbox_panel: OutboxPanel | None = None
        self.inbox_action = QAction(self.tr("Alert inbox"), self)
        self.inbox_action.setToolTip(self.tr("Telemonitoring alarms of every enrolled patient"))
        self.inbox_action.triggered.connect(self.show_inbox)
        toolbar.addAction(self.inbox_action)
        toolbar.addAction(settings_action(self))
        self.inbox = AlertInbox(workstation)
        self.inbox.open_alarm.connect(self.open_alarm)
        self.inbox_dock = QDockWidget(self.tr("Alert inbox"), self)
        self.inbox_dock.setWidget(self.inbox)
        # Below the patient, not to its right: beside the patient list and the patient's
        # tabs (minimum ~1,200 px together) any side dock would widen the window past a
        # 1,366 px laptop screen; below, it shares the height the window has to spare.
        below = Qt.DockWidgetArea.BottomDockWidgetArea
        self.inbox_dock.setAllowedAreas(below | Qt.DockWidgetArea.TopDockWidgetArea)
        self.addDockWidget(below, self.inbox_dock)
        self.inbox_dock.hide()
        toolbar.addSeparator()
        purpose_caption = QLabel(self.tr("Purpose:"))
        purpose_caption.setContentsMargins(6, 0, 4, 0)
        toolbar.addWidget(purpose_caption)
        self.purpose_selector = PurposeSelector(workstation)
        toolbar.addWidget(self.purpose_selector)
        # Another professional signs in on this window; the app closes this session first.
        self.switch_user_action = QAction(self.tr("Switch user"), self)
        self.switch_user_action.setToolTip(
            self.tr("Close this session and let a colleague sign in with their profile")
        )
        self.switch_user_action.triggered.connect(self.switch_user_requested)
        toolbar.addAction(self.switch_user_action)
        self.addToolBar(toolbar)
        self.about_action = add_help_menu(self)

        self.patient_list.patient_selected.connect(self._on_patient_selected)
        self.bridge.status_changed.connect(self.status_area.show_status)
        self.bridge.purpose_changed.connect(self.status_area.show_purpose)
        self.bridge.patients_changed.connect(self._on_patients_changed)
        self.pss_tab.draft_discarded.connect(self._on_patients_changed)
        self.bridge.local_change_queued.connect(self.sync.request_sync)
        self.bridge.local_change_queued.connect(self._refresh_local_views)
        self.status_area.outbox_label.clicked.connect(self.show_outbox)
        self.sync.started.connect(lambda: self.sync_action.setEnabled(False))
        self.sync.progress.connect(self.status_area.show_progress)
        self.sync.finished.connect(self._on_sync_finished)
        self.sync.failed.connect(self._on_sync_failed)
        self.status_area.cancel_button.clicked.connect(self.sync.cancel)
        if auto_sync:
            self.sync.sync_now(manual=False)

    @property
    def is_locked(self) -> bool:
        return self.lock_screen is not None and self.pages.currentWidget() is self.lock_screen

    def lock(self) -> None:
        """Hide every patient datum (this window's content and its other windows)."""
        if self.lock_screen is None or self.is_locked:
            return
        self._hidden_windows = [
            w for w in QApplication.topLevelWidgets() if w is not self and w.isVisible()
        ]
        for window in self._hidden_windows:
            window.hide()
        for toolbar in self.findChildren(QToolBar):
            toolbar.setEnabled(False)
        self.pages.setCurrentWidget(self.lock_screen)
        self.lock_screen.reset()
        # Whoever unlocks the screen types the certificate's passphrase again to sign.
        self.workstation.signing.lock()
        self.locked.emit()

    def unlock(self) -> None:
        self.pages.setCurrentWidget(self._content)
        for toolbar in self.findChildren(QToolBar):
            toolbar.setEnabled(True)
        for window in self._hidden_windows:
            window.show()
        self._hidden_windows = []
        self.inactivity.restart()

    def _on_patient_selected(self, patient: Patient) -> None:
        self.workstation.patient_context.select(patient)

    def _on_patients_changed(self) -> None:
        self.patient_list.refresh()
        context = self.workstation.patient_context
        current = context.patient
        if current is not None:
            # A changed record (consent, say) is a new selection; new documents only refresh.
            context.select(self.workstation.patient(current.id))
            self._refresh_local_views()

    def _on_sync_finished(self, _summary: object) -> None:
        self.sync_action.setEnabled(True)
        self.status_area.hide_progress()
        self._refresh_local_views()

    def _room_link(self, appointment: Appointment, for_patient: bool) -> str:
        return self.workstation.room_link(appointment, for_patient=for_patient)

    def _patient_name(self, patient_id: str) -> str:
        patient = self.workstation.patient(PatientId(patient_id))
        return patient.display_name if patient is not None else ""

    def show_agenda(self) -> AgendaView:
        """The team's agenda, in its tab beside the patients."""
        self.views.setCurrentWidget(self.agenda_view)
        self.agenda_view.refresh()
        return self.agenda_view

    def _refresh_local_views(self) -> None:
        """What a sync or a local change may have altered for the patient on screen:
        new documents in the timeline and the list's counts, a newly published PSS version."""
        self.patient_list.refresh_new_counts()
        self.timeline.refresh()
        self.pss_tab.refresh_versions()
        self.vitals_tab.refresh()
        self.telemonitoring_tab.refresh()
        if self.inbox_dock.isVisible():
            self.inbox.refresh()
        self.televisits_tab.refresh()
        self.agenda_view.refresh()
        if self.outbox_panel is not None:
            self.outbox_panel.refresh()

    def show_inbox(self) -> AlertInbox:
        if not self.inbox_dock.isVisible():
            self.inbox_dock.show()
            # A third of the height: the charts above stay readable.
            self.resizeDocks([self.inbox_dock], [self.height() // 3], Qt.Orientation.Vertical)
        self.inbox.refresh()
        return self.inbox

    def open_alarm(self, patient_id: str, at: float) -> None:
        """Show the patient's telemonitoring charts centred on an alarm."""
        patient = self.workstation.patient(PatientId(patient_id))
        if patient is None:
            return
        self.workspace.show_patient(patient)
        self.workspace.tab_widget.setCurrentWidget(self.telemonitoring_tab)
        self.telemonitoring_tab.show_patient(patient, focus_at=at)

    def show_outbox(self) -> OutboxPanel:
        if self.outbox_panel is None:
            self.outbox_panel = OutboxPanel(self.workstation, self)
            self.outbox_panel.changed.connect(self._on_outbox_changed)
        self.outbox_panel.refresh()
        self.outbox_panel.show()
        self.outbox_panel.raise_()
        return self.outbox_panel

    def _on_outbox_changed(self) -> None:
        self.vitals_tab.refresh()
        self.sync.request_sync()

    def _on_sync_failed(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Sync"), user_message(exc))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sync.shutdown()
        if self.outbox_panel is not None:
            self.outbox_panel.close()
        super().closeEvent(event)
