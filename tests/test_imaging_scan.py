"""The scan of files and CDs: true reasons for refusal, and a CD read by its DICOMDIR."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file

from fse_desk.domain.imaging import FailureReason, LocalScan
from fse_desk.imaging.local import scan
from fse_desk.progress import drive
from tests.imaging_files import grey_image


def _scan(*paths: Path) -> LocalScan:
    return drive(scan(list(paths)))


def _copy(name: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(get_testdata_file(name), folder / name))


def _reasons(result: LocalScan) -> dict[str, FailureReason]:
    return {Path(f.path).name: f.reason for f in result.failures}


def test_a_ybr_full_422_file_is_accepted_and_a_short_one_is_truncated(tmp_path: Path) -> None:
    good = _copy("SC_ybr_full_422_uncompressed.dcm", tmp_path / "cd")
    # 4:2:2 holds two bytes a pixel, not three: 100 × 100 × 2 = 20,000 bytes.
    raw = good.read_bytes()
    (tmp_path / "cd" / "short.dcm").write_bytes(raw[:-2_000])
    result = _scan(tmp_path / "cd")
    assert _reasons(result) == {"short.dcm": FailureReason.TRUNCATED}
    assert [s.summary.image_count for s in result.studies] == [1]


def test_images_without_pixel_data_are_no_image_not_truncated(tmp_path: Path) -> None:
    folder = tmp_path / "cd"
    folder.mkdir()
    image = grey_image(np.ones((8, 8), dtype=np.uint16))
    del image.PixelData  # Rows and Columns but no pixels, e.g. a header kept alone
    image.save_as(folder / "header_only.dcm", enforce_file_format=True)
    _copy("rtplan.dcm", folder)  # a plan: no image module at all
    result = _scan(folder)
    assert _reasons(result) == {
        "header_only.dcm": FailureReason.NO_IMAGE,
        "rtplan.dcm": FailureReason.NO_IMAGE,
    }


def test_an_unsupported_syntax_names_the_compression_needed(tmp_path: Path) -> None:
    folder = tmp_path / "cd"
    folder.mkdir()
    image = grey_image(np.ones((8, 8), dtype=np.uint16))
    image.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.4.100"  # MPEG2 video
    image.PixelData = pydicom.encaps.encapsulate([b"\x00" * 64])
    image["PixelData"].VR = "OB"
    image.save_as(folder / "video.dcm", enforce_file_format=True)
    (failure,) = _scan(folder).failures
    assert failure.reason is FailureReason.UNSUPPORTED
    assert failure.codec == "MPEG2 Main Profile / Main Level"
    assert "MPEG2" in failure.detail


def _pydicom_decodes(path: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ds = pydicom.dcmread(path)
            return "PixelData" in ds and ds.pixel_array.size > 0
    except Exception:
        return False


def test_every_bundled_file_pydicom_decodes_is_offered(tmp_path: Path) -> None:
    """The scan refuses none of pydicom's own test images that pydicom can decode."""
    bundled = Path(pydicom.data.__file__).parent / "test_files"  # no download: what ships
    decodable = [
        p
        for p in sorted(bundled.glob("*.dcm"))
        if p.stat().st_size < 5_000_000 and _pydicom_decodes(str(p))
    ]
    assert len(decodable) > 50
    refused = []
    for path in decodable:
        result = _scan(path)
        if not result.studies:
            refused.append((path.name, [f.detail for f in result.failures]))
    assert refused == []


# -- a CD read by its DICOMDIR -------------------------------------------------------------------
@pytest.fixture
def cd(tmp_path: Path) -> Path:
    """pydicom's DICOMDIR test disc, with one listed file gone and one unlisted file added."""
    source = Path(get_testdata_file("DICOMDIR")).parent
    disc = tmp_path / "cdrom"
    shutil.copytree(source, disc)
    for stray in disc.glob("DICOMDIR-*"):
        stray.unlink()  # pydicom's variants of the index, not part of this disc
    shutil.rmtree(disc / "TINY_ALPHA")  # another file-set of pydicom's, not this disc's
    (disc / "77654033" / "CR1" / "6154").unlink()
    extra = grey_image(np.ones((4, 4), dtype=np.uint16), StudyInstanceUID="2.25.999")
    extra.save_as(disc / "EXTRA.DCM", enforce_file_format=True)
    (disc / "README.TXT").write_text("not dicom", encoding="ascii")
    return disc


def test_a_cd_is_read_by_its_index(cd: Path) -> None:
    result = _scan(cd)
    missing = [f for f in result.failures if f.reason is FailureReason.MISSING]
    assert [Path(f.path).relative_to(cd).as_posix() for f in missing] == ["77654033/CR1/6154"]
    assert [p.name for p in result.unindexed] == ["EXTRA.DCM"]
    assert "2.25.999" not in {s.summary.study_uid for s in result.studies}
    index = pydicom.fileset.FileSet(pydicom.dcmread(cd / "DICOMDIR"))
    assert len(result.studies) == len(index.find_values("StudyInstanceUID"))
    # pydicom lists 31 images on this disc; FileSet itself leaves out the missing one.
    assert sum(s.summary.image_count or 0 for s in result.studies) == len(index) == 30
    assert len(result.patients) == len(index.find_values("PatientID"))


def test_choosing_the_dicomdir_file_is_the_same_as_the_disc(cd: Path) -> None:
    by_file, by_disc = _scan(cd / "DICOMDIR"), _scan(cd)
    assert by_file.studies == by_disc.studies
    assert by_file.unindexed == by_disc.unindexed


def test_the_unindexed_files_open_apart(cd: Path) -> None:
    result = _scan(*_scan(cd).unindexed)
    assert [s.summary.study_uid for s in result.studies] == ["2.25.999"]


def test_a_disc_without_dicomdir_is_scanned(cd: Path) -> None:
    (cd / "DICOMDIR").unlink()
    result = _scan(cd)
    assert "2.25.999" in {s.summary.study_uid for s in result.studies}
    assert result.unindexed == ()
    assert not [f for f in result.failures if f.reason is FailureReason.MISSING]
