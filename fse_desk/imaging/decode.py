"""Reading one DICOM instance: its header facts and its pixels in modality units.

Pixels come back as ``(frames, rows, columns)`` for grey images or
``(frames, rows, columns, 3)`` for colour, with the modality LUT (rescale
slope/intercept) applied, so a CT value is in Hounsfield units. YBR images are
converted to RGB and PALETTE COLOR through its lookup table. Every pydicom or
decoder failure comes out as :class:`~fse_desk.errors.DicomFileError` with a
:class:`~fse_desk.domain.imaging.FailureReason`.
"""

from __future__ import annotations

import enum
import io
import struct
import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pydicom
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError
from pydicom.uid import UID

from fse_desk.domain.imaging import FailureReason
from fse_desk.errors import DicomFileError
from fse_desk.imaging.checks import check_decodable
from fse_desk.imaging.voi import VoiLut, Window, default_window, voi_lut

DEFAULT_MEMORY_BUDGET = 1_500_000_000
"""Largest decoded instance accepted (bytes); bigger ones fail with TOO_LARGE."""

_LOSSY_SYNTAXES = {
    "1.2.840.10008.1.2.4.50",  # JPEG baseline
    "1.2.840.10008.1.2.4.51",  # JPEG extended
    "1.2.840.10008.1.2.4.81",  # JPEG-LS near-lossless
    "1.2.840.10008.1.2.4.91",  # JPEG 2000 (may be lossy)
    "1.2.840.10008.1.2.4.203",  # HTJ2K (may be lossy)
}


class SpacingKind(enum.Enum):
    PATIENT = "patient"  # Pixel Spacing: distances in the patient
    DETECTOR = "detector"  # only Imager Pixel Spacing: at the detector, magnified
    ULTRASOUND = "ultrasound"  # from the ultrasound region calibration
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Spacing:
    """Millimetres between pixel centres: ``row`` (vertical) and ``column`` (horizontal)."""

    row_mm: float
    column_mm: float
    kind: SpacingKind


NO_SPACING = Spacing(0.0, 0.0, SpacingKind.NONE)


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """What the viewer needs to know about an instance, without its pixels."""

    sop_uid: str
    rows: int
    columns: int
    frames: int
    photometric: str
    colour: bool
    modality: str
    bits_stored: int
    signed: bool
    spacing: Spacing
    window: Window | None
    invert_default: bool
    lossy: bool
    transfer_syntax: str
    units: str  # "HU" on CT, "" otherwise
    patient_name: str
    patient_id: str
    patient_birth_date: date | None
    patient_sex: str
    study_uid: str
    study_date: date | None
    study_description: str
    series_uid: str
    series_description: str
    series_number: int | None
    instance_number: int | None
    position: float | None  # along the slice normal (mm), None when unknown
    slice_location: float | None
    frame_time_ms: float | None
    voi_lut: VoiLut | None = None  # a curve from the file's LUT Data, shown before its window


def read_dataset(source: Path | bytes, *, header_only: bool = False) -> Dataset:
    """Parse ``source``; raw datasets without preamble are accepted."""
    return _read(source, header_only)[0]


def read_header(path: Path) -> tuple[Dataset, int]:
    """The header of ``path`` and the offset where its pixel data element starts (the end of the
    file when it has none), to judge the pixels without reading them."""
    return _read(path, True)


def _read(source: Path | bytes, header_only: bool) -> tuple[Dataset, int]:
    if isinstance(source, Path):
        try:
            size = source.stat().st_size
        except OSError as exc:
            raise DicomFileError(f"{source}: {exc}", reason=FailureReason.UNREADABLE.value) from exc
        if size == 0:
            raise DicomFileError(f"{source}: empty file", reason=FailureReason.EMPTY.value)
    elif not source:
        raise DicomFileError("empty DICOM object", reason=FailureReason.EMPTY.value)
    name = str(source) if isinstance(source, Path) else "DICOM object"
    try:
        return _parse(source, header_only, force=False)
    except InvalidDicomError:
        pass  # no preamble: try as a raw dataset, then judge what we got
    except Exception as exc:
        raise _classified(name, exc) from exc
    if not _looks_like_raw_dataset(source):
        raise DicomFileError(
            f"{name}: no DICOM preamble nor dataset", reason=FailureReason.NOT_DICOM.value
        )
    try:
        ds, stopped_at = _parse(source, header_only, force=True)
    except Exception as exc:
        raise _classified(name, exc) from exc
    if "SOPClassUID" not in ds and "Rows" not in ds:
        raise DicomFileError(f"{name}: no DICOM structure", reason=FailureReason.NOT_DICOM.value)
    return ds, stopped_at


def looks_like_dicom(path: Path) -> bool:
    """A Part 10 preamble ("DICM" at 128) or a raw dataset's first tag: worth offering to open."""
    try:
        with path.open("rb") as fh:
            head = fh.read(132)
    except OSError:
        return False
    return head[128:132] == b"DICM" or _looks_like_raw_dataset(head)


def _looks_like_raw_dataset(source: Path | bytes) -> bool:
    """A dataset without preamble starts with a low group tag (0002, 0008) in either byte order;
    anything else (zeros, random bytes, another format) is not parsed blindly."""
    if isinstance(source, Path):
        try:
            with source.open("rb") as fh:
                head = fh.read(8)
        except OSError:
            return False
    else:
        head = source[:8]
    if len(head) < 8:
        return False
    group_le = int.from_bytes(head[:2], "little")
    group_be = int.from_bytes(head[:2], "big")
    return group_le in (0x0002, 0x0008) or group_be in (0x0002, 0x0008)


def _parse(source: Path | bytes, header_only: bool, *, force: bool) -> tuple[Dataset, int]:
    """The dataset and where reading stopped (before the pixels when ``header_only``)."""
    with (
        source.open("rb") if isinstance(source, Path) else io.BytesIO(source) as fp,
        warnings.catch_warnings(),  # pydicom warns about every oddity; we classify failures
    ):
        warnings.simplefilter("ignore")
        ds = pydicom.dcmread(fp, force=force, stop_before_pixels=header_only)
        if force:
            # A raw dataset: pydicom guessed the encoding; make sure the elements decode.
            for element in ds.iterall():
                _ = element.value
        return ds, fp.tell()


def _classified(name: str, exc: BaseException) -> DicomFileError:
    text = f"{name}: {type(exc).__name__}: {exc}"
    if isinstance(exc, (EOFError, struct.error)) or "end of file" in str(exc).lower():
        return DicomFileError(text, reason=FailureReason.TRUNCATED.value)
    if isinstance(exc, OSError):
        return DicomFileError(text, reason=FailureReason.UNREADABLE.value)
    if isinstance(exc, InvalidDicomError):
        return DicomFileError(text, reason=FailureReason.NOT_DICOM.value)
    if isinstance(exc, MemoryError):
        return DicomFileError(text, reason=FailureReason.TOO_LARGE.value)
    return DicomFileError(text, reason=FailureReason.BAD_ENCODING.value)


def image_info(ds: Dataset) -> ImageInfo:
    """Header facts of an image instance; DicomFileError(NO_IMAGE) if it has no pixels."""
    if "Rows" not in ds or "Columns" not in ds:
        raise DicomFileError(
            f"{ds.get('SOPInstanceUID', '?')}: not an image (no Rows/Columns)",
            reason=FailureReason.NO_IMAGE.value,
        )
    photometric = str(ds.get("PhotometricInterpretation", "MONOCHROME2")).strip()
    modality = str(ds.get("Modality", "OT"))
    try:
        syntax = str(ds.file_meta.TransferSyntaxUID)
    except AttributeError:
        syntax = ""
    lossy_attr = str(ds.get("LossyImageCompression", "")).strip()
    lossy = lossy_attr == "01" or (syntax in _LOSSY_SYNTAXES and lossy_attr != "00")
    colour = photometric not in ("MONOCHROME1", "MONOCHROME2")
    rescaled = "RescaleSlope" in ds or "RescaleIntercept" in ds
    return ImageInfo(
        sop_uid=str(ds.get("SOPInstanceUID", "")),
        rows=int(ds.Rows),
        columns=int(ds.Columns),
        frames=_int(ds.get("NumberOfFrames")) or 1,
        photometric=photometric,
        colour=colour,
        modality=modality,
        bits_stored=_int(ds.get("BitsStored")) or _int(ds.get("BitsAllocated")) or 8,
        signed=_int(ds.get("PixelRepresentation")) == 1,
        spacing=spacing_of(ds),
        window=None if colour else default_window(ds),
        invert_default=photometric == "MONOCHROME1",
        lossy=lossy,
        transfer_syntax=syntax,
        units="HU" if modality == "CT" and rescaled else "",
        patient_name=str(ds.get("PatientName", "")).replace("^", " ").strip(),
        patient_id=str(ds.get("PatientID", "")),
        patient_birth_date=_date(ds.get("PatientBirthDate")),
        patient_sex=str(ds.get("PatientSex", "")),
        study_uid=str(ds.get("StudyInstanceUID", "")),
        study_date=_date(ds.get("StudyDate")),
        study_description=str(ds.get("StudyDescription", "")),
        series_uid=str(ds.get("SeriesInstanceUID", "")),
        series_description=str(ds.get("SeriesDescription", "")),
        series_number=_int(ds.get("SeriesNumber")),
        instance_number=_int(ds.get("InstanceNumber")),
        position=slice_position(ds),
        slice_location=_float(ds.get("SliceLocation")),
        frame_time_ms=_frame_time(ds),
        voi_lut=None if colour else voi_lut(ds),
    )


def decode_pixels(
    ds: Dataset, *, budget: int = DEFAULT_MEMORY_BUDGET, info: ImageInfo | None = None
) -> np.ndarray:
    """All frames in modality units: ``(F, R, C)`` grey or ``(F, R, C, 3)`` RGB.

    ``info``, when the caller already read it from ``ds``, saves reading the header twice
    (about a tenth of decoding a CT slice)."""
    info = info if info is not None else image_info(ds)
    samples = _int(ds.get("SamplesPerPixel")) or 1
    needed = info.rows * info.columns * info.frames * max(samples, 1) * 4
    if needed > budget:
        raise DicomFileError(
            f"{info.sop_uid}: {needed:,} bytes of pixels exceed the budget of {budget:,}",
            reason=FailureReason.TOO_LARGE.value,
        )
    if "PixelData" not in ds and "FloatPixelData" not in ds and "DoubleFloatPixelData" not in ds:
        raise DicomFileError(f"{info.sop_uid}: no pixel data", reason=FailureReason.NO_IMAGE.value)
    _ensure_transfer_syntax(ds)
    check_decodable(ds)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            arr = ds.pixel_array
    except NotImplementedError as exc:
        name = UID(info.transfer_syntax).name if info.transfer_syntax else ""
        raise DicomFileError(
            f"{info.sop_uid}: cannot decode transfer syntax {name} ({info.transfer_syntax}): {exc}",
            reason=FailureReason.UNSUPPORTED.value,
            codec=name,
        ) from exc
    except MemoryError as exc:
        raise DicomFileError(str(exc), reason=FailureReason.TOO_LARGE.value) from exc
    except (ValueError, EOFError, struct.error, KeyError, AttributeError, TypeError) as exc:
        text = str(exc).lower()
        truncated = "length" in text or ("bytes" in text and "less than" in text)
        reason = FailureReason.TRUNCATED if truncated else FailureReason.BAD_ENCODING
        raise DicomFileError(
            f"{info.sop_uid}: pixel data cannot be decoded: {exc}", reason=reason.value
        ) from exc
    except RuntimeError as exc:  # decoder plugins (openjpeg, libjpeg) report this way
        raise DicomFileError(
            f"{info.sop_uid}: pixel decoder failed: {exc}", reason=FailureReason.BAD_ENCODING.value
        ) from exc
    if info.photometric == "PALETTE COLOR":
        from pydicom.pixels import apply_color_lut

        arr = apply_color_lut(arr, ds)
        if arr.dtype != np.uint8:
            arr = (arr >> 8).astype(np.uint8)
    if info.colour:
        if arr.ndim == 3:
            arr = arr[np.newaxis]
        return np.ascontiguousarray(arr)
    if arr.ndim == 2:
        arr = arr[np.newaxis]
    return _modality_values(arr, ds)


def _ensure_transfer_syntax(ds: Dataset) -> None:
    """Files without a transfer syntax: take the one pydicom read the dataset with."""
    meta = getattr(ds, "file_meta", None)
    if meta is None or "TransferSyntaxUID" not in meta:
        if meta is None:
            ds.file_meta = pydicom.dataset.FileMetaDataset()
        implicit = ds.is_implicit_VR if ds.is_implicit_VR is not None else True
        little = ds.is_little_endian if ds.is_little_endian is not None else True
        if implicit:
            ds.file_meta.TransferSyntaxUID = UID("1.2.840.10008.1.2")
        elif little:
            ds.file_meta.TransferSyntaxUID = UID("1.2.840.10008.1.2.1")
        else:
            ds.file_meta.TransferSyntaxUID = UID("1.2.840.10008.1.2.2")


def _modality_values(arr: np.ndarray, ds: Dataset) -> np.ndarray:
    slope = _float(ds.get("RescaleSlope"))
    intercept = _float(ds.get("RescaleIntercept"))
    slope = 1.0 if slope is None else slope
    intercept = 0.0 if intercept is None else intercept
    if slope == 1.0 and intercept == 0.0:
        if arr.dtype in (np.uint8, np.int8, np.uint16, np.int16):
            return np.ascontiguousarray(arr)
        return arr.astype(np.float32)
    if slope.is_integer() and intercept.is_integer():
        out = arr.astype(np.int32) * int(slope) + int(intercept)
        if out.size and out.min() >= -32768 and out.max() <= 32767:
            return out.astype(np.int16)
        return out.astype(np.float32)
    return (arr.astype(np.float32) * np.float32(slope) + np.float32(intercept)).astype(np.float32)


def spacing_of(ds: Dataset) -> Spacing:
    """Pixel spacing: patient (Pixel Spacing), detector (Imager Pixel Spacing) or ultrasound."""
    pixel = _pair(ds.get("PixelSpacing"))
    if pixel is None:
        for group in ds.get("SharedFunctionalGroupsSequence", []) or []:
            for measures in group.get("PixelMeasuresSequence", []) or []:
                pixel = _pair(measures.get("PixelSpacing")) or pixel
    if pixel is not None:
        return Spacing(pixel[0], pixel[1], SpacingKind.PATIENT)
    imager = _pair(ds.get("ImagerPixelSpacing"))
    if imager is not None:
        return Spacing(imager[0], imager[1], SpacingKind.DETECTOR)
    for region in ds.get("SequenceOfUltrasoundRegions", []) or []:
        dx, dy = _float(region.get("PhysicalDeltaX")), _float(region.get("PhysicalDeltaY"))
        units = _int(region.get("PhysicalUnitsXDirection"))
        if dx and dy and units == 3:  # 3 = cm
            return Spacing(abs(dy) * 10.0, abs(dx) * 10.0, SpacingKind.ULTRASOUND)
    return NO_SPACING


def slice_position(ds: Dataset) -> float | None:
    """Position along the slice normal, from Image Position/Orientation (Patient)."""
    position = ds.get("ImagePositionPatient")
    orientation = ds.get("ImageOrientationPatient")
    try:
        if position is not None and orientation is not None and len(orientation) == 6:
            row = np.array([float(v) for v in orientation[:3]])
            col = np.array([float(v) for v in orientation[3:]])
            return float(np.dot(np.cross(row, col), [float(v) for v in position]))
    except (TypeError, ValueError):
        return None
    return None


def _frame_time(ds: Dataset) -> float | None:
    frame_time = _float(ds.get("FrameTime"))
    if frame_time:
        return frame_time
    rate = _float(ds.get("RecommendedDisplayFrameRate")) or _float(ds.get("CineRate"))
    return 1000.0 / rate if rate else None


def _pair(value: Any) -> tuple[float, float] | None:
    try:
        if value is not None and len(value) >= 2 and float(value[0]) > 0 and float(value[1]) > 0:
            return float(value[0]), float(value[1])
    except (TypeError, ValueError):
        return None
    return None


def _int(value: Any) -> int | None:
    try:
        return None if value in (None, "") else int(value)
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    try:
        if value is None or value == "":
            return None
        if isinstance(value, (list, tuple)) or type(value).__name__ == "MultiValue":
            value = value[0]
        return float(value)
    except (TypeError, ValueError, IndexError):
        return None


def _date(value: Any) -> date | None:
    text = str(value or "").strip()
    if len(text) < 8 or not text[:8].isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None
