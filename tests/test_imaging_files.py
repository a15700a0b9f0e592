"""Opening local files: a folder of broken files, other patients, a CD, the bounded cache,
measurements (the anonymised export: test_imaging_anonymise.py)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import numpy as np
import pytest
from pydicom import dcmread
from pydicom.data import get_testdata_file

from fse_desk.domain.imaging import FailureReason
from fse_desk.errors import MeasurementUnavailable
from fse_desk.imaging import measure
from fse_desk.imaging.decode import NO_SPACING, Spacing, SpacingKind
from fse_desk.imaging.local import scan
from fse_desk.imaging.service import ImagingService
from fse_desk.imaging.stack import ImageStack
from fse_desk.progress import drive
from tests.imaging_files import CF, OTHER_CF, ct_series, grey_image


def _service() -> ImagingService:
    return ImagingService(documents=lambda _p: [], document_body=lambda _d: ("", b""))


@pytest.fixture
def broken_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "cd"
    folder.mkdir()
    good = ct_series(4)
    for n, raw in enumerate(good):
        (folder / f"good{n}.dcm").write_bytes(raw)
    (folder / "truncated.dcm").write_bytes(good[0][: len(good[0]) // 2])
    (folder / "zero.dcm").write_bytes(b"")
    (folder / "random.bin").write_bytes(np.random.default_rng(1).bytes(4096))
    shutil.copy(get_testdata_file("badVR.dcm"), folder / "badvr.dcm")
    # No preamble: a raw dataset, still a valid image.
    raw = io.BytesIO()
    image = grey_image(np.arange(16, dtype=np.uint16).reshape(4, 4))
    image.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2"
    image.save_as(raw, enforce_file_format=False)
    body = raw.getvalue()
    (folder / "nopreamble.dcm").write_bytes(body[body.index(b"\x08\x00") :])
    # Missing transfer syntax in the file meta: read as implicit VR little endian.
    ds = grey_image(np.ones((4, 4), dtype=np.uint16))
    ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2"
    ds.save_as(folder / "nots.dcm", enforce_file_format=True)
    fixed = dcmread(folder / "nots.dcm")
    del fixed.file_meta.TransferSyntaxUID
    fixed.save_as(folder / "nots.dcm", enforce_file_format=False)
    # A huge file of odd length: sparse, never read whole.
    with (folder / "huge.iso").open("wb") as fh:
        fh.truncate(300_000_001)
    return folder


def test_a_folder_of_broken_files_loads_the_valid_ones_and_explains_the_rest(
    broken_folder: Path,
) -> None:
    result = drive(scan([broken_folder], patient_ids=[CF]))
    reasons = {Path(f.path).name: f.reason for f in result.failures}
    assert reasons["truncated.dcm"] is FailureReason.TRUNCATED
    assert reasons["zero.dcm"] is FailureReason.EMPTY
    assert reasons["random.bin"] is FailureReason.NOT_DICOM
    assert reasons["huge.iso"] is FailureReason.NOT_DICOM
    ct = next(s for s in result.studies if s.summary.study_uid == "2.25.424242")
    assert ct.series[0].summary.image_count == 4
    assert not ct.other_patient
    loaded_names = {
        i.path.name for s in result.studies for series in s.series for i in series.instances
    }
    assert {"nopreamble.dcm", "nots.dcm"} <= loaded_names
    # badVR's header reads; its pixels do not: the failure shows when the series loads.
    service = _service()
    failures = []
    for study in result.studies:
        for series in study.series:
            load = drive(service.load_local_series(series, ImageStack()))
            failures += list(load.failures)
    assert [Path(f.path).name for f in failures] == ["badvr.dcm"]
    assert failures[0].reason is FailureReason.BAD_ENCODING


def test_a_study_of_another_patient_is_flagged(tmp_path: Path) -> None:
    for n, raw in enumerate(ct_series(2, patient=OTHER_CF, uid="2.25.99")):
        (tmp_path / f"x{n}.dcm").write_bytes(raw)
    for n, raw in enumerate(ct_series(2)):
        (tmp_path / f"y{n}.dcm").write_bytes(raw)
    result = drive(scan([tmp_path], patient_ids=[CF]))
    flags = {s.summary.patient_id: s.other_patient for s in result.studies}
    assert flags == {OTHER_CF: True, CF: False}


def test_a_cd_with_dicomdir_is_grouped_by_patient_study_series() -> None:
    dicomdir = Path(get_testdata_file("DICOMDIR"))
    result = drive(scan([dicomdir]))
    assert len(result.patients) >= 2
    assert all(s.series for s in result.studies)
    assert result.files_seen > 20


def test_the_slice_cache_stays_within_its_budget() -> None:
    stack = ImageStack(cache_bytes=3 * 512 * 512 * 2)
    for raw in ct_series(10):
        stack.add(raw)
    assert len(stack) == 10
    assert stack.cached_bytes <= 3 * 512 * 512 * 2
    first = stack.frame(0).copy()  # decoded again from its source
    assert np.array_equal(stack.frame(0), first)
    stack.prefetch(5, 1)
    assert stack.is_cached(5) and stack.is_cached(4) and stack.is_cached(6)


def test_slices_are_ordered_by_position_whatever_the_arrival_order() -> None:
    stack = ImageStack()
    for raw in reversed(ct_series(5)):
        stack.add(raw)
    positions = [stack.info(i).position for i in range(5)]
    assert positions == sorted(positions)


def test_length_uses_pixel_spacing_and_flags_detector_spacing() -> None:
    assert measure.length((0, 0), (30, 40), Spacing(0.5, 0.5, SpacingKind.PATIENT)).mm == 25.0
    flagged = measure.length((0, 0), (10, 0), Spacing(0.2, 0.2, SpacingKind.DETECTOR))
    assert flagged.detector_only and flagged.mm == pytest.approx(2.0)
    with pytest.raises(MeasurementUnavailable, match="no Pixel Spacing") as caught:
        measure.length((0, 0), (1, 1), NO_SPACING)
    assert caught.value.reason == "no_spacing"


def test_angle_and_ellipse_statistics_in_hounsfield_units() -> None:
    assert measure.angle((0, 0), (10, 0), (0, 10)) == pytest.approx(90.0)
    frame = np.full((100, 100), -1000, dtype=np.int16)
    frame[40:60, 40:60] = 40
    stats = measure.ellipse_stats(frame, 45, 45, 10, 10, Spacing(1, 1, SpacingKind.PATIENT))
    assert stats.mean == pytest.approx(40.0) and stats.sd == pytest.approx(0.0)
    assert stats.area_mm2 == pytest.approx(np.pi * 25)
