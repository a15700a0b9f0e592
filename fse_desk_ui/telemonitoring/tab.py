"""The *Telemonitoraggio* tab: the patient's charts, summaries and plan.

The data (tracks of up to 26,000 CGM readings, alarms, summaries) is read and
computed on a worker; the tab only draws the result, so opening it never stalls.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fse_desk.domain.patient import Patient
from fse_desk.errors import FseDeskError
from fse_desk.telemonitoring.service import PatientTelemonitoring
from fse_desk.workstation import Workstation
from fse_desk_ui.messages import user_message
from fse_desk_ui.telemonitoring.agp_view import AgpWidget
from fse_desk_ui.telemonitoring.charts import TrackCharts
from fse_desk_ui.telemonitoring.publish_dialog import RilevazioneDialog
from fse_desk_ui.telemonitoring.reports import ReportKind, build_report
from fse_desk_ui.telemonitoring.texts import (
    plan_html,
    plan_state_text,
    summary_lines,
)
from fse_desk_ui.workers import Worker

# (label, days); None is everything.
RANGES: tuple[tuple[str, float | None], ...] = (
    ("7 d", 7),
    ("30 d", 30),
    ("90 d", 90),
    ("1 y", 365),
    ("all", None),
)


class TelemonitoringTab(QWidget):
    """``loaded`` fires when a patient's data has been drawn."""

    loaded = Signal()

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self.patient: Patient | None = None
        self.view: PatientTelemonitoring | None = None
        self._generation = 0
        self._workers: list[Worker] = []
        self._pending_focus: float | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)  # a long note wraps instead of widening the window
        self.hover_label = QLabel(" ")
        self.hover_label.setObjectName("telemonitoringHover")
        self.charts = TrackCharts()
        self.charts.hovered.connect(self.hover_label.setText)
        self.range_buttons = QButtonGroup(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period:")))
        labels = {
            "7 d": self.tr("7 d"),
            "30 d": self.tr("30 d"),
            "90 d": self.tr("90 d"),
            "1 y": self.tr("1 y"),
            "all": self.tr("all"),
        }
        for n, (key, days) in enumerate(RANGES):
            button = QPushButton(labels[key])
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, d=days: self.charts.set_range_days(d))
            self.range_buttons.addButton(button, n)
            top.addWidget(button)
        self.range_buttons.button(1).setChecked(True)
        top.addStretch(1)
        top.addWidget(self.status)
        self.report_button = QPushButton(self.tr("Report…"))
        menu = QMenu(self.report_button)
        for kind, text in (
            (ReportKind.PERIOD, self.tr("Period report (PDF)")),
            (ReportKind.AGP, self.tr("AGP, one page (PDF)")),
            (ReportKind.RILEVAZIONE, self.tr("Report rilevazione for the FSE (PDF)")),
        ):
            action = menu.addAction(text)
            action.triggered.connect(functools.partial(self.save_report, kind))
        menu.addSeparator()
        self.publish_action = menu.addAction(self.tr("Sign and publish the Report rilevazione…"))
        self.publish_action.triggered.connect(self.publish_report)
        self.report_button.setMenu(menu)
        self.report_button.setEnabled(False)
        top.addWidget(self.report_button)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.agp = AgpWidget()
        self.agp.hide()
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.plan_label.setObjectName("telemonitoringPlan")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.plan_label)
        side_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(260)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.charts, 3)
        left_layout.addWidget(self.hover_label)
        left_layout.addWidget(self.summary_label)
        left_layout.addWidget(self.agp, 2)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def show_patient(self, patient: Patient | None, focus_at: float | None = None) -> None:
        """Load ``patient``'s data off the GUI thread; ``focus_at`` (epoch seconds) centres
        the charts on that instant once drawn (an alarm opened from the inbox)."""
        self.patient = patient
        self._generation += 1
        self._pending_focus = focus_at
        self.view = None
        self.charts.show_view(None)
        self.agp.show_summary(None)
        self.agp.hide()
        self.summary_label.clear()
        self.plan_label.clear()
        self.report_button.setEnabled(False)
        if patient is None:
            self.status.clear()
            return
        self.status.setText(self.tr("Loading…"))
        self.charts.prepare()  # the empty charts get built while the data loads
        generation, patient_id = self._generation, patient.id
        worker = Worker(
            lambda report, cancel: self._workstation.telemonitoring.patient_view(patient_id)
        )

        def deliver(view: Any) -> None:
            if generation == self._generation:
                self._draw(view)

        worker.signals.succeeded.connect(deliver)
        worker.signals.failed.connect(lambda exc: self.status.setText(user_message(exc)))
        worker.signals.finished.connect(
            lambda: self._workers.remove(worker) if worker in self._workers else None
        )
        self._workers.append(worker)
        worker.start()

    def refresh(self) -> None:
        self.show_patient(self.patient)

    def _draw(self, view: PatientTelemonitoring) -> None:
        """Draw in two event-loop turns (charts, then summaries and AGP), so neither
        holds the GUI long."""
        self.view = view
        self.charts.show_view(view)
        if self._pending_focus is not None:
            self.charts.centre_on(self._pending_focus)
        else:
            checked = self.range_buttons.checkedId()
            self.charts.set_range_days(RANGES[max(checked, 0)][1])
        generation = self._generation
        QTimer.singleShot(0, lambda: self._draw_side(view, generation))

    def _draw_side(self, view: PatientTelemonitoring, generation: int) -> None:
        if generation != self._generation:
            return  # another patient was chosen meanwhile
        if view.plan is None and not view.tracks:
            self.status.setText(self.tr("Not enrolled in telemonitoring; no readings."))
        elif view.plan is None:
            self.status.setText(
                self.tr("No telemonitoring plan; readings from the FSE and the desk.")
            )
        else:
            alarms = self.tr("%n alarm(s)", "", len(view.alarms))
            warning = plan_state_text(view.plan, view.plan_state)
            self.status.setText(f"{alarms}. {warning}" if warning else alarms)
        self.plan_label.setText(
            plan_html(view.plan, view.plan_state)
            if view.plan
            else self.tr("No telemonitoring plan.")
        )
        self.summary_label.setText("\n".join(summary_lines(view)))
        self.agp.setVisible(view.cgm is not None)
        self.agp.show_summary(view.cgm)
        self.report_button.setEnabled(bool(view.tracks))
        self.loaded.emit()

    # -- reports ------------------------------------------------------------------
    def report(self, kind: ReportKind) -> bytes:
        """The PDF of ``kind`` for the shown patient, with the charts as drawn here."""
        if self.view is None or self.patient is None:
            raise ValueError("no patient shown")
        return build_report(
            kind,
            self.view,
            self.patient,
            self._workstation.operator.display_name,
            self.charts,
            self.agp,
        )

    def save_report(self, kind: ReportKind, *_: object) -> None:
        if self.view is None or self.patient is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save report"), f"telemonitoraggio-{kind.value}.pdf", "PDF (*.pdf)"
        )
        if not path:
            return
        try:
            Path(path).write_bytes(self.report(kind))
        except OSError as exc:
            self.status.setText(user_message(exc))

    def rilevazione_dialog(self) -> RilevazioneDialog | None:
        """The confirmation dialog of the Report rilevazione drafted from what is shown;
        None (and the reason in the status line) when it cannot be drafted."""
        if self.view is None:
            return None
        try:
            draft = self._workstation.draft_telemonitoring_report(self.view)
        except FseDeskError as exc:
            self.status.setText(user_message(exc))
            return None
        return RilevazioneDialog(
            draft,
            self._workstation.publish_telemonitoring_report,
            self,
            signing=self._workstation.signing,
        )

    def publish_report(self, *_: object) -> None:
        dialog = self.rilevazione_dialog()
        if dialog is not None and dialog.exec() and dialog.entry_id is not None:
            self.status.setText(self.tr("Report rilevazione signed and queued for the FSE."))
