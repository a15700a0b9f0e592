"""Synthetic DICOM studies for the radiology reports of the demo region.

A study is described by a :class:`StudyRef` (its UID, its patient, the kind
of exam); its instances are built on request as DICOM Part 10 bytes from the
procedural pixels in :mod:`phantoms`. Nothing is stored: the same study is
rebuilt identically each time (UIDs derive from the study UID).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import (
    JPEG2000,
    UID,
    ComputedRadiographyImageStorage,
    CTImageStorage,
    ExplicitVRLittleEndian,
    UltrasoundMultiFrameImageStorage,
)

from fse_desk_sandbox.imaging import phantoms

IMPLEMENTATION_UID = UID("1.2.826.0.1.3680043.10.1437.1")
KINDS = ("ct_chest", "ct_head", "radiograph", "ultrasound")


@dataclass(frozen=True, slots=True)
class StudyRef:
    study_uid: str
    patient_id: str  # codice fiscale
    patient_name: str  # DICOM PN, FAMILY^GIVEN
    birth_date: str  # YYYYMMDD
    sex: str  # M / F / O
    kind: str  # one of KINDS
    description: str
    study_date: str  # YYYYMMDD
    study_time: str = "100000"
    accession: str = ""
    slices: int = phantoms.CT_SLICES
    document_id: str = ""  # the radiology report that names the study


@dataclass(frozen=True, slots=True)
class SeriesRef:
    series_uid: str
    modality: str
    description: str
    number: int
    instances: int


def kind_for(title: str, modality: str = "") -> str:
    """The synthetic exam that stands for a report titled ``title``."""
    lowered = title.lower()
    if lowered.startswith("tc") or modality == "CT":
        return "ct_head" if "encefalo" in lowered else "ct_chest"
    if "eco" in lowered or modality == "US":
        return "ultrasound"
    return "radiograph"


def modality_of(kind: str) -> str:
    return {"ct_chest": "CT", "ct_head": "CT", "radiograph": "CR", "ultrasound": "US"}[kind]


def series_of(ref: StudyRef) -> list[SeriesRef]:
    count = {"radiograph": 1, "ultrasound": 1}.get(ref.kind, ref.slices)
    description = {
        "ct_chest": "Torace 1,0 mm",
        "ct_head": "Encefalo 1,0 mm",
        "radiograph": "PA",
        "ultrasound": "Cine",
    }[ref.kind]
    return [SeriesRef(f"{ref.study_uid}.1", modality_of(ref.kind), description, 1, count)]


def instances(ref: StudyRef, series_uid: str) -> Iterator[bytes]:
    """The Part 10 bytes of each instance of the series, built one at a time."""
    for series in series_of(ref):
        if series.series_uid == series_uid:
            for index in range(series.instances):
                yield part10(instance_dataset(ref, series, index))


def part10(ds: Dataset) -> bytes:
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def instance_dataset(ref: StudyRef, series: SeriesRef, index: int) -> Dataset:
    ds = _common(ref, series, index)
    if ref.kind.startswith("ct_"):
        _ct(ds, ref, index)
    elif ref.kind == "radiograph":
        _radiograph(ds)
    else:
        _ultrasound(ds)
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    return ds


def _common(ref: StudyRef, series: SeriesRef, index: int) -> Dataset:
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.ImplementationClassUID = IMPLEMENTATION_UID
    sop_uid = UID(f"{series.series_uid}.{index + 1}")
    ds.file_meta.MediaStorageSOPInstanceUID = sop_uid
    ds.SpecificCharacterSet = "ISO_IR 192"
    ds.SOPInstanceUID = sop_uid
    ds.StudyInstanceUID = ref.study_uid
    ds.SeriesInstanceUID = series.series_uid
    ds.FrameOfReferenceUID = f"{series.series_uid}.0"
    ds.PatientName = ref.patient_name
    ds.PatientID = ref.patient_id
    ds.PatientBirthDate = ref.birth_date
    ds.PatientSex = ref.sex
    ds.StudyDate = ds.SeriesDate = ds.ContentDate = ref.study_date
    ds.StudyTime = ds.SeriesTime = ds.ContentTime = ref.study_time
    ds.AccessionNumber = ref.accession
    ds.StudyID = "1"
    ds.StudyDescription = ref.description
    ds.SeriesDescription = series.description
    ds.SeriesNumber = series.number
    ds.InstanceNumber = index + 1
    ds.Modality = series.modality
    ds.Manufacturer = "FSE Desk demo"
    ds.InstitutionName = "Regione dimostrativa"
    ds.ReferringPhysicianName = ""
    return ds


def _ct(ds: Dataset, ref: StudyRef, index: int) -> None:
    ds.SOPClassUID = CTImageStorage
    pixels = phantoms.ct_slice(index, head=ref.kind == "ct_head", slices=ref.slices)
    _grey(ds, pixels, bits=12)
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    z = -index * phantoms.CT_THICKNESS_MM  # feet first: index 0 is the lowest slice
    half = phantoms.CT_SIZE * phantoms.CT_SPACING_MM / 2
    ds.ImagePositionPatient = [-half, -half, -z - ref.slices * phantoms.CT_THICKNESS_MM]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.SliceLocation = ds.ImagePositionPatient[2]
    ds.SliceThickness = phantoms.CT_THICKNESS_MM
    ds.PixelSpacing = [phantoms.CT_SPACING_MM, phantoms.CT_SPACING_MM]
    ds.RescaleIntercept = -1024
    ds.RescaleSlope = 1
    ds.RescaleType = "HU"
    ds.KVP = 120
    if ref.kind == "ct_head":
        ds.WindowCenter, ds.WindowWidth = [40, 400], [80, 2000]
    else:
        ds.WindowCenter, ds.WindowWidth = [-600, 40], [1500, 400]
    ds.WindowCenterWidthExplanation = ["WINDOW1", "WINDOW2"]


@lru_cache(maxsize=1)
def _radiograph_j2k() -> bytes:
    """The radiograph, JPEG 2000 lossy (ratio 10:1), encoded once per process."""
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    _grey(ds, phantoms.chest_radiograph(), bits=12)
    ds.compress(JPEG2000, j2k_cr=[10], generate_instance_uid=False)
    return bytes(ds.PixelData)


def _radiograph(ds: Dataset) -> None:
    ds.SOPClassUID = ComputedRadiographyImageStorage
    ds.Rows, ds.Columns = phantoms.RX_ROWS, phantoms.RX_COLUMNS
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 12, 11
    ds.PixelRepresentation = 0
    ds.ImagerPixelSpacing = [phantoms.RX_SPACING_MM, phantoms.RX_SPACING_MM]
    ds.ViewPosition = "PA"
    ds.BodyPartExamined = "CHEST"
    ds.WindowCenter, ds.WindowWidth = 1500, 2600
    ds.PixelData = _radiograph_j2k()  # already encapsulated
    ds["PixelData"].VR = "OB"
    ds.file_meta.TransferSyntaxUID = JPEG2000
    ds.LossyImageCompression = "01"
    ds.LossyImageCompressionRatio = 10
    ds.LossyImageCompressionMethod = "ISO_15444_1"


def _ultrasound(ds: Dataset) -> None:
    ds.SOPClassUID = UltrasoundMultiFrameImageStorage
    frames = np.stack([phantoms.ultrasound_frame(i) for i in range(phantoms.US_FRAMES)])
    ds.NumberOfFrames = phantoms.US_FRAMES
    ds.FrameTime = 40.0  # 25 frames per second
    ds.FrameIncrementPointer = (0x0018, 0x1063)
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows, ds.Columns = phantoms.US_ROWS, phantoms.US_COLUMNS
    ds.BitsAllocated = ds.BitsStored = 8
    ds.HighBit = 7
    ds.PixelRepresentation = 0
    region = Dataset()
    region.RegionSpatialFormat = 1
    region.RegionDataType = 1
    region.PhysicalUnitsXDirection = region.PhysicalUnitsYDirection = 3  # cm
    region.PhysicalDeltaX = region.PhysicalDeltaY = 0.015
    region.RegionLocationMinX0, region.RegionLocationMinY0 = 0, 0
    region.RegionLocationMaxX1 = phantoms.US_COLUMNS - 1
    region.RegionLocationMaxY1 = phantoms.US_ROWS - 1
    ds.SequenceOfUltrasoundRegions = [region]
    ds.PixelData = frames.tobytes()


def _grey(ds: Dataset, pixels: np.ndarray, *, bits: int) -> None:
    ds.Rows, ds.Columns = pixels.shape
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = 16
    ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 0
    ds.PixelData = pixels.astype(np.uint16).tobytes()
