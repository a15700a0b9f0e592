"""Synthetic DICOM files for the imaging tests, written from the facts of PS3.3/PS3.10."""

from __future__ import annotations

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import JPEG2000Lossless, generate_uid

from fse_desk_sandbox.imaging.studies import StudyRef, instances, part10, series_of

CF = "RSSMRA70A01A944X"
OTHER_CF = "BNCLRA80A41F205X"


def ct_ref(slices: int = 12, patient: str = CF, uid: str = "2.25.424242") -> StudyRef:
    return StudyRef(
        uid,
        patient,
        "ROSSI^MARIO",
        "19700101",
        "M",
        "ct_chest",
        "TC torace",
        "20250314",
        slices=slices,
    )


def ct_series(slices: int = 12, patient: str = CF, uid: str = "2.25.424242") -> list[bytes]:
    ref = ct_ref(slices, patient, uid)
    return list(instances(ref, series_of(ref)[0].series_uid))


def jpeg2000_series(slices: int = 8, uid: str = "2.25.515151") -> list[bytes]:
    """A CT series compressed as JPEG 2000 (lossless)."""
    import io

    from pydicom import dcmread

    out = []
    for raw in ct_series(slices, uid=uid):
        ds = dcmread(io.BytesIO(raw))
        ds.compress(JPEG2000Lossless, generate_instance_uid=False)
        out.append(part10(ds))
    return out


def grey_image(
    pixels: np.ndarray, *, photometric: str = "MONOCHROME2", signed: bool = False, **attrs: object
) -> Dataset:
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.1"
    ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    uid = generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = uid
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    ds.SOPInstanceUID = uid
    ds.StudyInstanceUID = "2.25.777"
    ds.SeriesInstanceUID = "2.25.777.1"
    ds.PatientName = "ROSSI^MARIO"
    ds.PatientID = CF
    ds.Modality = "OT"
    ds.Rows, ds.Columns = pixels.shape
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = photometric
    bits = pixels.dtype.itemsize * 8
    ds.BitsAllocated = ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 1 if signed else 0
    for key, value in attrs.items():
        setattr(ds, key, value)
    ds.PixelData = pixels.tobytes()
    return ds
