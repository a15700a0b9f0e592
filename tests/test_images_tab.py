"""The "Immagini" tab with real files: open a folder, scroll, window, measure, export."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage

from fse_desk.imaging.service import ImagingService
from fse_desk_ui.imaging.images_tab import ImagesTab
from tests.imaging_files import ct_series


def _tab(qtbot) -> ImagesTab:
    imaging = ImagingService(documents=lambda _p: [], document_body=lambda _d: ("", b""))
    tab = ImagesTab(SimpleNamespace(imaging=imaging))
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    return tab


def test_open_a_folder_scroll_window_measure_and_export(qtbot, tmp_path: Path) -> None:
    for n, raw in enumerate(ct_series(8)):
        (tmp_path / f"im{n}.dcm").write_bytes(raw)
    (tmp_path / "junk.txt").write_bytes(b"not an image at all" * 10)
    tab = _tab(qtbot)
    with qtbot.waitSignal(tab.series_list.model().rowsInserted, timeout=15000):
        tab.open_paths([tmp_path])
    assert tab.study_tree.topLevelItemCount() == 1
    assert tab.failure_list.count() == 1 and "junk.txt" in tab.failure_list.item(0).text()
    viewer = tab.active
    qtbot.waitUntil(lambda: viewer.count == 8 and tab._load_worker is None, timeout=15000)
    assert "Image 1 of 8" in viewer.overlay_labels["bl"].text()
    viewer.setFocus()
    qtbot.keyClick(viewer, Qt.Key.Key_Down)
    assert viewer.index == 1
    viewer.slider.setValue(5)
    assert viewer.index == 5
    viewer.apply_preset("bone")
    assert "W 1800 L 400 HU" in viewer.overlay_labels["bl"].text()
    m = viewer.add_measurement("length", [QPointF(0, 0), QPointF(100, 0)])
    assert m.text == "70,0 mm"  # 100 pixels of 0,7 mm, decimal comma
    roi = viewer.add_measurement("ellipse", [QPointF(200, 200), QPointF(260, 260)])
    assert "HU" in roi.text
    viewer.remove_measurement(m)
    assert viewer.measurements == [roi]
    png = tmp_path / "view.png"
    assert tab.export_png(png, overlays=False)
    assert not QImage(str(png)).isNull()


def test_a_length_without_pixel_spacing_is_refused(qtbot, tmp_path: Path) -> None:
    import numpy as np

    from tests.imaging_files import grey_image

    grey_image(np.arange(64 * 64, dtype=np.uint16).reshape(64, 64)).save_as(
        tmp_path / "ot.dcm", enforce_file_format=True
    )
    tab = _tab(qtbot)
    with qtbot.waitSignal(tab.series_list.model().rowsInserted, timeout=15000):
        tab.open_paths([tmp_path])
    viewer = tab.active
    qtbot.waitUntil(lambda: viewer.info is not None, timeout=15000)
    with qtbot.waitSignal(viewer.measurement_refused, timeout=2000) as blocker:
        viewer.add_measurement("length", [QPointF(0, 0), QPointF(10, 10)])
    assert "Pixel Spacing" in blocker.args[0]


def test_an_ultrasound_loop_plays_as_cine_and_1x2_compares_two_series(
    qtbot,
    tmp_path: Path,
) -> None:
    from fse_desk_sandbox.imaging.studies import StudyRef, instances, series_of

    ref = StudyRef(
        "2.25.6060",
        "RSSMRA70A01A944X",
        "ROSSI^MARIO",
        "19700101",
        "M",
        "ultrasound",
        "Ecografia addome",
        "20250314",
    )
    (tmp_path / "us.dcm").write_bytes(next(instances(ref, series_of(ref)[0].series_uid)))
    tab = _tab(qtbot)
    with qtbot.waitSignal(tab.series_list.model().rowsInserted, timeout=15000):
        tab.open_paths([tmp_path])
    viewer = tab.active
    qtbot.waitUntil(lambda: viewer.info is not None and tab._load_worker is None, timeout=15000)
    assert viewer.count == 40 and viewer.info.frame_time_ms == 40.0
    viewer.play_cine(50)
    with qtbot.waitSignals([viewer.slice_changed, viewer.slice_changed], timeout=3000):
        pass
    viewer.stop_cine()
    assert viewer.index > 0
    tab.set_two_viewports(True)
    assert tab.viewers[1].isVisible()
    tab.viewers[1].activated.emit()
    assert tab.active is tab.viewers[1]
    tab.load_series(*tab.series_list.item(0).data(Qt.ItemDataRole.UserRole))
    qtbot.waitUntil(lambda: tab.viewers[1].count == 40, timeout=15000)
    assert tab.viewers[0].count == 40  # the first viewport keeps its series


def test_the_study_is_exported_anonymised_from_the_tab(qtbot, tmp_path: Path) -> None:
    from pydicom import dcmread

    source = tmp_path / "in"
    source.mkdir()
    for n, raw in enumerate(ct_series(3)):
        (source / f"im{n}.dcm").write_bytes(raw)
    tab = _tab(qtbot)
    with qtbot.waitSignal(tab.series_list.model().rowsInserted, timeout=15000):
        tab.open_paths([source])
    worker = tab.export_study(tmp_path / "out")
    assert worker is not None
    with qtbot.waitSignal(worker.signals.finished, timeout=15000):
        pass
    files = sorted((tmp_path / "out").glob("*.dcm"))
    assert len(files) == 3
    assert all("ROSSI" not in str(dcmread(f).PatientName) for f in files)


def test_a_slow_answer_for_the_previous_patient_is_not_shown(qtbot, tmp_path: Path) -> None:
    from datetime import date

    from fse_desk._types import CodiceFiscale, PatientId
    from fse_desk.domain.patient import ConsentState, Patient, Sex

    for n, raw in enumerate(ct_series(2)):
        (tmp_path / f"im{n}.dcm").write_bytes(raw)
    tab = _tab(qtbot)
    worker = tab.open_paths([tmp_path])  # results for "no patient"...
    other = Patient(
        PatientId("p2"),
        CodiceFiscale("BNCLRA80A41F205X"),
        "BIANCHI",
        "LAURA",
        Sex.FEMALE,
        date(1980, 1, 1),
        consent=ConsentState.GRANTED,
    )
    with qtbot.waitSignal(worker.signals.finished, timeout=15000):
        tab.show_patient(other)  # ...arrive after another patient was opened
    assert tab.study_tree.topLevelItemCount() == 0


def test_images_with_burned_in_text_can_be_left_out_of_the_export(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import io

    from pydicom import dcmread

    source = tmp_path / "in"
    source.mkdir()
    raws = ct_series(3)
    for n, raw in enumerate(raws[:2]):
        (source / f"im{n}.dcm").write_bytes(raw)
    marked = dcmread(io.BytesIO(raws[2]))
    marked.BurnedInAnnotation = "YES"  # the name is drawn into this one
    marked.save_as(source / "im2.dcm", enforce_file_format=True)
    tab = _tab(qtbot)
    with qtbot.waitSignal(tab.series_list.model().rowsInserted, timeout=15000):
        tab.open_paths([source])
    worker = tab.export_study(tmp_path / "out", skip_burned_in=True)
    assert worker is not None
    qtbot.waitSignal(worker.signals.finished, timeout=15000).wait()
    assert len(list((tmp_path / "out").glob("*.dcm"))) == 2
    assert tab.status.text() == (
        "2 anonymised images written. 1 images with burned-in text were left out."
    )
