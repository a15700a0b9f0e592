"""Decoding real DICOM files: pydicom's bundled test files and our own synthetic ones."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydicom.data import get_testdata_file

from fse_desk.errors import DicomFileError
from fse_desk.imaging.decode import SpacingKind, decode_pixels, image_info, read_dataset
from fse_desk.imaging.voi import CT_PRESETS, Window, default_window, to_display
from tests.imaging_files import grey_image


def _bundled(name: str) -> Path:
    return Path(get_testdata_file(name))


@pytest.mark.parametrize(
    ("name", "shape", "colour", "lossy"),
    [
        ("CT_small.dcm", (1, 128, 128), False, False),  # 16-bit signed, rescaled to HU
        ("MR_small_RLE.dcm", (1, 64, 64), False, False),  # RLE lossless
        ("MR_small_jpeg_ls_lossless.dcm", (1, 64, 64), False, False),  # JPEG-LS
        ("MR_small_jp2klossless.dcm", (1, 64, 64), False, False),  # JPEG 2000 lossless
        ("693_J2KI.dcm", (1, 512, 512), False, True),  # JPEG 2000 lossy
        ("JPGExtended.dcm", (1, 1024, 256), False, True),  # JPEG extended 12-bit
        ("SC_rgb_jpeg.dcm", (1, 256, 256, 3), True, True),  # JPEG baseline, YBR -> RGB
        ("SC_ybr_full_422_uncompressed.dcm", (1, 100, 100, 3), True, True),  # says lossy
        ("SC_rgb_rle_2frame.dcm", (2, 100, 100, 3), True, False),  # RGB, RLE, 2 frames
        ("examples_palette.dcm", (1, 800, 800, 3), True, False),  # PALETTE COLOR
        ("examples_ybr_color.dcm", (30, 240, 320, 3), True, True),  # cine loop
    ],
)
def test_bundled_files_decode(name: str, shape: tuple[int, ...], colour: bool, lossy: bool) -> None:
    ds = read_dataset(_bundled(name))
    info = image_info(ds)
    pixels = decode_pixels(ds)
    assert pixels.shape[0] == info.frames
    assert pixels.ndim == len(shape)
    assert (pixels.shape[-1] == 3) is colour
    assert info.colour is colour
    assert info.lossy is lossy


def test_ct_values_are_hounsfield_units() -> None:
    ds = read_dataset(_bundled("CT_small.dcm"))
    info = image_info(ds)
    pixels = decode_pixels(ds)
    assert info.units == "HU"
    raw = ds.pixel_array.astype(np.int32)
    expected = raw * int(ds.RescaleSlope) + int(ds.RescaleIntercept)
    assert np.array_equal(pixels[0].astype(np.int32), expected)


def test_monochrome1_is_inverted_by_default_and_8_bit_unsigned_reads() -> None:
    pixels = np.arange(64, dtype=np.uint8).reshape(8, 8)
    ds = grey_image(pixels, photometric="MONOCHROME1")
    info = image_info(ds)
    assert info.invert_default is True
    assert np.array_equal(decode_pixels(ds)[0], pixels)


def test_16_bit_signed_pixels_keep_their_sign() -> None:
    pixels = np.array([[-2000, -1], [0, 3000]], dtype=np.int16)
    ds = grey_image(pixels, signed=True)
    assert np.array_equal(decode_pixels(ds)[0], pixels)


def test_window_comes_from_the_file_then_from_the_voi_lut() -> None:
    ds = grey_image(
        np.zeros((4, 4), dtype=np.uint16), WindowCenter=[40, 300], WindowWidth=[400, 1500]
    )
    assert default_window(ds) == Window(40, 400)
    lut = grey_image(np.zeros((4, 4), dtype=np.uint16))
    from pydicom.dataset import Dataset

    item = Dataset()
    item.LUTDescriptor = [1024, 100, 16]
    item.LUTData = list(range(1024))
    lut.VOILUTSequence = [item]
    assert default_window(lut) == Window(100 + 512, 1024)


def test_ct_presets_map_hounsfield_units_to_grey() -> None:
    frame = np.array([[-1000, -600, 0, 1000]], dtype=np.int16)
    lung = to_display(frame, CT_PRESETS["lung"])
    assert lung[0, 0] < lung[0, 1] < lung[0, 2] < lung[0, 3] == 255
    assert to_display(frame, CT_PRESETS["lung"], invert=True)[0, 3] == 0


def test_spacing_patient_detector_and_none() -> None:
    zero = np.zeros((4, 4), dtype=np.uint16)
    assert image_info(grey_image(zero, PixelSpacing=[0.5, 0.5])).spacing.kind is (
        SpacingKind.PATIENT
    )
    assert image_info(grey_image(zero, ImagerPixelSpacing=[0.2, 0.2])).spacing.kind is (
        SpacingKind.DETECTOR
    )
    assert image_info(grey_image(zero)).spacing.kind is SpacingKind.NONE


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"\x89PNG\r\n\x1a\n" + bytes(300), "not_dicom")],
)
def test_non_dicom_bytes_are_refused_with_a_reason(content: bytes, reason: str) -> None:
    with pytest.raises(DicomFileError, match="DICOM") as caught:
        read_dataset(content)
    assert caught.value.reason == reason


def test_truncated_pixel_data_is_reported_as_truncated() -> None:
    ds = read_dataset(_bundled("MR_truncated.dcm"))
    with pytest.raises(DicomFileError, match="pixel data cannot be decoded") as caught:
        decode_pixels(ds)
    assert caught.value.reason == "truncated"
