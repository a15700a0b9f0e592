"""``fse-desk --self-test``: prove an installation works end to end, with no display and
without touching the user's data.

It starts offscreen, makes a throwaway profile in a temporary folder (its encrypted cache,
its key in a file there: the user's OS keyring is never read or written), starts the demo
region, syncs a few patients, and renders what a doctor looks at: a CDA, a PDF page, a
DICOM frame and a chart, each checked to have drawn something. Exit status 0 when every
step passed; otherwise 1 and one Italian sentence on standard error.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QLocale, QThreadPool
from PySide6.QtWidgets import QWidget

from fse_desk._types import PatientId
from fse_desk.config import AppConfig, DemoConfig
from fse_desk.documents import render_page
from fse_desk.domain.imaging import StudySource
from fse_desk.imaging.stack import ImageStack
from fse_desk.progress import drive
from fse_desk.startup import open_workstation
from fse_desk.timeline import BodyKind, OpenedDocument
from fse_desk.workstation import Workstation
from fse_desk_ui.app import build_window, create_application
from fse_desk_ui.imaging.viewer import ImageViewer
from fse_desk_ui.main_window import MainWindow
from fse_desk_ui.messages import user_message
from fse_desk_ui.pdf_pages import page_label
from fse_desk_ui.timeline.lab_chart import LabChartDialog
from fse_desk_ui.timeline.reader import DocumentReader

# Patients in the throwaway demo region: enough for every kind of document and a study.
SELF_TEST_PATIENTS = 30
SELF_TEST_SEED = 42


class SelfTestFailed(Exception):
    """A step ran but what it drew or found was not what a working install gives."""


@dataclass(frozen=True, slots=True)
class _Step:
    label: str  # translated by the caller
    run: Callable[[], str]  # returns a short detail for the report line


def run_self_test(out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run every step in order, stop at the first failure; return the exit status."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before the QApplication exists
    # A throwaway cache must never put its key in (or over) the user's keyring entry:
    # with no keyring the demo profile keeps its key in a file beside the cache.
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    with tempfile.TemporaryDirectory(prefix="fse-desk-self-test-") as folder:
        return _run(Path(folder), out, err)


def _run(folder: Path, out: TextIO, err: TextIO) -> int:
    app = create_application(["fse-desk", "--self-test"])
    config = AppConfig(
        user=None,
        region=None,
        demo=DemoConfig(seed=SELF_TEST_SEED, patients=SELF_TEST_PATIENTS),
        data_dir=folder,
    )
    checks = _Checks(config)
    steps = [
        _Step(QCoreApplication.translate("SelfTest", "Qt's own Italian texts"), checks.qt_italian),
        _Step(
            QCoreApplication.translate(
                "SelfTest", "open the encrypted cache and start the demo region"
            ),
            checks.open,
        ),
        _Step(QCoreApplication.translate("SelfTest", "sync the patients"), checks.sync),
        _Step(QCoreApplication.translate("SelfTest", "open the main window"), checks.window),
        _Step(QCoreApplication.translate("SelfTest", "show a CDA document"), checks.cda),
        _Step(QCoreApplication.translate("SelfTest", "render a PDF page"), checks.pdf),
        _Step(QCoreApplication.translate("SelfTest", "show a DICOM image"), checks.dicom),
        _Step(QCoreApplication.translate("SelfTest", "draw a chart"), checks.chart),
    ]
    try:
        for step in steps:
            started = time.monotonic()
            try:
                detail = step.run()
            except Exception as exc:  # any failure is reported in words, never a traceback
                why = str(exc) if isinstance(exc, SelfTestFailed) else user_message(exc)
                message = QCoreApplication.translate(
                    "SelfTest", "Self-test failed at step “{step}”: {why}"
                )
                print(message.format(step=step.label, why=why), file=err)
                return 1
            seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
            print(f"ok  {step.label}: {detail} ({seconds} s)", file=out, flush=True)
            app.processEvents()
    finally:
        checks.close()
        QThreadPool.globalInstance().waitForDone()
    print(
        QCoreApplication.translate(
            "SelfTest", "Self-test passed: FSE Desk works on this computer."
        ),
        file=out,
    )
    return 0


def _colours(widget: QWidget) -> int:
    """How many different colours ``widget`` draws (on a grid of samples): a blank or
    failed rendering gives one or two."""
    image = widget.grab().toImage()
    step_x, step_y = max(image.width() // 64, 1), max(image.height() // 64, 1)
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step_x)
            for y in range(0, image.height(), step_y)
        }
    )


def _drawn(widget: QWidget, blank: str, at_least: int = 3) -> None:
    """Raise with the sentence ``blank`` unless ``widget`` draws something."""
    widget.resize(max(widget.width(), 800), max(widget.height(), 600))
    if _colours(widget) < at_least:
        raise SelfTestFailed(blank)


class _Checks:
    """The steps, sharing the workstation they open; each returns its report detail."""

    def __init__(self, config: AppConfig) -> None:
        self.config = config
        self._workstation: Workstation | None = None
        self._window: MainWindow | None = None
        self._lab: tuple[PatientId, str] | None = None  # a lab result to chart

    @property
    def workstation(self) -> Workstation:
        if self._workstation is None:
            raise SelfTestFailed(
                QCoreApplication.translate("SelfTest", "the workstation is not open")
            )
        return self._workstation

    def qt_italian(self) -> str:
        """Qt's standard dialogs speak Italian: the bundle kept Qt's Italian translations."""
        if QLocale().language() is not QLocale.Language.Italian:
            return QLocale().languageToString(QLocale().language())
        # Names in variables: lupdate must not copy Qt's text into our own translations
        # (ours would then answer for Qt's, and hide their absence).
        context, text = "QPlatformTheme", "Cancel"
        translated = QCoreApplication.translate(context, text)
        if translated == text:
            raise SelfTestFailed(
                QCoreApplication.translate(
                    "SelfTest",
                    "Qt's Italian translations are missing: standard dialogs would be in English",
                )
            )
        return translated

    def open(self) -> str:
        self._workstation = open_workstation(self.config)
        if not self._workstation.cache_key_in_file:
            raise SelfTestFailed(
                QCoreApplication.translate(
                    "SelfTest", "the throwaway cache key did not stay in its folder"
                )
            )
        return QCoreApplication.translate("SelfTest", "encrypted cache of a throwaway profile")

    def sync(self) -> str:
        pulled = self.workstation.sync().pulled
        if pulled.patients < 1 or pulled.documents < 1:
            raise SelfTestFailed(
                QCoreApplication.translate(
                    "SelfTest", "the sync brought no patients or no documents"
                )
            )
        return QCoreApplication.translate(
            "SelfTest", "{patients} patients, {documents} documents"
        ).format(patients=pulled.patients, documents=pulled.documents)

    def window(self) -> str:
        self._window = build_window(self.config, self.workstation, auto_sync=False)
        self._window.show()
        _drawn(
            self._window, QCoreApplication.translate("SelfTest", "the main window was drawn blank")
        )
        return self._window.windowTitle()

    def _opened(self, kind: BodyKind) -> Iterator[OpenedDocument]:
        """Documents of the synced patients' timelines whose body is of ``kind``."""
        ws = self.workstation
        for patient in ws.search_patients("", limit=SELF_TEST_PATIENTS):
            for entry in ws.timeline.view(patient.id).entries:
                opened = ws.timeline.open_document(entry.id)
                if opened.kind is kind and opened.error is None:
                    yield opened

    def cda(self) -> str:
        for opened in self._opened(BodyKind.CDA):
            if opened.cda is None or not opened.cda.lab_results:
                continue  # a lab report: its results are charted next
            self._lab = (opened.meta.patient_id, opened.cda.lab_results[0].loinc)
            reader = DocumentReader()
            reader.show_document(opened)
            reader.show()
            if not reader.cda_view.toPlainText().strip():
                raise SelfTestFailed(
                    QCoreApplication.translate("SelfTest", "the CDA document showed no text")
                )
            _drawn(
                reader, QCoreApplication.translate("SelfTest", "the CDA document was drawn blank")
            )
            reader.close()
            return opened.meta.title
        raise SelfTestFailed(
            QCoreApplication.translate(
                "SelfTest", "no lab report in CDA among the synced documents"
            )
        )

    def pdf(self) -> str:
        for opened in self._opened(BodyKind.PDF):
            label = page_label(render_page(opened.data, 0))
            _drawn(label, QCoreApplication.translate("SelfTest", "the PDF page was drawn blank"))
            return opened.meta.title
        raise SelfTestFailed(
            QCoreApplication.translate("SelfTest", "no PDF among the synced documents")
        )

    def dicom(self) -> str:
        ws = self.workstation
        for patient in ws.search_patients("", limit=SELF_TEST_PATIENTS):
            found = drive(ws.imaging.studies(patient))
            if found.pacs_error is not None:
                raise found.pacs_error
            for study in found.studies:
                if study.source is not StudySource.PACS:
                    continue
                for series in ws.imaging.series(study.study_uid):
                    stack = ImageStack()
                    drive(ws.imaging.load_series(series, stack))
                    if not len(stack):
                        continue
                    viewer = ImageViewer()
                    viewer.set_stack(stack)
                    viewer.show()
                    _drawn(
                        viewer,
                        QCoreApplication.translate("SelfTest", "the DICOM image was drawn blank"),
                    )
                    viewer.close()
                    return f"{series.modality}, {len(stack)}"
        raise SelfTestFailed(
            QCoreApplication.translate("SelfTest", "no DICOM study on the demo PACS")
        )

    def chart(self) -> str:
        if self._lab is None:
            raise SelfTestFailed(QCoreApplication.translate("SelfTest", "no lab result to chart"))
        series = self.workstation.timeline.lab_series(*self._lab)
        if not series.points:
            raise SelfTestFailed(
                QCoreApplication.translate("SelfTest", "the lab result has no values to chart")
            )
        dialog = LabChartDialog(series)
        dialog.show()
        _drawn(dialog, QCoreApplication.translate("SelfTest", "the chart was drawn blank"))
        dialog.close()
        return series.name

    def close(self) -> None:
        if self._window is not None:
            self._window.sync.shutdown()
            self._window.close()
        if self._workstation is not None:
            self._workstation.close()
